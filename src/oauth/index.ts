// The OAuth module: the consent page (install links), the token endpoint and the billing
// endpoints, mounted before the gateway so these fixed routes match first. The two gated OAuth
// operations (locationToken, installedLocations) are handlers the gateway calls (handlers.ts).
import type { Module } from '../app-env.js'
import { billingRoutes } from '../billing/index.js'
import { consentRoutes } from './consent.js'
import { tokenRoutes } from './token-endpoint.js'

export const oauth: Module = (app, runtime) => {
  consentRoutes(app, runtime)
  tokenRoutes(app, runtime)
  billingRoutes(app, runtime)
}
