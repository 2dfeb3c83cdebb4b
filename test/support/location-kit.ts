// Test kit for the location-family resources: a small manual-clock instance, tokens for its
// sub-accounts or agency (minted through POST /_mock/tokens), and calls through the full gateway
// with the headers HighLevel requires.
import { createServer, type GhlMock } from '../../src/server.js'
import { authHeaders, mintToken } from '../../src/testing.js'
import type { Location, User } from '../../src/world/model.js'

/** A bearer token, or the promise of one (what `token()` returns; `call` awaits it). */
export type TokenLike = string | Promise<string>

export interface Kit {
  mock: GhlMock
  companyId: string
  locations: Location[]
  users: User[]
  /** A location token (default: the first location) or, with `companyId`, an agency token; default scopes: all the demo app's. */
  token(options?: { locationId?: string; companyId?: string; scopes?: string[] }): Promise<string>
  /** Calls the API as `token` (default: a token of the first location) with a JSON body or a multipart form. */
  call(method: string, path: string, options?: { token?: TokenLike; body?: unknown; form?: FormData }): Promise<Response>
}

export async function startKit(): Promise<Kit> {
  const mock = await createServer({ world: 'small', clock: 'manual', listen: false, logLevel: 'error' })
  const world = mock.world()
  const locations = world.locations
  const companyId = locations[0]!.companyId

  function token(options: { locationId?: string; companyId?: string; scopes?: string[] } = {}): Promise<string> {
    const scopes = options.scopes ? { scopes: options.scopes } : {}
    return options.companyId !== undefined
      ? mintToken(mock, { companyId: options.companyId, ...scopes })
      : mintToken(mock, { locationId: options.locationId ?? locations[0]!.id, ...scopes })
  }

  let defaultToken: Promise<string> | undefined
  async function call(method: string, path: string, options: { token?: TokenLike; body?: unknown; form?: FormData } = {}) {
    const bearer = await (options.token ?? (defaultToken ??= token()))
    const headers: Record<string, string> = authHeaders(bearer)
    let body: string | FormData | undefined
    if (options.form) body = options.form
    else if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
    }
    return mock.app.request(path, { method, headers, body })
  }

  return { mock, companyId, locations, users: world.users, token, call }
}
