// The one registry of stateful operation handlers, keyed by the operation's key in the generated
// table (its operationId, or `<module>.<operationId>` where specs repeat one). The gateway runs
// every check first, then calls the handler here, or synthesizes an answer from the spec.
import type { Context } from 'hono'
import type { AppEnv } from '../app-env.js'
import { locationFamilyHandlers } from '../resources/location-handlers.js'
import { oauthHandlers } from '../oauth/handlers.js'
import { contactHandlers } from '../resources/contacts.js'
import { opportunityHandlers } from '../resources/opportunities.js'

/** Handles one operation after the gateway's checks; `c.var.auth` is the caller's token. */
export type OperationHandler = (c: Context<AppEnv>) => Response | Promise<Response>

export type HandlerSet = Readonly<Record<string, OperationHandler>>

export const handlers: HandlerSet = {
  ...locationFamilyHandlers,
  ...oauthHandlers,
  ...contactHandlers,
  ...opportunityHandlers,
}
