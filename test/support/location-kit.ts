// Test kit for the location-family resources: a small manual-clock instance, tokens for its
// sub-accounts or agency, and HTTP calls with the headers HighLevel requires.
// Until the gateway is on main, `mountInterimRoutes` routes these operations itself (bearer
// authentication only); with the gateway it is not used and every check is the real one.
import { authenticate, mintOAuthToken } from '../../src/auth/access-tokens.js'
import { unauthorized, messages } from '../../src/errors.js'
import { handlers } from '../../src/handlers/index.js'
import { operationTable } from '../../src/gateway/operation-table.js'
import { createServer, type GhlMock } from '../../src/server.js'
import type { Location, User } from '../../src/world/model.js'

/** Flip to true once the gateway routes every operation (then delete mountInterimRoutes). */
const GATEWAY_ON_MAIN = false

export interface Kit {
  mock: GhlMock
  companyId: string
  locations: Location[]
  users: User[]
  /** A location token (default: the first location) or, with `companyId`, an agency token. */
  token(options?: { locationId?: string; companyId?: string; scopes?: string[] }): string
  call(method: string, path: string, options?: { token?: string; body?: unknown; form?: FormData }): Promise<Response>
}

const MODULES = ['locations', 'users', 'businesses', 'custom-fields']

export async function startKit(): Promise<Kit> {
  const mock = await createServer({ world: 'small', clock: 'manual', listen: false })
  if (!GATEWAY_ON_MAIN) mountInterimRoutes(mock)
  const { repos, clock, keys } = mock.runtime
  const app = repos.apps.list()[0]!
  const locations = repos.locations.list()
  const companyId = locations[0]!.companyId
  const allScopes = operationTable.filter((op) => MODULES.includes(op.module)).flatMap((op) => op.requiredScopes)

  function token(options: { locationId?: string; companyId?: string; scopes?: string[] } = {}): string {
    const scopes = options.scopes ?? [...new Set(allScopes)]
    const agency = options.companyId !== undefined
    return mintOAuthToken({ repos, clock, keys }, {
      app,
      authClass: agency ? 'Company' : 'Location',
      companyId: options.companyId ?? companyId,
      locationId: agency ? null : (options.locationId ?? locations[0]!.id),
      scopes,
      source: 'mock',
    }).token
  }

  async function call(method: string, path: string, options: { token?: string; body?: unknown; form?: FormData } = {}) {
    const headers: Record<string, string> = { Version: '2021-07-28', Authorization: `Bearer ${options.token ?? token()}` }
    let body: string | FormData | undefined
    if (options.form) body = options.form
    else if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
    }
    return mock.app.request(path, { method, headers, body })
  }

  return { mock, companyId, locations, users: repos.users.list(), token, call }
}

/** Routes this family's operations straight to their handlers, authenticating the bearer only. */
function mountInterimRoutes(mock: GhlMock): void {
  const { repos, clock, keys } = mock.runtime
  for (const op of operationTable) {
    const handler = handlers[op.key]
    if (!handler || !MODULES.includes(op.module)) continue
    mock.app.on(op.method.toUpperCase(), [op.honoPath], async (c) => {
      const bearer = c.req.header('authorization')?.replace(/^Bearer\s+/i, '') ?? ''
      const auth = authenticate({ repos, clock, keys }, bearer)
      if (!auth) throw unauthorized(messages.invalidJwt)
      c.set('auth', auth)
      return handler(c)
    })
  }
}
