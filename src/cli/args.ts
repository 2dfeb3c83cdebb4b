// Turns argv and GHL_MOCK_* environment variables into a command and server options. A flag
// beats its environment twin; an unknown flag or a bad value is a CliError (exit code 2).
import { parseArgs } from 'node:util'
import type { ServerOptions } from '../options.js'

export class CliError extends Error {}

type Kind = 'int' | 'string' | 'bool' | 'enum'

interface FlagSpec {
  kind: Kind
  /** The ServerOptions field it sets; absent for command-only flags. */
  option?: keyof ServerOptions
  values?: readonly string[]
  help: string
  /** Shown in --help; the CLI's product default, where it differs from createServer's. */
  defaultText?: string
}

/** Every flag; `ghl-mock --help` prints this table, so keep `help` short. */
export const flagSpecs = {
  port: { kind: 'int', option: 'port', help: 'TCP port; 0 picks a free one', defaultText: '4010' },
  host: { kind: 'string', option: 'host', help: 'interface to bind', defaultText: '127.0.0.1' },
  db: { kind: 'string', option: 'db', help: 'SQLite file, or :memory:', defaultText: '.ghl-mock/ghl-mock.db' },
  keys: { kind: 'string', option: 'keys', help: 'folder of the generated PEM keys', defaultText: 'keys/' },
  seed: { kind: 'int', option: 'seed', help: 'faker seed: same seed, same world', defaultText: '1' },
  fixtures: { kind: 'string', option: 'fixtures', help: 'JSON file of apps, agencies and counts', defaultText: 'built-in' },
  world: { kind: 'enum', option: 'world', values: ['demo', 'small'], help: 'demo, or small (few records)', defaultText: 'demo' },
  'webhook-url': { kind: 'string', option: 'webhookUrl', help: "overrides the demo app's webhook URL" },
  reset: { kind: 'bool', option: 'reset', help: 'wipe the database before starting' },
  signature: { kind: 'enum', option: 'signature', values: ['rsa', 'ed25519', 'both'], help: 'webhook signature headers', defaultText: 'both' },
  'log-level': { kind: 'enum', option: 'logLevel', values: ['debug', 'info', 'warn', 'error', 'silent'], help: 'log verbosity', defaultText: 'info' },
  clock: { kind: 'enum', option: 'clock', values: ['system', 'manual'], help: 'system time (+ advances), or manual', defaultText: 'system' },
  'admin-token': { kind: 'string', option: 'adminToken', help: 'require this bearer token on /_mock/*' },
  'rate-limit-burst': { kind: 'int', option: 'rateLimitBurst', help: 'requests per interval per app and location', defaultText: '100' },
  'rate-limit-interval-ms': { kind: 'int', option: 'rateLimitIntervalMs', help: 'burst interval in ms', defaultText: '10000' },
  'rate-limit-daily': { kind: 'int', option: 'rateLimitDaily', help: 'requests per day per app and location', defaultText: '200000' },
  'webhook-timeout-ms': { kind: 'int', option: 'webhookTimeoutMs', help: 'per-attempt webhook timeout', defaultText: '10000' },
  'message-delivery-ms': { kind: 'int', option: 'messageDeliveryMs', help: 'clock time until a sent message is delivered', defaultText: '3000' },
  location: { kind: 'string', help: '(token, trigger) location id' },
  company: { kind: 'string', help: '(token) company id, for an agency token' },
  scopes: { kind: 'string', help: '(token) space-separated scopes' },
  type: { kind: 'enum', values: ['oauth', 'pit'], help: '(token) oauth or pit' },
  data: { kind: 'string', help: '(trigger) JSON merged into the event' },
  record: { kind: 'string', help: '(trigger) id of the record the event describes (default: one of the location)' },
  help: { kind: 'bool', help: 'show this help' },
  version: { kind: 'bool', help: 'print the version' },
} as const satisfies Record<string, FlagSpec>

