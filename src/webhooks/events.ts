// Webhook event types: their names, the scope an app needs to receive each one (the Scopes table
// of HighLevel's docs), and builders that shape a record into the event's documented payload.
// Pure: no storage, no I/O. Handlers emit with these, e.g. runtime.emit(contactEvent('ContactCreate', contact)).
import type { NewEvent } from '../storage/outbox.js'
import type { Location, User } from '../world/model.js'

type Json = Record<string, unknown>

/**
 * Every event type ghl-mock knows, with the scope whose grant lets an app receive it. `null`
 * means no scope is needed (INSTALL / UNINSTALL reach the app they concern regardless).
 * Where the docs' table is silent (ContactUpdate, Note/TaskUpdate, Opportunity(AssignedTo)Update,
 * Appointment*, UserCreate) the scope of the same resource family is used.
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

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)
const pick = (record: Json, keys: readonly string[]): Json =>
  Object.fromEntries(keys.map((key) => [key, record[key] === undefined ? null : record[key]]))

/** Fields of the Contact* payloads, in the documented order. */
const contactFields = [
  'id', 'address1', 'city', 'state', 'companyName', 'country', 'source', 'dateAdded', 'dateOfBirth', 'dnd', 'email',
  'name', 'firstName', 'lastName', 'phone', 'postalCode', 'tags', 'website', 'attachments', 'assignedTo', 'customFields',
] as const

export type ContactEventType = 'ContactCreate' | 'ContactUpdate' | 'ContactDelete' | 'ContactDndUpdate' | 'ContactTagUpdate'

/** A contact record (as GET /contacts/:id returns it) as a Contact* event. */
export function contactEvent(type: ContactEventType, contact: Json): NewEvent {
  const name = [contact.firstName, contact.lastName].filter((part) => typeof part === 'string' && part).join(' ')
  const payload: Json = { locationId: contact.locationId, ...pick({ ...contact, name: contact.name ?? (name || null) }, contactFields) }
  if (type === 'ContactDndUpdate') Object.assign(payload, { dndSettings: contact.dndSettings ?? {} })
  payload.tags ??= []
  payload.attachments ??= []
  payload.customFields ??= []
  return { type, locationId: str(contact.locationId), payload }
}

export type NoteEventType = 'NoteCreate' | 'NoteUpdate' | 'NoteDelete'

/** A contact note `{id, body, contactId, dateAdded}` as a Note* event. */
export function noteEvent(type: NoteEventType, locationId: string, note: Json): NewEvent {
  return { type, locationId, payload: { locationId, ...pick(note, ['id', 'body', 'contactId', 'dateAdded']) } }
}

export type TaskEventType = 'TaskCreate' | 'TaskUpdate' | 'TaskDelete'

/** A contact task as a Task* event. */
export function taskEvent(type: TaskEventType, locationId: string, task: Json): NewEvent {
  const fields = ['id', 'assignedTo', 'body', 'contactId', 'title', 'dateAdded', 'dueDate'] as const
  const payload = { locationId, ...pick(task, fields) }
  if (task.completed !== undefined) Object.assign(payload, { completed: task.completed })
  return { type, locationId, payload }
}

export type OpportunityEventType =
  | 'OpportunityCreate' | 'OpportunityUpdate' | 'OpportunityDelete' | 'OpportunityStageUpdate'
  | 'OpportunityStatusUpdate' | 'OpportunityMonetaryValueUpdate' | 'OpportunityAssignedToUpdate'

/** An opportunity record as an Opportunity* event (the real sample omits an unset monetaryValue). */
export function opportunityEvent(type: OpportunityEventType, opportunity: Json): NewEvent {
  const fields = ['id', 'assignedTo', 'contactId', 'monetaryValue', 'name', 'pipelineId', 'pipelineStageId', 'source', 'status'] as const
  const payload: Json = { locationId: opportunity.locationId, ...pick(opportunity, fields) }
  if (opportunity.monetaryValue === undefined || opportunity.monetaryValue === null) delete payload.monetaryValue
  payload.dateAdded = opportunity.dateAdded ?? opportunity.createdAt ?? null
  return { type, locationId: str(opportunity.locationId), payload }
}

export type AppointmentEventType = 'AppointmentCreate' | 'AppointmentUpdate' | 'AppointmentDelete'

/** An appointment record as an Appointment* event: the fields nest under `appointment`. */
export function appointmentEvent(type: AppointmentEventType, appointment: Json): NewEvent {
  const fields = [
    'id', 'address', 'title', 'calendarId', 'contactId', 'groupId', 'appointmentStatus', 'assignedUserId', 'users', 'notes',
    'source', 'startTime', 'endTime', 'dateAdded', 'dateUpdated',
  ] as const
  const nested = pick(appointment, fields)
  nested.users ??= [appointment.assignedUserId, appointment.contactId].filter((id) => typeof id === 'string')
  nested.source ??= 'booking_widget'
  return { type, locationId: str(appointment.locationId), payload: { locationId: appointment.locationId, appointment: nested } }
}

