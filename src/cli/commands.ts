// Which function runs each CLI command. Commands that talk to a running instance live beside it.
import type { Command, ParsedArgs } from './args.js'
import { start } from './start.js'
import { printKeys, resetDatabase } from './offline.js'
import { printToken } from './token.js'
import { trigger } from './trigger.js'

type Runner = (args: ParsedArgs) => Promise<void> | void

export const runners: Record<Command, Runner> = {
  start: (args) => start(args.options),
  keys: (args) => printKeys(args.options),
  reset: (args) => resetDatabase(args.options),
  token: (args) => printToken(args),
  trigger: (args) => trigger(args),
}
