// The install flow end to end on a real port: the consent page's own form, the redirect, the
// token exchange, API calls through the gateway, refresh, expiry; and the official SDK with only
// its base URL changed.
import { HighLevel } from '@gohighlevel/api-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authenticate } from '../src/auth/access-tokens.js'
import { createServer, type GhlMock } from '../src/server.js'

let mock: GhlMock
beforeAll(async () => {
  mock = await createServer({ world: 'small', clock: 'manual', logLevel: 'silent' })
})
afterAll(() => mock.close())

/** The hidden fields and the action of the consent page's form, read from its HTML. */
function formOf(page: string): { action: string; fields: URLSearchParams } {
  const action = /<form method="post" action="([^"]+)"/.exec(page)![1]!
  const fields = new URLSearchParams()
  for (const [, name, value] of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields.append(name!, value!.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))))
  }
  return { action, fields }
}

const contacts = (token: string, locationId: string) =>
  fetch(`${mock.url}/contacts/?locationId=${locationId}&limit=5`, { headers: { Authorization: `Bearer ${token}`, Version: '2021-07-28' } })

describe('the install flow over HTTP', () => {
  it('consent page → approve form → redirect → exchange → API call → refresh → API call', async () => {
    const app = mock.world().apps[0]!
    const location = mock.world().locations[1]!
    const state = 'csrf <&> token'
    const link = `${mock.url}/v2/oauth/chooselocation?${new URLSearchParams({ response_type: 'code', client_id: app.clientId, redirect_uri: app.redirectUris[0]!, scope: 'contacts.readonly contacts.write', state, loginWindowOpenMode: 'self' })}`
    const page = await (await fetch(link)).text()
    const { action, fields } = formOf(page)
    expect(action).toBe('/v2/oauth/chooselocation')
    expect(fields.get('state')).toBe(state)
    fields.set('target', `location:${location.id}`)
    fields.set('decision', 'approve')
    const approved = await fetch(`${mock.url}${action}`, { method: 'POST', body: fields, redirect: 'manual' })
    expect(approved.status).toBe(302)
    const callback = new URL(approved.headers.get('location')!)
    expect(callback.searchParams.get('state')).toBe(state)

    const exchange = await fetch(`${mock.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: app.clientId, client_secret: app.clientSecret, grant_type: 'authorization_code', code: callback.searchParams.get('code')!, user_type: 'Location', redirect_uri: app.redirectUris[0]! }),
    })
    expect(exchange.status).toBe(200)
    const tokens = (await exchange.json()) as Record<string, string>
    expect(tokens).toMatchObject({ userType: 'Location', locationId: location.id, scope: 'contacts.readonly contacts.write' })
    expect(authenticate(mock.runtime, tokens.access_token!)).toMatchObject({ locationId: location.id, scopes: ['contacts.readonly', 'contacts.write'] })
    expect((await contacts(tokens.access_token!, location.id)).status).toBe(200)
    // The token holds only the scopes granted on the consent page.
    const calendars = await fetch(`${mock.url}/calendars/?locationId=${location.id}`, { headers: { Authorization: `Bearer ${tokens.access_token}`, Version: '2021-04-15' } })
    expect(await calendars.json()).toMatchObject({ statusCode: 401, message: 'The token is not authorized for this scope.' })

    const refreshed = await fetch(`${mock.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: app.clientId, client_secret: app.clientSecret, grant_type: 'refresh_token', refresh_token: tokens.refresh_token! }),
    })
    expect(refreshed.status).toBe(200)
    const next = (await refreshed.json()) as Record<string, string>
    expect((await contacts(next.access_token!, location.id)).status).toBe(200)

    // A day later (86,399 s) the access token is dead; the refreshed pair's refresh token still works.
    await mock.clock.advance(86_399_000)
    expect(await (await contacts(next.access_token!, location.id)).json()).toMatchObject({ statusCode: 401, message: 'Invalid JWT' })
    const again = await fetch(`${mock.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: app.clientId, client_secret: app.clientSecret, grant_type: 'refresh_token', refresh_token: next.refresh_token! }),
    })
    expect((await contacts(((await again.json()) as Record<string, string>).access_token!, location.id)).status).toBe(200)
  })
})

describe('the official SDK (@gohighlevel/api-client), base URL pointed at the mock', () => {
  it('exchanges a code, refreshes, gets a location token from the agency token and calls the API', async () => {
    const app = mock.world().apps[0]!
    const company = mock.world().companies[0]!
    const location = mock.world().locations[0]!
    const ghl = new HighLevel({ clientId: app.clientId, clientSecret: app.clientSecret, logLevel: 'error' })
    ghl.getHttpClient().defaults.baseURL = mock.url

    const install = await fetch(`${mock.url}/_mock/installs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ clientId: app.clientId, companyId: company.id, bulk: true }) })
    const { code } = (await install.json()) as { code: string }
    const agency = await ghl.oauth.getAccessToken({ client_id: app.clientId, client_secret: app.clientSecret, grant_type: 'authorization_code', code })
    expect(agency).toMatchObject({ userType: 'Company', companyId: company.id, isBulkInstallation: true })

    const refreshed = await ghl.oauth.refreshToken(agency.refresh_token!, app.clientId, app.clientSecret, 'refresh_token', 'Company')
    expect(refreshed.refresh_token).not.toBe(agency.refresh_token)
    await ghl.getSessionStorage().setSession(company.id, { ...refreshed, userType: 'Company' } as never)

    const locationToken = await ghl.oauth.getLocationAccessToken({ companyId: company.id, locationId: location.id })
    expect(locationToken).toMatchObject({ locationId: location.id, token_type: 'Bearer', expires_in: 86399 })
    expect(authenticate(mock.runtime, locationToken.access_token!)).toMatchObject({ authClass: 'Location', locationId: location.id })

    const installed = await ghl.oauth.getInstalledLocation({ companyId: company.id, appId: app.id })
    expect(installed.count).toBe(mock.world().locations.length)
    expect(installed.locations?.every((l) => l.isInstalled)).toBe(true)

    await ghl.getSessionStorage().setSession(location.id, { ...locationToken, userType: 'Location', companyId: company.id } as never)
    const page = await ghl.contacts.getContacts({ locationId: location.id, limit: 5 })
    expect(page).toHaveProperty('contacts')
  })
})
