// The OAuth and billing parts of the control plane: installs, private integrations, billing events.
import type { Module } from '../app-env.js'
import { billingControl } from './billing.js'
import { installControl } from './installs.js'
import { privateIntegrationControl } from './private-integrations.js'

export const oauthControl: Module = (app, runtime) => {
  installControl(app, runtime)
  privateIntegrationControl(app, runtime)
  billingControl(app, runtime)
}
