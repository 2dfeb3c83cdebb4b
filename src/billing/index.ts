// External billing routes on the HighLevel surface: the billing webhook apps call, and the
// return point their billing pages send the browser back to.
import type { App as HonoApp } from '../app-env.js'
import type { Runtime } from '../runtime.js'
import { billingReturnRoutes } from './return.js'
import { billingWebhookRoutes } from './webhook.js'

export function billingRoutes(app: HonoApp, runtime: Runtime): void {
  billingWebhookRoutes(app, runtime)
  billingReturnRoutes(app, runtime)
}
