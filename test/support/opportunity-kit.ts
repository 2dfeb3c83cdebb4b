// Test kit for the opportunity resource tests: one small-world instance on a manual clock, calls
// as a location token, the outbox since a mark, and spec conformance with the known
// spec-vs-live differences named once. Calls go through the gateway when the instance has one
// (`POST /_mock/tokens` answers); before it lands, through a stand-in that mounts the handlers on
// the operations' paths with the token set directly. Test support only; never shipped.
import { Hono } from 'hono'
import type { AppEnv } from '../../src/app-env.js'
import { renderError } from '../../src/errors.js'
import { operationTable } from '../../src/gateway/operation-table.js'
import { handlers } from '../../src/handlers/index.js'
import { createServer, type GhlMock } from '../../src/server.js'
import type { OutboxEvent } from '../../src/storage/outbox.js'
import type { Repos } from '../../src/storage/repos.js'
import type { TokenRow } from '../../src/storage/tokens.js'
import type { Location, User } from '../../src/world/model.js'
import { expectConformsToSpec } from './spec-conformance.js'

type Json = Record<string, any>

const SCOPES = ['opportunities.readonly', 'opportunities.write']

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
  const viaGateway = await hasGateway(mock)
  const tokens = new Map<string, string>()
  const standIn = viaGateway ? undefined : standInApp(mock)
  let markId = repos.events.list(1)[0]?.id ?? 0

  async function tokenFor(caller: Caller): Promise<string> {
    const key = JSON.stringify(caller)
    let token = tokens.get(key)
    if (!token) {
      if (!viaGateway) token = `stand-in ${key}`
      else {
        const res = await mock.app.request('/_mock/tokens', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...caller, scopes: SCOPES, type: 'oauth' }),
        })
        token = ((await res.json()) as Json).access_token as string
      }
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
        headers: { Authorization: `Bearer ${token}`, Version: '2021-07-28', 'content-type': 'application/json' },
      }
      if (options.rawBody !== undefined) init.body = options.rawBody
      else if (options.body !== undefined) init.body = JSON.stringify(options.body)
      return (standIn ?? mock.app).request(path, init)
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

async function hasGateway(mock: GhlMock): Promise<boolean> {
  const res = await mock.app.request('/_mock/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
  return res.status !== 404
}

/** The opportunity operations on their paths (table order: static before {param}), token set directly. */
function standInApp(mock: GhlMock): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.use(async function standInAuth(c, next) {
    c.set('traceId', 'stand-in')
    c.set('runtime', mock.runtime)
    const caller = JSON.parse((c.req.header('authorization') ?? '').replace(/^Bearer stand-in /, '')) as Caller
    c.set('auth', tokenRow(mock, caller))
    await next()
  })
  for (const op of operationTable.filter((o) => o.module === 'opportunities')) {
    const handler = handlers[op.key]
    if (handler) app.on(op.method.toUpperCase(), op.honoPath, (c) => handler(c))
  }
  app.onError((err, c) => renderError(err, c))
  return app
}

function tokenRow(mock: GhlMock, caller: Caller): TokenRow {
  const location = mock.runtime.repos.locations.get(caller.locationId)
  return {
    id: 'stand-in',
    tokenHash: '',
    kind: 'oauth',
    appId: null,
    clientId: null,
    authClass: 'Location',
    companyId: location?.companyId ?? '',
    locationId: caller.locationId,
    userId: null,
    scopes: SCOPES,
    installId: null,
    source: 'mock',
    parentId: null,
    createdAt: 0,
    expiresAt: null,
    revokedAt: null,
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
