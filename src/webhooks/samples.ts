// Realistic events for `POST /_mock/webhooks/trigger` and `ghl-mock trigger`: a record of the kind
// the event describes (the one `recordId` names, else one of the location's, else one the seeded
// factories make) run through the same payload builder a real write uses. Writes nothing.
import type { Faker } from '@faker-js/faker'
import { seededFaker } from '../fixtures/faker.js'
import { createHash } from 'node:crypto'
import * as make from '../fixtures/factories.js'
import type { NewEvent } from '../storage/outbox.js'
import type { RecordRepo, RecordRow } from '../storage/records.js'
import type { Repos } from '../storage/repos.js'
import { ghlId } from '../world/ids.js'
import type { Location } from '../world/model.js'
import type { EventType } from './events.js'
import { eventFor, recordKindOf, type RecordKind, type RecordKinds, type RecordOf } from './payloads/index.js'

type Json = Record<string, unknown>

export interface SampleInput {
  type: EventType
  location: Location
  /** The instance's --seed; with the outbox position it makes the sample reproducible. */
  seed: number
  now: number
  /** The record the event describes (a contact id for Contact*, a note id for Note*, …). */
  recordId?: string
  /** Top-level fields that replace the sample's (`appId` also picks the app of INSTALL/UNINSTALL). */
  data?: Json
}

/** Builds the event; throws a SampleError when the request cannot be met (an unknown appId or recordId). */
export function sampleEvent(repos: Repos, input: SampleInput): NewEvent {
  const position = repos.events.list(1)[0]?.id ?? 0
  const f = seededFaker(seedOf(input.seed, position, input.type))
  const record = recordOf(new Sampler(f, repos, input), recordKindOf(input.type))
  const event = eventFor(input.type, record as RecordOf<typeof input.type>)
  if (!input.data) return event
  const payload = { ...event.payload, ...input.data }
  if (isObject(event.payload.appointment) && isObject(input.data.appointment)) {
    payload.appointment = { ...event.payload.appointment, ...input.data.appointment }
  }
  return { ...event, payload }
}

export class SampleError extends Error {
  /** 404 when the named record does not exist, 422 for any other request that cannot be met. */
  constructor(message: string, readonly status: 404 | 422 = 422) {
    super(message)
  }
}

function recordOf<K extends RecordKind>(sampler: Sampler, kind: K): RecordKinds[K] {
  return sampler[kind]() as RecordKinds[K]
}

type Samplers = { [K in RecordKind]: () => RecordKinds[K] }

/** One method per kind of record: the named one, else one of the location's, else a new one. */
class Sampler implements Samplers {
  private readonly place: Location
  private readonly now: number

  constructor(
    private readonly f: Faker,
    private readonly repos: Repos,
    private readonly input: SampleInput,
  ) {
    this.place = input.location
    this.now = input.now
  }

  contact(): Json {
    return this.named('contact', this.repos.contacts) ?? this.pick(this.repos.contacts) ?? this.newContact()
  }

  note(): RecordKinds['note'] {
    const named = this.namedChild('note', this.repos.contactStore.notes)
    if (named) return named
    const contact = this.contact()
    return this.repos.contactStore.notes.listOf(String(contact.id))[0] ?? make.makeNote(this.f, contact, this.now)
  }

  task(): RecordKinds['task'] {
    const named = this.namedChild('task', this.repos.contactStore.tasks)
    if (named) return named
    const contact = this.contact()
    return this.repos.contactStore.tasks.listOf(String(contact.id))[0] ?? make.makeTask(this.f, contact, this.userId(), this.now)
  }

  opportunity(): Json {
    return this.named('opportunity', this.repos.opportunities) ?? this.pick(this.repos.opportunities) ?? this.newOpportunity()
  }

  appointment(): Json {
    return this.named('appointment', this.repos.appointments) ?? this.pick(this.repos.appointments) ?? this.newAppointment()
  }

  /** A message of the location's conversation in the event's direction (made, as messages are not written yet). */
  message(): Json {
    const named = this.named('message', this.repos.messages)
    if (named) return named
    const direction = this.input.type === 'OutboundMessage' ? 'outbound' : 'inbound'
    return make.makeMessage(this.f, this.conversation(), direction, this.now, this.userId())
  }

  conversation(): Json {
    return (
      this.named('conversation', this.repos.conversations) ??
      this.pick(this.repos.conversations) ?? {
        id: ghlId(make.randomIntOf(this.f)), locationId: this.place.id, contactId: this.contact().id, unreadCount: 1,
        inbox: true, starred: false, deleted: false,
      }
    )
  }

