// Server options: their types, their defaults and their validation, done once at start.
// Nothing here opens files or sockets; createServer() acts on what this returns.
import type { ClockMode } from './clock.js'
import type { FixturesInput } from './fixtures/fixtures-file.js'

export type SignatureMode = 'rsa' | 'ed25519' | 'both'
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent'
export type WorldSize = 'demo' | 'small'

/**
 * Options of {@link createServer}. Defaults suit test suites (free port, in-memory database,
 * keys kept in memory); the CLI passes the product defaults (port 4010, a file database, `keys/`).
 */
export interface ServerOptions {
  /** TCP port; 0 picks a free one. Default 0. */
  port?: number
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string
  /** SQLite file, or `:memory:`. Default `:memory:`. */
  db?: string
  /** Folder for PEM keys (created on first start); `null` keeps generated keys in memory only. Default `null`. */
  keys?: string | null
  /** Faker seed: the same seed gives a byte-identical world. Default 1. */
  seed?: number
  /** A fixtures file path or object: extra apps, agencies and record counts. */
  fixtures?: string | FixturesInput
  /** `small` seeds the same apps, agency and locations with only a few records, for fast test instances. Default `demo`. */
  world?: WorldSize
  /** Overrides the demo app's webhook URL. */
  webhookUrl?: string
  /** Wipe the database before starting. */
  reset?: boolean
  /** Which webhook signature headers to send. Default `both`. */
  signature?: SignatureMode
  logLevel?: LogLevel
  /** `manual` only moves when advanced (tests); `system` follows the machine plus any advance. Default `system`. */
  clock?: ClockMode
  /** Start time of a manual clock (ms since epoch or ISO string). Default: now. */
  clockStart?: number | string
  /** When set, every `/_mock/*` request must send `Authorization: Bearer <adminToken>`. */
  adminToken?: string
  /** Burst limit: requests per interval per (app, location|company). Default 100. */
  rateLimitBurst?: number
  /** Burst interval in ms. Default 10,000. */
  rateLimitIntervalMs?: number
  /** Daily limit per (app, location|company). Default 200,000. */
  rateLimitDaily?: number
  /** Per-attempt timeout of a webhook delivery, ms. Default 10,000. */
  webhookTimeoutMs?: number
  /** Clock time between sending a message and its `delivered` status (no custom provider). Default 3,000. */
  messageDeliveryMs?: number
  /** Largest accepted request body in bytes. Default 1 MiB. */
  bodyLimit?: number
  /** Listen on a port (default true). `false` gives an app for `app.request()` only. */
  listen?: boolean
}

export type ResolvedOptions = Required<Omit<ServerOptions, 'fixtures' | 'webhookUrl' | 'adminToken' | 'clockStart'>> & {
  fixtures?: string | FixturesInput
  webhookUrl?: string
  adminToken?: string
  clockStart?: number
}

export const defaultOptions = {
  port: 0,
  host: '127.0.0.1',
  db: ':memory:',
  keys: null,
  seed: 1,
  world: 'demo',
  reset: false,
  signature: 'both',
  logLevel: 'info',
  clock: 'system',
  rateLimitBurst: 100,
  rateLimitIntervalMs: 10_000,
  rateLimitDaily: 200_000,
  webhookTimeoutMs: 10_000,
  messageDeliveryMs: 3_000,
  bodyLimit: 1024 * 1024,
  listen: true,
} as const satisfies Omit<ResolvedOptions, 'fixtures'>

export class OptionsError extends Error {}

/** Merges defaults once and rejects bad values with a message naming the option. */
export function resolveOptions(options: ServerOptions = {}): ResolvedOptions {
  const merged = { ...defaultOptions, ...withoutUndefined(options) }
  checkInteger('port', merged.port, 0, 65_535)
  checkInteger('seed', merged.seed, 0, Number.MAX_SAFE_INTEGER)
  checkInteger('rateLimitBurst', merged.rateLimitBurst, 1, Number.MAX_SAFE_INTEGER)
  checkInteger('rateLimitIntervalMs', merged.rateLimitIntervalMs, 1, Number.MAX_SAFE_INTEGER)
  checkInteger('rateLimitDaily', merged.rateLimitDaily, 1, Number.MAX_SAFE_INTEGER)
  checkInteger('webhookTimeoutMs', merged.webhookTimeoutMs, 1, 600_000)
  checkInteger('messageDeliveryMs', merged.messageDeliveryMs, 0, 86_400_000)
  checkInteger('bodyLimit', merged.bodyLimit, 1, 1024 ** 3)
  checkOneOf('signature', merged.signature, ['rsa', 'ed25519', 'both'])
  checkOneOf('logLevel', merged.logLevel, ['debug', 'info', 'warn', 'error', 'silent'])
  checkOneOf('clock', merged.clock, ['system', 'manual'])
  checkOneOf('world', merged.world, ['demo', 'small'])
  if (typeof merged.host !== 'string' || merged.host === '') throw new OptionsError('host must be a non-empty string')
  if (typeof merged.db !== 'string' || merged.db === '') throw new OptionsError('db must be a file path or ":memory:"')
  if (merged.webhookUrl !== undefined) checkUrl('webhookUrl', merged.webhookUrl)
  return { ...merged, clockStart: parseClockStart(options.clockStart) } as ResolvedOptions
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}

function checkInteger(name: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new OptionsError(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`)
  }
}

function checkOneOf(name: string, value: unknown, allowed: readonly string[]): void {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new OptionsError(`${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`)
  }
}

function checkUrl(name: string, value: string): void {
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new OptionsError(`${name} must be an http(s) URL, got ${JSON.stringify(value)}`)
  }
}

function parseClockStart(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined
  const ms = typeof value === 'number' ? value : Date.parse(value)
  if (!Number.isFinite(ms)) throw new OptionsError(`clockStart must be a time in ms or an ISO date, got ${JSON.stringify(value)}`)
  return ms
}
