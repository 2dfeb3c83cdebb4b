// Test kit for the calendars resource: a small world on a manual clock fixed at a Monday, calls
// through the gateway with Version 2021-04-15 as a location token, the outbox since a mark, and
// spec conformance with the known spec-vs-live differences named once. Never shipped.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createServer, type GhlMock } from '../../src/server.js'
import type { OutboxEvent } from '../../src/storage/outbox.js'
import type { Repos } from '../../src/storage/repos.js'
import { authHeaders, mintToken } from '../../src/testing.js'
import type { Location, User } from '../../src/world/model.js'
import { expectConformsToSpec } from './spec-conformance.js'

export { expectError } from './opportunity-kit.js'

type Json = Record<string, any>

/** HighLevel's doc pages, next to the project (see ARCHITECTURE.md). */
const DOCS = process.env.GHL_DOCS_DIR ?? '/work/shared/ghl-docs'

/** Monday 2 March 2026, 12:00 UTC (7:00 in New York): the tests' "now". */
export const NOW = Date.parse('2026-03-02T12:00:00Z')

const SCOPES = [
  'calendars.readonly', 'calendars.write', 'calendars/events.readonly', 'calendars/events.write',
  'calendars/groups.readonly', 'calendars/groups.write', 'calendars/resources.readonly', 'calendars/resources.write',
  'contacts.readonly', 'contacts.write',
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
 * - event and blocked-slot times (`startTime`, `endTime`, `dateAdded`, `dateUpdated`): the spec
 *   types them `object` (a Date in the NestJS DTO); the API sends ISO strings, as the spec's own
 *   examples show.
 */
const TIME_FIELDS = ['startTime', 'endTime', 'dateAdded', 'dateUpdated']
function knownDifferences(body: Json): string[] {
  const paths: string[] = []
  const times = (prefix: string) => TIME_FIELDS.forEach((field) => paths.push(`${prefix}/${field}`))
  if (body.event) times('/event')
  ;(body.events as Json[] | undefined)?.forEach((_, i) => times(`/events/${i}`))
  if (typeof body.startTime === 'string' && typeof body.title === 'string' && !('contactId' in body)) times('')
  return paths
}

/**
 * The JSON schema of a webhook event from HighLevel's doc page (ghl-docs "webhook events/<Type>.md"),
 * or undefined where the docs are not beside the project (they are not vendored).
 */
export function webhookSchema(type: string): Json | undefined {
  if (!existsSync(join(DOCS, 'webhook events'))) return undefined
  const page = readFileSync(join(DOCS, 'webhook events', `${type}.md`), 'utf8')
  const block = /```json json_schema\n([\s\S]*?)```/.exec(page)
  if (!block) throw new Error(`no schema block in ${type}.md`)
  return JSON.parse(block[1]!) as Json
}

/** Asserts the success status and the spec's response schema; returns the body. */
export async function expectSpec(operationKey: string, res: Response): Promise<Json> {
  const body = (await res.clone().json()) as Json
  return expectConformsToSpec(operationKey, res, { ignore: knownDifferences(body) })
}
