// What every module of one server instance shares: options, clock, storage, keys, logger and
// the hooks that reset and shutdown run. Built once in server.ts; modules receive it when mounted.
import type { Clock } from './clock.js'
import type { ResolvedOptions } from './options.js'
import type { Repos } from './storage/repos.js'
import type { KeyMaterial } from './auth/keys.js'
import type { Logger } from './logger.js'
import type { Fixtures } from './fixtures/fixtures-file.js'
import type { NewEvent } from './storage/outbox.js'

export interface Runtime {
  options: ResolvedOptions
  clock: Clock
  repos: Repos
  keys: KeyMaterial
  log: Logger
  fixtures: Fixtures
  /**
   * Appends an event to the outbox. Call it inside the transaction of the change that caused it;
   * the webhook dispatcher is told after the transaction commits.
   */
  emit(event: NewEvent): void
  /** Wipes the database, reseeds it and runs the reset hooks (`POST /_mock/reset`). */
  reset(): Promise<void>
  /** Registers work for `POST /_mock/reset` (clear in-memory state such as rate-limit buckets). */
  onReset(hook: () => void): void
  /** Registers work for close() (stop schedulers, drain deliveries). */
  onClose(hook: () => void | Promise<void>): void
  /** Registers a listener told (after commit) that the outbox has new events. */
  onEvents(listener: () => void): void
}
