// Realistic synthetic events for `POST /_mock/webhooks/trigger` and `ghl-mock trigger`. Where the
// location has a matching record (a contact, an opportunity, …) the event describes it, so an app
// that fetches it by id finds it; otherwise the seeded factories make one. Writes nothing.
import type { Faker } from '@faker-js/faker'
import { seededFaker } from '../fixtures/faker.js'
import { createHash } from 'node:crypto'
import * as make from '../fixtures/factories.js'
import type { NewEvent } from '../storage/outbox.js'
import type { RecordRepo } from '../storage/records.js'
import type { Repos } from '../storage/repos.js'
import { ghlId } from '../world/ids.js'
import type { Location } from '../world/model.js'
import {
  appointmentEvent, contactEvent, conversationUnreadEvent, installEvent, locationEvent, messageEvent, noteEvent,
  opportunityEvent, taskEvent, uninstallEvent, userEvent, type EventType,
} from './events.js'

type Json = Record<string, unknown>

export interface SampleInput {
  type: EventType
  location: Location
  /** The instance's --seed; with the outbox position it makes the sample reproducible. */
  seed: number
  now: number
  /** Top-level fields that replace the sample's (`appId` also picks the app of INSTALL/UNINSTALL). */
  data?: Json
}

const DAY = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString()

/** Builds the event; throws a SampleError when the request cannot be met (an unknown appId). */
export function sampleEvent(repos: Repos, input: SampleInput): NewEvent {
  const position = repos.events.list(1)[0]?.id ?? 0
  const f = seededFaker(seedOf(input.seed, position, input.type))
  const event = build(f, repos, input)
  if (!input.data) return event
  const payload = { ...event.payload, ...input.data }
  if (event.type.startsWith('Appointment') && isObject(input.data.appointment)) {
    payload.appointment = { ...(event.payload.appointment as Json), ...input.data.appointment }
  }
  return { ...event, payload }
}

export class SampleError extends Error {}

function build(f: Faker, repos: Repos, input: SampleInput): NewEvent {
  const { type, location, now } = input
  const pickFrom = (repo: RecordRepo<Json>) => pickRecord(f, repo, location.id)
  const contact = () => pickFrom(repos.contacts) ?? newContact(f, repos, location, now)
  const userId = () => f.helpers.arrayElement(repos.users.listByLocation(location.id).map((u) => u.id).concat([ghlId(make.randomIntOf(f))]))

  switch (type) {
    case 'INSTALL':
    case 'UNINSTALL':
      return appEvent(f, repos, input)
    case 'ContactCreate':
    case 'ContactUpdate':
    case 'ContactDelete':
    case 'ContactTagUpdate':
      return contactEvent(type, { ...contact(), dateUpdated: iso(now) })
    case 'ContactDndUpdate': {
      const channel = { status: 'active', message: 'Updated by the contact', code: '' }
      return contactEvent(type, { ...contact(), dnd: true, dndSettings: { SMS: channel, Email: channel } })
    }
    case 'NoteCreate':
    case 'NoteUpdate':
    case 'NoteDelete':
      return noteEvent(type, location.id, { id: ghlId(make.randomIntOf(f)), body: f.lorem.sentences(2), contactId: contact().id, dateAdded: iso(now) })
    case 'TaskCreate':
    case 'TaskUpdate':
    case 'TaskDelete': {
      const title = f.helpers.arrayElement(['Call back about the quote', 'Send the welcome pack', 'Confirm the appointment', 'Follow up on the proposal'])
      const task = { id: ghlId(make.randomIntOf(f)), title, body: f.lorem.sentence(), assignedTo: userId(), contactId: contact().id }
      return taskEvent(type, location.id, { ...task, dateAdded: iso(now), dueDate: iso(now + 2 * DAY), completed: false })
    }
    case 'OpportunityCreate':
    case 'OpportunityUpdate':
    case 'OpportunityDelete':
    case 'OpportunityStageUpdate':
    case 'OpportunityStatusUpdate':
    case 'OpportunityMonetaryValueUpdate':
    case 'OpportunityAssignedToUpdate':
      return opportunityEvent(type, pickFrom(repos.opportunities) ?? newOpportunity(f, repos, location, now))
    case 'AppointmentCreate':
    case 'AppointmentUpdate':
    case 'AppointmentDelete':
      return appointmentEvent(type, pickFrom(repos.appointments) ?? newAppointment(f, repos, location, now))
    case 'InboundMessage':
    case 'OutboundMessage': {
      const conversation = pickFrom(repos.conversations) ?? { id: ghlId(make.randomIntOf(f)), locationId: location.id, contactId: contact().id }
      const direction = type === 'InboundMessage' ? 'inbound' : 'outbound'
      return messageEvent(make.makeMessage(f, conversation, direction, now, userId()))
    }
    case 'ConversationUnreadWebhook': {
      const conversation = pickFrom(repos.conversations) ?? { id: ghlId(make.randomIntOf(f)), locationId: location.id, contactId: contact().id, inbox: true, starred: false, deleted: false }
      return conversationUnreadEvent({ ...conversation, unreadCount: f.number.int({ min: 1, max: 4 }) })
    }
    case 'LocationCreate':
    case 'LocationUpdate':
      return locationEvent(type, location)
    case 'UserCreate': {
      const users = repos.users.listByLocation(location.id)
      if (users.length > 0) return userEvent(f.helpers.arrayElement(users), location.id)
      const company = repos.companies.get(location.companyId)
      if (!company) throw new SampleError(`location ${location.id} has no agency`)
      return userEvent(make.makeUser(f, company, { type: 'account', role: 'user', locationIds: [location.id], restrictSubAccount: false }), location.id)
    }
  }
}