  /** LocationCreate/Update describe the location the trigger names. */
  location(): Location {
    return this.place
  }

  user(): RecordKinds['user'] {
    const users = this.repos.users.listByLocation(this.place.id)
    const id = this.input.recordId
    const user = id !== undefined ? users.find((u) => u.id === id) : users.length > 0 ? this.f.helpers.arrayElement(users) : undefined
    if (id !== undefined && !user) throw new SampleError(`no user with id ${id} on location ${this.place.id}`, 404)
    if (user) {
      // UserCreate is addressed to a user's first location: put the triggered one first.
      const locationIds = [this.place.id, ...user.roles.locationIds.filter((l) => l !== this.place.id)]
      return user.roles.type === 'account' ? { ...user, roles: { ...user.roles, locationIds } } : user
    }
    const company = this.repos.companies.get(this.place.companyId)
    if (!company) throw new SampleError(`location ${this.place.id} has no agency`)
    return make.makeUser(this.f, company, { type: 'account', role: 'user', locationIds: [this.place.id], restrictSubAccount: false })
  }

  /** The install of the app `data.appId` names (or the first app) on this location; a new row when it has none. */
  install(): RecordKinds['install'] {
    const wanted = this.input.data?.appId
    const app = typeof wanted === 'string' ? this.repos.apps.get(wanted) : this.repos.apps.list()[0]
    if (!app) throw new SampleError(typeof wanted === 'string' ? `no app with id ${wanted}` : 'the world has no apps')
    const company = this.repos.companies.get(this.place.companyId)
    if (!company) throw new SampleError(`location ${this.place.id} has no agency`)
    const admin = this.repos.users.listByLocation(this.place.id)[0]
    const row = this.repos.installs.activeForLocation(app.id, this.place.id) ?? {
      id: ghlId(make.randomIntOf(this.f)), appId: app.id, companyId: company.id, locationId: this.place.id, installType: 'Location' as const,
      isBulk: false, status: 'installed' as const, data: { userId: admin?.id ?? ghlId(make.randomIntOf(this.f)) }, createdAt: this.now, uninstalledAt: null,
    }
    return { row, app, company }
  }

  private named(kind: string, repo: RecordRepo<Json>): Json | undefined {
    const id = this.input.recordId
    if (id === undefined) return undefined
    const row: RecordRow<Json> | undefined = repo.getInLocation(this.place.id, id)
    if (!row) throw new SampleError(`no ${kind} with id ${id} on location ${this.place.id}`, 404)
    return row.data
  }

  private namedChild<T>(kind: string, table: { getInLocation(locationId: string, id: string): T | undefined }): T | undefined {
    const id = this.input.recordId
    if (id === undefined) return undefined
    const row = table.getInLocation(this.place.id, id)
    if (!row) throw new SampleError(`no ${kind} with id ${id} on location ${this.place.id}`, 404)
    return row
  }

  /** A record of the location chosen by the faker (the first page is enough to look real). */
  private pick(repo: RecordRepo<Json>): Json | undefined {
    const page = repo.listByLocation(this.place.id, 50)
    return page.length > 0 ? this.f.helpers.arrayElement(page).data : undefined
  }

  private userIds(): string[] {
    const ids = this.repos.users.listByLocation(this.place.id).map((u) => u.id)
    return ids.length > 0 ? ids : [ghlId(make.randomIntOf(this.f))]
  }

  private userId(): string {
    return this.f.helpers.arrayElement(this.userIds())
  }

  private newContact(): Json {
    return make.makeContact(this.f, { locationId: this.place.id, userIds: this.userIds(), tagNames: make.tagNames.slice(0, 4), customFieldIds: [], createdAt: this.now })
  }

  private newOpportunity(): Json {
    const pipeline = this.pick(this.repos.pipelines) ?? make.makePipeline(this.f, this.place.id, 0, 5, this.now)
    return make.makeOpportunity(this.f, pipeline, this.contact(), this.userIds(), this.now)
  }

  private newAppointment(): Json {
    const calendar = this.pick(this.repos.calendars) ?? make.makeCalendar(this.f, this.place, this.userIds(), 0)
    return make.makeAppointment(this.f, calendar, this.contact(), this.now + DAY + 15 * 3_600_000, this.now)
  }
}

const DAY = 86_400_000

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

function seedOf(seed: number, position: number, type: string): number {
  return createHash('sha256').update(`${seed}:${position}:${type}`).digest().readUInt32BE(0)
}