export type FlagName = keyof typeof flagSpecs

export const commands = ['start', 'token', 'trigger', 'keys', 'reset'] as const
export type Command = (typeof commands)[number]

export interface ParsedArgs {
  command: Command
  positionals: string[]
  /** Server options from flags and env, with the CLI's product defaults applied. */
  options: ServerOptions
  /** Raw values of every given flag (command-only flags included). */
  flags: Partial<Record<FlagName, string | boolean>>
}

/** The CLI's defaults where they differ from createServer's test-friendly ones. */
const cliDefaults: ServerOptions = { port: 4010, db: '.ghl-mock/ghl-mock.db', keys: 'keys' }

export const envName = (flag: string) => `GHL_MOCK_${flag.toUpperCase().replace(/-/g, '_')}`

export function parseCli(argv: string[], env: NodeJS.ProcessEnv): ParsedArgs {
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(
        Object.entries(flagSpecs).map(([name, spec]) => [name, { type: spec.kind === 'bool' ? ('boolean' as const) : ('string' as const) }]),
      ),
    })
  } catch (error) {
    throw new CliError((error as Error).message.split('\n')[0]!)
  }
  const [first, ...rest] = parsed.positionals
  const command = (first ?? 'start') as Command
  if (!commands.includes(command)) throw new CliError(`unknown command "${first}" (expected one of ${commands.join(', ')})`)

  const flags: ParsedArgs['flags'] = {}
  const options: ServerOptions = { ...cliDefaults }
  for (const [name, spec] of Object.entries(flagSpecs) as [FlagName, FlagSpec][]) {
    const raw = (parsed.values[name] as string | boolean | undefined) ?? env[envName(name)]
    if (raw === undefined) continue
    flags[name] = raw
    if (spec.option) (options as Record<string, unknown>)[spec.option] = convert(name, spec, raw)
  }
  return { command, positionals: rest, options, flags }
}

function convert(name: string, spec: FlagSpec, raw: string | boolean): unknown {
  const text = String(raw)
  switch (spec.kind) {
    case 'bool':
      if (typeof raw === 'boolean') return raw
      if (['1', 'true', 'yes'].includes(text)) return true
      if (['0', 'false', 'no', ''].includes(text)) return false
      throw new CliError(`--${name} must be true or false, got "${text}"`)
    case 'int': {
      if (!/^\d+$/.test(text)) throw new CliError(`--${name} must be a whole number, got "${text}"`)
      return Number(text)
    }
    case 'enum':
      if (!spec.values!.includes(text)) throw new CliError(`--${name} must be one of ${spec.values!.join(', ')}, got "${text}"`)
      return text
    case 'string':
      if (text === '') throw new CliError(`--${name} needs a value`)
      return text
  }
}

export function helpText(version: string): string {
  const lines = [
    `ghl-mock ${version}: a local emulator of the HighLevel developer platform`,
    '',
    'Usage: ghl-mock [command] [flags]',
    '',
    'Commands:',
    '  start                 run the emulator (default)',
    '  token                 print an Authorization header value for a running instance',
    '  trigger <EventType>   make a running instance emit a webhook event',
    '  keys                  print the public keys (generating them if missing)',
    '  reset                 wipe the database file and reseed it',
    '',
    'Flags (each also as an environment variable GHL_MOCK_<FLAG>, e.g. GHL_MOCK_PORT):',
  ]
  for (const [name, spec] of Object.entries(flagSpecs) as [string, FlagSpec][]) {
    const value = spec.kind === 'bool' ? '' : spec.kind === 'enum' ? ` <${spec.values!.join('|')}>` : spec.kind === 'int' ? ' <n>' : ' <value>'
    const left = `  --${name}${value}`
    const suffix = spec.defaultText ? ` (default ${spec.defaultText})` : ''
    lines.push(`${left.padEnd(48)} ${spec.help}${suffix}`)
  }
  return lines.join('\n')
}
