// createServer(): the one place that wires an instance together (options → clock → database →
// keys → world → app → HTTP listener). The CLI and test suites both start ghl-mock through it.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import type { Hono } from 'hono'
import type { AppEnv } from './app-env.js'
import { createApp } from './app.js'
import { createClock, type Clock } from './clock.js'
import { keepClockPosition } from './clock-position.js'
import { answerClientErrors } from './http/client-errors.js'
import { loadOrCreateKeys, type KeyMaterial } from './auth/keys.js'
import { loadFixtures } from './fixtures/fixtures-file.js'
import { createLogger } from './logger.js'
import { resolveOptions, type ResolvedOptions, type ServerOptions } from './options.js'
import type { Runtime } from './runtime.js'
import { openDatabase } from './storage/db.js'
import { createRepos } from './storage/repos.js'
import { describeWorld, seedIfEmpty } from './world/world.js'
import { openSeededMemoryDatabase } from './world/memory-image.js'
import type { WorldDescription } from './world/description.js'

/**
 * A running ghl-mock instance.
 * @example
 * const mock = await createServer({ port: 0, db: ':memory:', seed: 7, clock: 'manual' })
 * const res = await fetch(`${mock.url}/_mock/world`)
 * await mock.clock.advance(10 * 60_000)
 * await mock.close()
 */
export interface GhlMock {
  /** Base URL, e.g. `http://127.0.0.1:4010` (empty when `listen: false`). */
  url: string
  port: number
  /** The Hono app, for `app.request()` tests without a port. */
  app: Hono<AppEnv>
  clock: Clock
  options: ResolvedOptions
  keys: KeyMaterial
  /** Apps (with client id and secret), companies, locations and users, as `GET /_mock/world` returns them. */
  world(): WorldDescription
  /**
   * Internals for in-process helpers (`ghl-mock/testing`).
   * @internal Left out of the published types (stripInternal): they would drag in better-sqlite3's.
   */
  runtime: Runtime
  /** Stops listening, stops timers and closes the database. Safe to call twice. */
  close(): Promise<void>
}

/** Starts an isolated ghl-mock instance. Two instances in one process never share state. */
export async function createServer(options: ServerOptions = {}): Promise<GhlMock> {
  const resolved = resolveOptions(options)
  const fixtures = loadFixtures(resolved.fixtures, resolved.world)
  const clock = createClock(resolved.clock, resolved.clockStart)
  const db =
    resolved.db === ':memory:'
      ? await openSeededMemoryDatabase({ seed: resolved.seed, fixtures, webhookUrl: resolved.webhookUrl, anchorMs: clock.now() })
      : openDatabase(resolved.db)
  const repos = createRepos(db)
  if (resolved.reset) repos.wipe()
  const keys = loadOrCreateKeys(resolved.keys)
  const runtime = buildRuntime(resolved, fixtures, clock, repos, keys)
  keepClockPosition(runtime) // before seeding: the seed's dates follow the restored time
  await seedIfEmpty(runtime)
  const app = createApp(runtime)

  const { server, port } = resolved.listen ? await listen(app, resolved) : { server: undefined, port: 0 }
  const url = server ? `http://${urlHost(resolved.host)}:${port}` : ''

  let closing: Promise<void> | undefined
  return {
    url,
    port,
    app,
    clock,
    options: resolved,
    keys,
    runtime,
    world: () => describeWorld(runtime),
    close: () => (closing ??= shutdown(runtime.closeHooks, server, clock, db)),
  }
}

type InternalRuntime = Runtime & { closeHooks: Array<() => void | Promise<void>> }

function buildRuntime(
  options: ResolvedOptions,
  fixtures: Runtime['fixtures'],
  clock: Clock,
  repos: Runtime['repos'],
  keys: KeyMaterial,
): InternalRuntime {
  const resetHooks: Array<() => void> = []
  const closeHooks: Array<() => void | Promise<void>> = []
  const eventListeners: Array<() => void> = []
  let notifyScheduled = false
  const runtime: InternalRuntime = {
    options,
    clock,
    repos,
    keys,
    fixtures,
    log: createLogger(options.logLevel),
    closeHooks,
    emit(event) {
      repos.events.append(event, clock.now())
      // better-sqlite3 transactions are synchronous, so by the time this microtask runs the
      // surrounding transaction has committed (or rolled back, leaving nothing to find).
      if (notifyScheduled) return
      notifyScheduled = true
      queueMicrotask(() => {
        notifyScheduled = false
        for (const listener of eventListeners) listener()
      })
    },
    async reset() {
      repos.wipe()
      await seedIfEmpty(runtime)
      for (const hook of resetHooks) hook()
    },
    onReset: (hook) => void resetHooks.push(hook),
    onClose: (hook) => void closeHooks.push(hook),
    onEvents: (listener) => void eventListeners.push(listener),
  }
  return runtime
}

function listen(app: Hono<AppEnv>, options: ResolvedOptions): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info: AddressInfo) =>
      resolve({ server, port: info.port }),
    )
    answerClientErrors(server as Server) // oversized request heads get a wire-shaped 431
    server.once('error', reject)
  })
}

const urlHost = (host: string) => (host.includes(':') ? `[${host}]` : host)

async function shutdown(
  hooks: Array<() => void | Promise<void>>,
  server: ServerType | undefined,
  clock: Clock,
  db: ReturnType<typeof openDatabase>,
): Promise<void> {
  if (server) {
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
      // Keep-alive sockets would hold close() open until they time out.
      if ('closeAllConnections' in server) server.closeAllConnections()
    })
  }
  for (const hook of hooks) await hook()
  clock.dispose()
  db.close()
}
