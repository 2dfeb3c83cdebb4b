// The one registry of stateful operation handlers, keyed by the operation's key in the generated
// table (its operationId, or `<module>.<operationId>` where specs repeat one). The gateway runs
// every check first, then calls the handler here, or synthesizes an answer from the spec.
// Adding a resource family is one line here.
import type { HandlerSet, OperationHandler } from './handler.js'
import { oauthHandlers } from '../oauth/handlers.js'
import { locationFamilyHandlers } from '../resources/locations/index.js'
import { userHandlers } from '../resources/users/users.js'
import { businessHandlers } from '../resources/businesses/businesses.js'
import { customFieldV2Handlers } from '../resources/custom-fields/custom-fields-v2.js'
import { contactHandlers } from '../resources/contacts/contacts.js'
import { opportunityHandlers } from '../resources/opportunities/opportunities.js'
import { customMenuHandlers } from '../resources/custom-menus/custom-menus.js'
import { calendarHandlers } from '../resources/calendars/index.js'
import { conversationHandlers } from '../resources/conversations/index.js'

export type { HandlerSet, OperationHandler } from './handler.js'

export const handlers: HandlerSet = {
  ...oauthHandlers,
  ...locationFamilyHandlers,
  ...userHandlers,
  ...businessHandlers,
  ...customFieldV2Handlers,
  ...contactHandlers,
  ...opportunityHandlers,
  ...customMenuHandlers,
  ...calendarHandlers,
  ...conversationHandlers,
}

const byKey: Readonly<Record<string, OperationHandler | undefined>> = handlers

/** The stateful handler of an operation key, if it has one (keys from the table are plain strings). */
export function handlerFor(key: string): OperationHandler | undefined {
  return byKey[key]
}
