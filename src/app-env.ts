// The Hono environment shared by every route: typed context variables set by middleware.
import type { Hono } from 'hono'
import type { Runtime } from './runtime.js'

export interface AppVariables {
  /** Unique per request; echoed in the `traceId` header and in error bodies. */
  traceId: string
  runtime: Runtime
}

export type AppEnv = { Variables: AppVariables }
export type App = Hono<AppEnv>

/** A part of the emulator that adds its routes to the app (control plane, OAuth, gateway, …). */
export type Module = (app: App, runtime: Runtime) => void
