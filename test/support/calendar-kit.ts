// Test kit for the calendars resource: a small world on a manual clock fixed at a Monday, calls
// through the gateway with Version 2021-04-15 as a location token, the outbox since a mark, and
// spec conformance with the known spec-vs-live differences named once. Never shipped.
import { createServer, type GhlMock } from '../../src/server.js'
import type { OutboxEvent } from '../../src/storage/outbox.js'
import type { Repos } from '../../src/storage/repos.js'
import { authHeaders, mintToken } from '../../src/testing.js'
import type { Location, User } from '../../src/world/model.js'
import { expectConformsToSpec } from './spec-conformance.js'

export { expectError } from './opportunity-kit.js'

type Json = Record<string, any>

/** Monday 2 March 2026, 12:00 UTC (7:00 in New York): the tests' "now". */
export const NOW = Date.parse('2026-03-02T12:00:00Z')

const SCOPES = [
  'calendars.readonly', 'calendars.write', 'calendars/events.readonly', 'calendars/events.write',
  'calendars/groups.readonly', 'calendars/groups.write', 'contacts.readonly', 'contacts.write',
]

export interface CalendarKit {
  mock: GhlMock
  repos: Repos
  /** The seeded locations; [0] is the default caller, [1] the other tenant. */
  locations: Location[]
  usersOf(locationId: string): User[]
  contactOf(locationId: string, index?: number): string
  call(method: string, path: string, options?: { body?: unknown; as?: string; version?: string }): Promise<Response>
  eventsSinceMark(): OutboxEvent[]
  mark(): void
  close(): Promise<void>
}

export async function startCalendarKit(): Promise<CalendarKit> {
  const mock = await createServer({ world: 'small', clock: 'manual', clockStart: NOW, listen: false, logLevel: 'error' })
  const repos = mock.runtime.repos
  const locations = repos.locations.list()
  const tokens = new Map<string, string>()
  let markId = repos.events.list(1)[0]?.id ?? 0
  return {
    mock,
    repos,
    locations,
    usersOf: (locationId) => repos.users.listByLocation(locationId),
    contactOf: (locationId, index = 0) => repos.contacts.listByLocation(locationId, index + 1)[index]!.id,
    async call(method, path, options = {}) {
      const locationId = options.as ?? locations[0]!.id
      let token = tokens.get(locationId)
      if (!token) tokens.set(locationId, (token = await mintToken(mock, { locationId, scopes: SCOPES })))
      const init: RequestInit = { method, headers: { ...authHeaders(token, options.version ?? '2021-04-15'), 'content-type': 'application/json' } }
      if (options.body !== undefined) init.body = JSON.stringify(options.body)
      return mock.app.request(path, init)
    },
    eventsSinceMark: () => repos.events.list(10_000).filter((e) => e.id > markId).reverse(),
    mark() {
      markId = repos.events.list(1)[0]?.id ?? 0
    },
    close: () => mock.close(),
  }
}

/**
 * Instance paths where the live API differs from calendars.json, each for a stated reason:
 * - `teamMembers/N/locationConfigurations`: absent on records that predate the field.
 * (None needed so far; listed here so a difference found later is named once.)
 */
function knownDifferences(_body: Json): string[] {
  return []
}

/** Asserts the success status and the spec's response schema; returns the body. */
export async function expectSpec(operationKey: string, res: Response): Promise<Json> {
  const body = (await res.clone().json()) as Json
  return expectConformsToSpec(operationKey, res, { ignore: knownDifferences(body) })
}
