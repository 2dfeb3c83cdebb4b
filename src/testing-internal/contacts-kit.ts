// Test kit for the contact resource tests: a small manual-clock instance, tokens for two of its
// locations, JSON requests through the public HTTP surface, and the events the outbox received.
// Test-only (excluded from the build); it asserts nothing itself.
import { createServer, type GhlMock } from '../server.js'
import type { OutboxEvent } from '../storage/outbox.js'
import type { Location, User } from '../world/model.js'

type Json = Record<string, any>

export interface ContactsKit {
  mock: GhlMock
  /** The location the default token acts on, and a second one of the same agency. */
  location: Location
  other: Location
  /** A user of `location` (assignable, may follow), and one of `other`. */
  user: User
  otherUser: User
  token: string
  otherToken: string
  mint(locationId: string, scopes?: string[]): Promise<string>
  /** Sends JSON with a Bearer token (default: `token`) and Version 2021-07-28. */
  call(method: string, path: string, body?: unknown, token?: string): Promise<Response>
  /** `call`, then the parsed JSON body, asserting nothing. */
  json(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: Json }>
  /** Events appended since the kit started (or since `since`), oldest first, optionally of some types. */
  events(types?: string[]): OutboxEvent[]
  /** Forgets the events seen so far. */
  clearEvents(): void
  /** Creates a contact over HTTP and returns it (asserting 201 is the caller's job if it matters). */
  create(fields: Json, token?: string): Promise<Json>
  close(): Promise<void>
}

export const CONTACT_SCOPES = ['contacts.readonly', 'contacts.write']

export async function startContactsKit(): Promise<ContactsKit> {
  const mock = await createServer({ world: 'small', clock: 'manual', listen: false, db: ':memory:' })
  const world = mock.world()
  const [location, other] = world.locations as [Location, Location]
  const userOf = (locationId: string) => world.users.find((u) => u.roles.type === 'account' && u.roles.locationIds.includes(locationId))!
  let firstEvent = (mock.runtime.repos.events.list(1)[0]?.id ?? 0) + 1

  async function mint(locationId: string, scopes = CONTACT_SCOPES): Promise<string> {
    const res = await mock.app.request('/_mock/tokens', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ locationId, scopes, type: 'oauth' }),
    })
    const body = (await res.json()) as Json
    if (typeof body.access_token !== 'string') throw new Error(`token mint failed: ${JSON.stringify(body)}`)
    return body.access_token
  }

  const token = await mint(location.id)
  const otherToken = await mint(other.id)

  function call(method: string, path: string, body?: unknown, bearer = token): Promise<Response> {
    const headers: Record<string, string> = { Authorization: `Bearer ${bearer}`, Version: '2021-07-28' }
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    return Promise.resolve(mock.app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }))
  }

  const kit: ContactsKit = {
    mock,
    location,
    other,
    user: userOf(location.id),
    otherUser: userOf(other.id),
    token,
    otherToken,
    mint,
    call,
    async json(method, path, body, bearer) {
      const res = await call(method, path, body, bearer)
      return { status: res.status, body: (await res.json()) as Json }
    },
    events(types) {
      const all = mock.runtime.repos.events.list(10_000).filter((e) => e.id >= firstEvent).reverse()
      return types ? all.filter((e) => types.includes(e.type)) : all
    },
    clearEvents() {
      firstEvent = (mock.runtime.repos.events.list(1)[0]?.id ?? 0) + 1
    },
    async create(fields, bearer) {
      const res = await call('POST', '/contacts/', { locationId: location.id, ...fields }, bearer)
      const body = (await res.json()) as Json
      if (res.status !== 201) throw new Error(`create failed ${res.status}: ${JSON.stringify(body)}`)
      return body.contact as Json
    },
    close: () => mock.close(),
  }
  return kit
}