/** Channel names the message events use (the InboundMessage page's table), by the API's `messageType`. */
const channels: Record<string, string> = {
  TYPE_SMS: 'SMS', TYPE_EMAIL: 'Email', TYPE_CALL: 'Call', TYPE_VOICEMAIL: 'Voicemail', TYPE_FACEBOOK: 'FB',
  TYPE_INSTAGRAM: 'IG', TYPE_GMB: 'GMB', TYPE_WHATSAPP: 'WhatsApp', TYPE_LIVE_CHAT: 'Live Chat', TYPE_WEBCHAT: 'Live Chat',
}
const channelOf = (messageType: unknown): string =>
  typeof messageType === 'string' ? channels[messageType] ?? messageType.replace(/^TYPE_/, '') : 'SMS'

/** A conversation message as InboundMessage / OutboundMessage (by its direction). */
export function messageEvent(message: Json): NewEvent {
  const type = message.direction === 'outbound' ? 'OutboundMessage' : 'InboundMessage'
  const payload: Json = {
    locationId: message.locationId,
    attachments: message.attachments ?? [],
    body: message.body ?? '',
    contactId: message.contactId ?? null,
    contentType: message.contentType ?? 'text/plain',
    conversationId: message.conversationId ?? null,
    dateAdded: message.dateAdded ?? null,
    direction: message.direction ?? 'inbound',
    messageType: channelOf(message.messageType),
    messageId: message.id ?? null,
    status: message.status ?? 'delivered',
  }
  if (typeof message.userId === 'string') payload.userId = message.userId
  return { type, locationId: str(message.locationId), payload }
}

/** ConversationUnreadWebhook: a conversation's unread count changed. */
export function conversationUnreadEvent(conversation: Json): NewEvent {
  const fields = ['id', 'contactId', 'unreadCount', 'inbox', 'starred', 'deleted'] as const
  return { type: 'ConversationUnreadWebhook', locationId: str(conversation.locationId), payload: { locationId: conversation.locationId, ...pick(conversation, fields) } }
}

/** A sub-account as LocationCreate / LocationUpdate. */
export function locationEvent(type: 'LocationCreate' | 'LocationUpdate', location: Location): NewEvent {
  const payload = {
    id: location.id, companyId: location.companyId, name: location.name, email: location.email, phone: location.phone,
    address: location.address, city: location.city, state: location.state, country: location.country,
    postalCode: location.postalCode, website: location.website, timezone: location.timezone,
  }
  return { type, locationId: location.id, companyId: location.companyId, payload }
}

/** A user as UserCreate, addressed to one of its locations (or to the agency for agency users). */
export function userEvent(user: User, locationId: string | null): NewEvent {
  const payload = {
    ...(locationId ? { locationId } : { companyId: user.companyId }),
    id: user.id, firstName: user.firstName, lastName: user.lastName, email: user.email, phone: user.phone,
    extension: user.extension, role: user.roles.role, type: user.roles.type, permissions: user.permissions,
  }
  return { type: 'UserCreate', locationId, companyId: user.companyId, payload }
}

export interface InstallDetails {
  appId: string
  versionId: string
  installType: 'Location' | 'Company'
  companyId: string
  locationId?: string | null
  userId?: string | null
  planId?: string | null
  trial?: Json
  isWhitelabelCompany: boolean
  whitelabelDetails: { logoUrl: string; domain: string }
  companyName: string
}

/** INSTALL, in the documented field order (agency installs omit locationId and userId). */
export function installEvent(details: InstallDetails): NewEvent {
  const payload: Json = { appId: details.appId, versionId: details.versionId, installType: details.installType }
  if (details.locationId) payload.locationId = details.locationId
  payload.companyId = details.companyId
  if (details.userId) payload.userId = details.userId
  Object.assign(payload, {
    planId: details.planId ?? null,
    trial: details.trial ?? {},
    isWhitelabelCompany: details.isWhitelabelCompany,
    whitelabelDetails: details.whitelabelDetails,
    companyName: details.companyName,
  })
  return { type: 'INSTALL', appId: details.appId, locationId: details.locationId ?? null, companyId: details.companyId, payload }
}

/** UNINSTALL: `{appId, locationId}` for a location, `{appId, companyId}` for an agency install. */
export function uninstallEvent(appId: string, target: { locationId: string } | { companyId: string }): NewEvent {
  return 'locationId' in target
    ? { type: 'UNINSTALL', appId, locationId: target.locationId, payload: { appId, locationId: target.locationId } }
    : { type: 'UNINSTALL', appId, companyId: target.companyId, payload: { appId, companyId: target.companyId } }
}
