#!/usr/bin/env node
// The `ghl-mock` binary: argv and env → a command and options → run it. No logic of its own;
// one-line errors and exit code 2 for bad usage.
import { readFileSync } from 'node:fs'
import { CliError, helpText, parseCli } from './cli/args.js'
import { runners } from './cli/commands.js'
import { OptionsError } from './options.js'
import { FixturesError } from './fixtures/fixtures-file.js'

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }

async function main(): Promise<void> {
  const args = parseCli(process.argv.slice(2), process.env)
  if (args.flags.help) return void process.stdout.write(`${helpText(version)}\n`)
  if (args.flags.version) return void process.stdout.write(`${version}\n`)
  await runners[args.command](args)
}

main().catch((error: unknown) => {
  const usage = error instanceof CliError || error instanceof OptionsError || error instanceof FixturesError
  process.stderr.write(`ghl-mock: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(usage ? 2 : 1)
})
