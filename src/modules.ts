// The one list of what the app serves, in matching order. Adding a module is one line here.
import type { Module } from './app-env.js'
import { controlPlane } from './control/index.js'
import { gateway } from './gateway/pipeline.js'
import { webhookDelivery } from './webhooks/index.js'

// webhookDelivery adds no routes (it starts the delivery scheduler); the gateway's spec routes come last.
export const modules: readonly Module[] = [controlPlane, webhookDelivery, gateway]