/** INSTALL / UNINSTALL of the app named by `data.appId` (or the first app) on this location. */
function appEvent(f: Faker, repos: Repos, input: SampleInput): NewEvent {
  const wanted = input.data?.appId
  const app = typeof wanted === 'string' ? repos.apps.get(wanted) : repos.apps.list()[0]
  if (!app) throw new SampleError(typeof wanted === 'string' ? `no app with id ${wanted}` : 'the world has no apps')
  if (input.type === 'UNINSTALL') return uninstallEvent(app.id, { locationId: input.location.id })
  const company = repos.companies.get(input.location.companyId)
  const admin = repos.users.listByLocation(input.location.id)[0]
  return installEvent({
    appId: app.id,
    versionId: app.versionId,
    installType: 'Location',
    locationId: input.location.id,
    companyId: input.location.companyId,
    userId: admin?.id ?? ghlId(make.randomIntOf(f)),
    planId: app.planId,
    trial: {},
    isWhitelabelCompany: company?.isWhitelabelCompany ?? false,
    whitelabelDetails: company?.whitelabelDetails ?? { logoUrl: '', domain: '' },
    companyName: company?.name ?? '',
  })
}

/** A record of the location chosen by the faker (the first page is enough to look real). */
function pickRecord(f: Faker, repo: RecordRepo<Json>, locationId: string): Json | undefined {
  const page = repo.listByLocation(locationId, 50)
  return page.length > 0 ? f.helpers.arrayElement(page).data : undefined
}

function newContact(f: Faker, repos: Repos, location: Location, now: number): Json {
  const userIds = repos.users.listByLocation(location.id).map((u) => u.id)
  return make.makeContact(f, { locationId: location.id, userIds: userIds.length ? userIds : [ghlId(make.randomIntOf(f))], tagNames: make.tagNames.slice(0, 4), customFieldIds: [], createdAt: now })
}

function newOpportunity(f: Faker, repos: Repos, location: Location, now: number): Json {
  const pipeline = pickRecord(f, repos.pipelines, location.id) ?? make.makePipeline(f, location.id, 0, 5, now)
  const userIds = repos.users.listByLocation(location.id).map((u) => u.id)
  return make.makeOpportunity(f, pipeline, newContact(f, repos, location, now), userIds.length ? userIds : [ghlId(make.randomIntOf(f))], now)
}

function newAppointment(f: Faker, repos: Repos, location: Location, now: number): Json {
  const userIds = repos.users.listByLocation(location.id).map((u) => u.id)
  const calendar = pickRecord(f, repos.calendars, location.id) ?? make.makeCalendar(f, location, userIds.length ? userIds : [ghlId(make.randomIntOf(f))], 0)
  const contact = pickRecord(f, repos.contacts, location.id) ?? newContact(f, repos, location, now)
  return make.makeAppointment(f, calendar, contact, now + DAY + 15 * 3_600_000, now)
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

function seedOf(seed: number, position: number, type: string): number {
  return createHash('sha256').update(`${seed}:${position}:${type}`).digest().readUInt32BE(0)
}
