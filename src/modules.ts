// The one list of what the app serves, in matching order. Adding a module is one line here.
import type { Module } from './app-env.js'
import { controlPlane } from './control/index.js'
import { oauth } from './oauth/index.js'
import { gateway } from './gateway/pipeline.js'
import { webhookDelivery } from './webhooks/index.js'
import { messageDelivery } from './resources/conversations/index.js'

// OAuth's fixed routes (consent page, /oauth/token, billing) before the gateway's spec routes;
// webhookDelivery and messageDelivery add no routes (they start the delivery and message clocks).
export const modules: readonly Module[] = [controlPlane, oauth, webhookDelivery, messageDelivery, gateway]
