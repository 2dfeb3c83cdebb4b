// The Hono environment shared by every route: typed context variables set by middleware.
import type { Hono } from 'hono'
import type { Runtime } from './runtime.js'
import type { TokenRow } from './storage/tokens.js'

export interface AppVariables {
  /** Unique per request; echoed in the `traceId` header and in error bodies. */
  traceId: string
  /** @internal (not in the published types: it reaches the storage layer's better-sqlite3 types) */
  runtime: Runtime
  /** The caller's token, set by the gateway on operations that require one. @internal */
  auth: TokenRow | undefined
  /** The spec operation the gateway matched (for the request journal); unset on other routes. */
  operation: { readonly key: string; readonly operationId: string } | undefined
}

export type AppEnv = { Variables: AppVariables }
export type App = Hono<AppEnv>

/** A part of the emulator that adds its routes to the app (control plane, OAuth, gateway, …). @internal */
export type Module = (app: App, runtime: Runtime) => void
