// The payload registry: for every webhook event type, the pure builder that shapes a stored record
// into its documented payload and the kind of record it takes. Resources emit through eventFor();
// `POST /_mock/webhooks/trigger` finds a record of the same kind and runs the same builder.
import type { ChildRow } from '../../storage/contact-store.js'
import type { NewEvent } from '../../storage/outbox.js'
import type { Location, User } from '../../world/model.js'
import type { EventType } from '../events.js'
import { appointmentPayload } from './appointments.js'
import { contactPayload } from './contacts.js'
import { installPayload, uninstallPayload, type InstallRecord } from './installs.js'
import { locationPayload } from './locations.js'
import { conversationUnreadPayload, messagePayload } from './messages.js'
import { notePayload } from './notes.js'
import { opportunityPayload } from './opportunities.js'
import { taskPayload } from './tasks.js'
import { userPayload } from './users.js'

type Json = Record<string, unknown>

/** Each kind of record an event describes, as its resource stores it. */
export interface RecordKinds {
  contact: Json
  note: ChildRow
  task: ChildRow
  opportunity: Json
  appointment: Json
  message: Json
  conversation: Json
  location: Location
  user: User
  install: InstallRecord
}
export type RecordKind = keyof RecordKinds

export type PayloadBuilder<K extends RecordKind> = (type: string, record: RecordKinds[K]) => Json

interface Entry<K extends RecordKind> {
  kind: K
  build: PayloadBuilder<K>
}

type AnyEntry = { [K in RecordKind]: Entry<K> }[RecordKind]

const entry = <K extends RecordKind>(kind: K, build: PayloadBuilder<K>): Entry<K> => ({ kind, build })

const contact = entry('contact', contactPayload)
const note = entry('note', notePayload)
const task = entry('task', taskPayload)
const opportunity = entry('opportunity', opportunityPayload)
const appointment = entry('appointment', appointmentPayload)
const message = entry('message', messagePayload)

/** Every event type of the catalog (and no other: `satisfies` rejects a type it does not know). */
export const payloadRegistry = {
  INSTALL: entry('install', installPayload),
  UNINSTALL: entry('install', uninstallPayload),
  ContactCreate: contact,
  ContactUpdate: contact,
  ContactDelete: contact,
  ContactDndUpdate: contact,
  ContactTagUpdate: contact,
  NoteCreate: note,
  NoteUpdate: note,
  NoteDelete: note,
  TaskCreate: task,
  TaskUpdate: task,
  TaskComplete: task,
  TaskDelete: task,
  OpportunityCreate: opportunity,
  OpportunityUpdate: opportunity,
  OpportunityDelete: opportunity,
  OpportunityStageUpdate: opportunity,
  OpportunityStatusUpdate: opportunity,
  OpportunityMonetaryValueUpdate: opportunity,
  OpportunityAssignedToUpdate: opportunity,
  AppointmentCreate: appointment,
  AppointmentUpdate: appointment,
  AppointmentDelete: appointment,
  InboundMessage: message,
  OutboundMessage: message,
  ConversationUnreadWebhook: entry('conversation', conversationUnreadPayload),
  LocationCreate: entry('location', locationPayload),
  LocationUpdate: entry('location', locationPayload),
  UserCreate: entry('user', userPayload),
} satisfies { [T in EventType]: AnyEntry }

type Registry = typeof payloadRegistry
/** The kind of record `T`'s builder takes. */
export type KindOf<T extends EventType> = Registry[T]['kind']
export type RecordOf<T extends EventType> = RecordKinds[KindOf<T>]

export function recordKindOf(type: EventType): RecordKind {
  return payloadRegistry[type].kind
}

/** The payload of `type` for `record` (the builder the registry names). */
export function payloadFor<T extends EventType>(type: T, record: RecordOf<T>): Json {
  return (payloadRegistry[type].build as PayloadBuilder<KindOf<T>>)(type, record)
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)

/**
 * The outbox event for `record`: its payload, and whom it concerns (location, agency, app) for
 * the dispatcher. Append it with runtime.emit() inside the write's transaction.
 */
export function eventFor<T extends EventType>(type: T, record: RecordOf<T>): NewEvent {
  const payload = payloadFor(type, record)
  const kind = recordKindOf(type)
  if (kind === 'install') {
    const { row } = record as InstallRecord
    return { type, appId: row.appId, locationId: row.locationId, companyId: row.companyId, payload }
  }
  if (kind === 'location') {
    const location = record as Location
    return { type, locationId: location.id, companyId: location.companyId, payload }
  }
  if (kind === 'user') return { type, locationId: text(payload.locationId), companyId: (record as User).companyId, payload }
  return { type, locationId: text(payload.locationId), payload }
}
