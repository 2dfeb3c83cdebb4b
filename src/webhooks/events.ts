// Webhook event types: their names and the scope an app needs to receive each one (the Scopes
// table of HighLevel's docs). Pure. The payload of each type is built in ./payloads/ (one builder
// per family, registry in ./payloads/index.ts); handlers emit with runtime.emit(eventFor(type, record)).

/**
 * Every event type ghl-mock knows, with the scope whose grant lets an app receive it. `null`
 * means no scope is needed (INSTALL / UNINSTALL reach the app they concern regardless).
 * Where the docs' table is silent (ContactUpdate, NoteUpdate, TaskUpdate/TaskComplete,
 * Opportunity(AssignedTo)Update, Appointment*, UserCreate) the scope of the same resource family is used.
 */
export const eventCatalog = {
  INSTALL: null,
  UNINSTALL: null,
  ContactCreate: 'contacts.readonly',
  ContactUpdate: 'contacts.readonly',
  ContactDelete: 'contacts.readonly',
  ContactDndUpdate: 'contacts.readonly',
  ContactTagUpdate: 'contacts.readonly',
  NoteCreate: 'contacts.readonly',
  NoteUpdate: 'contacts.readonly',
  NoteDelete: 'contacts.readonly',
  TaskCreate: 'contacts.readonly',
  TaskUpdate: 'contacts.readonly',
  TaskComplete: 'contacts.readonly',
  TaskDelete: 'contacts.readonly',
  OpportunityCreate: 'opportunities.readonly',
  OpportunityUpdate: 'opportunities.readonly',
  OpportunityDelete: 'opportunities.readonly',
  OpportunityStageUpdate: 'opportunities.readonly',
  OpportunityStatusUpdate: 'opportunities.readonly',
  OpportunityMonetaryValueUpdate: 'opportunities.readonly',
  OpportunityAssignedToUpdate: 'opportunities.readonly',
  AppointmentCreate: 'calendars/events.readonly',
  AppointmentUpdate: 'calendars/events.readonly',
  AppointmentDelete: 'calendars/events.readonly',
  InboundMessage: 'conversations/message.readonly',
  OutboundMessage: 'conversations/message.readonly',
  ConversationUnreadWebhook: 'conversations.readonly',
  LocationCreate: 'locations.readonly',
  LocationUpdate: 'locations.readonly',
  UserCreate: 'users.readonly',
} as const satisfies Record<string, string | null>

export type EventType = keyof typeof eventCatalog
export const eventTypes = Object.keys(eventCatalog) as EventType[]

export const isEventType = (type: string): type is EventType => Object.hasOwn(eventCatalog, type)

/** The scope an app must have been granted to receive `type`; undefined for a type ghl-mock does not know. */
export function scopeForEvent(type: string): string | null | undefined {
  return isEventType(type) ? eventCatalog[type] : undefined
}

/** Events about one app's install: they go to that app's default webhook URL only. */
export const isAppEvent = (type: string): boolean => type === 'INSTALL' || type === 'UNINSTALL'
