// Test helpers for the OAuth install flow: a fresh instance, install links, the consent form
// POST, and the token endpoint. Each helper goes through the public HTTP surface (app.request).
import { createServer, type GhlMock } from '../../src/server.js'

export type World = ReturnType<GhlMock['world']>
export type WorldApp = World['apps'][number]

/** A small world on a manual clock, no port: for `app.request()` tests. */
export const startMock = (options: Parameters<typeof createServer>[0] = {}) =>
  createServer({ world: 'small', clock: 'manual', listen: false, logLevel: 'silent', ...options })

/** The seeded apps by role: the free demo app (sub-account, bulk) and the paid one. */
export function appsOf(mock: GhlMock) {
  const { apps } = mock.world()
  return { demo: apps[0]!, paid: apps.find((app) => app.businessModel === 'paid')! }
}

export function installLink(app: WorldApp, params: Record<string, string | undefined> = {}, path = '/oauth/chooselocation'): string {
  const query = new URLSearchParams({ response_type: 'code', client_id: app.clientId, redirect_uri: app.redirectUris[0]! })
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) query.delete(key)
    else query.set(key, value)
  }
  return `${path}?${query}`
}

export const form = (fields: Record<string, string | string[] | undefined>) => {
  const body = new URLSearchParams()
  for (const [key, value] of Object.entries(fields)) {
    for (const each of Array.isArray(value) ? value : value === undefined ? [] : [value]) body.append(key, each)
  }
  return body
}

export const formPost = (body: URLSearchParams): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: body.toString(),
})

export const jsonPost = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
})

/**
 * The form token of the consent page for this link, as a browser has it after rendering the page.
 * A link the page refuses (no token on it) gives an empty string.
 */
export async function consentToken(mock: GhlMock, app: WorldApp, params: Record<string, string | undefined> = {}): Promise<string> {
  const page = await (await mock.app.request(installLink(app, params))).text()
  return /name="csrf_token" value="([^"]+)"/.exec(page)?.[1] ?? ''
}

/**
 * Submits the consent form as a browser would after the user chose `target`: the page is rendered
 * first (for the registered redirect URI, so a tampered `redirectUri` is a change made after it).
 */
export async function decide(
  mock: GhlMock,
  app: WorldApp,
  input: { decision?: 'approve' | 'deny'; target?: string; locationIds?: string[]; scope?: string; state?: string; redirectUri?: string },
): Promise<Response> {
  const csrfToken = await consentToken(mock, app, { scope: input.scope, state: input.state })
  const body = form({
    csrf_token: csrfToken,
    client_id: app.clientId,
    redirect_uri: input.redirectUri ?? app.redirectUris[0]!,
    response_type: 'code',
    scope: input.scope,
    state: input.state,
    target: input.target,
    locationIds: input.locationIds,
    decision: input.decision ?? 'approve',
  })
  return mock.app.request('/oauth/chooselocation', formPost(body))
}

/** Approves an install and returns the code from the redirect. */
export async function approveForCode(mock: GhlMock, app: WorldApp, target: string, extra: { scope?: string; state?: string; locationIds?: string[] } = {}) {
  const res = await decide(mock, app, { target, ...extra })
  if (res.status !== 302) throw new Error(`expected a redirect, got ${res.status}: ${await res.text()}`)
  const location = new URL(res.headers.get('location')!)
  const code = location.searchParams.get('code')
  if (!code) throw new Error(`no code in ${location}`)
  return { code, location }
}

/** POST /oauth/token with a form body. */
export const tokenRequest = (mock: GhlMock, fields: Record<string, string | undefined>) =>
  mock.app.request('/oauth/token', formPost(form(fields)))

export async function exchangeCode(mock: GhlMock, app: WorldApp, code: string, extra: Record<string, string> = {}) {
  const res = await tokenRequest(mock, { client_id: app.clientId, client_secret: app.clientSecret, grant_type: 'authorization_code', code, ...extra })
  if (res.status !== 200) throw new Error(`exchange failed ${res.status}: ${await res.text()}`)
  return (await res.json()) as Record<string, unknown> & { access_token: string; refresh_token: string }
}

/** The claims of a JWT, unverified. */
export const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>
