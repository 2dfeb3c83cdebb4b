// The one list of what the app serves, in matching order. Adding a module is one line here.
import type { Module } from './app-env.js'
import { controlPlane } from './control/index.js'
import { webhookDelivery } from './webhooks/index.js'

export const modules: readonly Module[] = [controlPlane, webhookDelivery]
