// Test kit for the opportunity resource tests: one small-world instance on a manual clock, calls
// through the gateway as a location token (ghl-mock/testing's mintToken and authHeaders), the
// outbox since a mark, and spec conformance with the known spec-vs-live differences named once. Never shipped.
import { createServer, type GhlMock } from '../../src/server.js'
import type { OutboxEvent } from '../../src/storage/outbox.js'
import type { Repos } from '../../src/storage/repos.js'
import { authHeaders, mintToken } from '../../src/testing.js'
import type { Location, User } from '../../src/world/model.js'
import { expectConformsToSpec } from './spec-conformance.js'

type Json = Record<string, any>

const SCOPES = ['opportunities.readonly', 'opportunities.write', 'contacts.write']

/** Who calls: a location token (opportunity operations take sub-account tokens only). */
export type Caller = { locationId: string }

export interface CallOptions {
  body?: unknown
  /** Raw body text (for malformed JSON). */
  rawBody?: string
  as?: Caller
}

export interface OpportunityKit {
  mock: GhlMock
  repos: Repos
  /** The seeded locations; [0] is the default caller, [1] the other tenant. */
  locations: Location[]
  usersOf(locationId: string): User[]
  call(method: string, path: string, options?: CallOptions): Promise<Response>
  /** Events appended since the last mark (oldest first). */
  eventsSinceMark(): OutboxEvent[]
  mark(): void
  close(): Promise<void>
}

export async function startOpportunityKit(): Promise<OpportunityKit> {
  const mock = await createServer({ world: 'small', clock: 'manual', listen: false })
  const repos = mock.runtime.repos
  const locations = repos.locations.list()
  const tokens = new Map<string, string>()
  let markId = repos.events.list(1)[0]?.id ?? 0

  async function tokenFor(caller: Caller): Promise<string> {
    const key = JSON.stringify(caller)
    let token = tokens.get(key)
    if (!token) {
      token = await mintToken(mock, { ...caller, scopes: SCOPES })
      tokens.set(key, token)
    }
    return token
  }

  return {
    mock,
    repos,
    locations,
    usersOf: (locationId) => repos.users.listByLocation(locationId),
    async call(method, path, options = {}) {
      const token = await tokenFor(options.as ?? { locationId: locations[0]!.id })
      const init: RequestInit = {
        method,
        headers: { ...authHeaders(token), 'content-type': 'application/json' },
      }
      if (options.rawBody !== undefined) init.body = options.rawBody
      else if (options.body !== undefined) init.body = JSON.stringify(options.body)
      return mock.app.request(path, init)
    },
    eventsSinceMark() {
      return repos.events.list(10_000).filter((e) => e.id > markId).reverse()
    },
    mark() {
      markId = repos.events.list(1)[0]?.id ?? 0
    },
    close: () => mock.close(),
  }
}

/**
 * Instance paths where the live API differs from opportunities.json, each for a stated reason:
 * - `followers`: the spec types the items as arrays; the API (and the spec's own followers
 *   endpoints) use user-id strings.
 * - `stages`: the spec types the items as arrays; pipelines carry stage objects {id, name, position, …}.
 * - `meta` cursor fields: null on the last page (the spec types them non-null numbers/strings).
 */
function knownDifferences(body: Json): string[] {
  const paths: string[] = []
  const opportunityPaths = (prefix: string, o: Json | undefined) => {
    if (o && Array.isArray(o.followers) && o.followers.length > 0) paths.push(`${prefix}/followers`)
  }
  opportunityPaths('/opportunity', body.opportunity)
  ;(body.opportunities as Json[] | undefined)?.forEach((o, i) => opportunityPaths(`/opportunities/${i}`, o))
  ;(body.pipelines as Json[] | undefined)?.forEach((_, i) => paths.push(`/pipelines/${i}/stages`))
  if (body.meta) for (const key of ['nextPageUrl', 'startAfterId', 'startAfter', 'nextPage', 'prevPage']) if (body.meta[key] === null) paths.push(`/meta/${key}`)
  return paths
}

/** Asserts the success status and the spec's response schema (minus the known differences); returns the body. */
export async function expectSpec(operationKey: string, res: Response): Promise<Json> {
  const body = (await res.clone().json()) as Json
  return expectConformsToSpec(operationKey, res, { ignore: knownDifferences(body) })
}

/** Asserts a HighLevel-shaped error; returns its body. */
export async function expectError(res: Response, status: number, message?: string | RegExp): Promise<Json> {
  const body = (await res.json()) as Json
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(body)}`)
  if (body.statusCode !== status) throw new Error(`statusCode ${body.statusCode} in ${JSON.stringify(body)}`)
  if (message !== undefined) {
    const text = Array.isArray(body.message) ? body.message.join(' | ') : String(body.message)
    const ok = typeof message === 'string' ? text.includes(message) : message.test(text)
    if (!ok) throw new Error(`message ${JSON.stringify(body.message)} does not match ${message}`)
  }
  return body
}
