import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { messages } from '../errors.js'
import { createServer, type GhlMock } from '../server.js'
import { apiRequest, mintToken, mintTokenAnswer } from '../testing.js'
import { classMessages } from './token-class.js'

let mock: GhlMock
let ids: { agencyA: string; agencyB: string; locA1: string; locA2: string; locB1: string; demoClient: string; otherClient: string }

beforeEach(async () => {
  mock = await createServer({
    world: 'small',
    clock: 'manual',
    clockStart: '2026-03-10T23:59:00.000Z',
    listen: false,
    logLevel: 'error',
    fixtures: { apps: [{ name: 'Second App' }], agencies: [{ locations: 2 }, { locations: 1 }] },
  })
  const world = mock.world()
  const [agencyA, agencyB] = world.companies
  const inA = world.locations.filter((l) => l.companyId === agencyA!.id)
  const inB = world.locations.filter((l) => l.companyId === agencyB!.id)
  ids = {
    agencyA: agencyA!.id,
    agencyB: agencyB!.id,
    locA1: inA[0]!.id,
    locA2: inA[1]!.id,
    locB1: inB[0]!.id,
    demoClient: world.apps[0]!.clientId,
    otherClient: world.apps[1]!.clientId,
  }
})

afterEach(() => mock.close())

const json = async (res: Response) => (await res.json()) as Record<string, unknown>

describe('check order and messages', () => {
  it('asks for Version before anything else, then Authorization, then a valid token, then the scope', async () => {
    const token = await mintToken(mock, { locationId: ids.locA1, scopes: ['contacts.write'] })
    const steps = [
      { init: { version: null }, message: messages.versionMissing },
      { init: { version: '2020-01-01', token: 'garbage' }, message: messages.versionInvalid },
      { init: {}, message: messages.authorizationMissing },
      { init: { token: 'not-a-jwt' }, message: messages.invalidJwt },
      { init: { token }, message: messages.scopeMissing },
    ]
    for (const step of steps) {
      const res = await apiRequest(mock, 'GET', '/contacts/abc', step.init)
      expect(res.status).toBe(401)
      expect(await json(res)).toMatchObject({ statusCode: 401, message: step.message })
    }
  })

  it('accepts every published Version on every operation, whatever the spec declares', async () => {
    const token = await mintToken(mock, { locationId: ids.locA1, scopes: ['calendars.readonly'] })
    for (const version of ['2021-04-15', '2021-07-28', '2023-02-21', 'v3']) {
      const res = await apiRequest(mock, 'GET', `/calendars/?locationId=${ids.locA1}`, { token, version })
      expect(res.status, version).toBe(200)
    }
  })

  it('refuses forged, expired and revoked tokens with "Invalid JWT"', async () => {
    const { access_token: token, tokenId } = await mintTokenAnswer(mock, { locationId: ids.locA1, scopes: ['contacts.readonly'], expiresIn: 60 })
    // A route that answers 200 to any valid token of the location (contacts are stateful: /contacts/c1 is a 400).
    const list = `/contacts/?locationId=${ids.locA1}`
    const [header, payload] = token.split('.')
    const forged = `${header}.${payload}.${Buffer.from('nope').toString('base64url')}`
    expect(await json(await apiRequest(mock, 'GET', '/contacts/c1', { token: forged }))).toMatchObject({ message: messages.invalidJwt })
    const basic = await apiRequest(mock, 'GET', '/contacts/c1', { headers: { Authorization: `Basic ${token}` } })
    expect(await json(basic)).toMatchObject({ statusCode: 401, message: messages.invalidJwt })
    expect((await apiRequest(mock, 'GET', list, { token })).status).toBe(200)
    await mock.clock.advance(60_000)
    expect(await json(await apiRequest(mock, 'GET', '/contacts/c1', { token }))).toMatchObject({ statusCode: 401, message: messages.invalidJwt })

    const pit = await mintTokenAnswer(mock, { locationId: ids.locA1, type: 'pit', scopes: 'contacts.readonly' })
    expect((await apiRequest(mock, 'GET', list, { token: pit.access_token })).status).toBe(200)
    mock.runtime.repos.tokens.revoke(pit.tokenId, mock.clock.now())
    expect(await json(await apiRequest(mock, 'GET', '/contacts/c1', { token: pit.access_token }))).toMatchObject({ message: messages.invalidJwt })
    expect(tokenId).toMatch(/[0-9a-f-]{36}/)
  })

  it('puts the token on the context and tags synthesized and stateful answers', async () => {
    const token = await mintToken(mock, { locationId: ids.locA1, scopes: ['contacts.readonly', 'forms.readonly'] })
    const res = await apiRequest(mock, 'GET', `/forms/?locationId=${ids.locA1}`, { token })
    expect(res.headers.get('x-ghl-mock-fidelity')).toBe('synthesized')
    expect(res.headers.get('traceId')).toMatch(/[0-9a-f-]{36}/)
    const stateful = await apiRequest(mock, 'GET', `/contacts/?locationId=${ids.locA1}`, { token })
    expect(stateful.headers.get('x-ghl-mock-fidelity')).toBe('stateful')
  })

  it('serves collection roots with and without the trailing slash', async () => {
    const token = await mintToken(mock, { locationId: ids.locA1, scopes: ['contacts.write'] })
    for (const path of ['/contacts/', '/contacts']) {
      const res = await apiRequest(mock, 'POST', path, { token, body: { locationId: ids.locA1, firstName: 'Ada' } })
      expect(res.status, path).toBe(201)
    }
  })

  it('lets POST /oauth/token through without Version or token (whoever answers it)', async () => {
    const res = await mock.app.request('/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    })
    const body = await json(res)
    expect([messages.versionMissing, messages.authorizationMissing]).not.toContain(body.message)
    expect(res.headers.get('X-RateLimit-Max')).toBeNull()
  })

  it('answers unknown paths with a HighLevel-shaped 404', async () => {
    const res = await apiRequest(mock, 'GET', '/no/such/route')
    expect(res.status).toBe(404)
    expect(await json(res)).toMatchObject({ statusCode: 404, message: 'Cannot GET /no/such/route' })
  })
})

describe('token class against the security scheme', () => {
  it('refuses an agency OAuth token on a sub-account route with the authClass message', async () => {
    const token = await mintToken(mock, { companyId: ids.agencyA, scopes: ['contacts.readonly'] })
    const res = await apiRequest(mock, 'GET', '/contacts/c1', { token })
    expect(res.status).toBe(401)
    expect(await json(res)).toMatchObject({ message: classMessages.oauthClass })
  })

  it('refuses a location token on an Agency-Access route', async () => {
    const token = await mintToken(mock, { locationId: ids.locA1, scopes: ['companies.readonly'] })
    const res = await apiRequest(mock, 'GET', `/companies/${ids.agencyA}`, { token })
    expect(await json(res)).toMatchObject({ statusCode: 401, message: classMessages.oauthClass })
  })

  it('refuses an agency PIT on a sub-account route with "Token\'s user type mismatch!"', async () => {
    const token = await mintToken(mock, { companyId: ids.agencyA, type: 'pit', scopes: ['users.readonly'] })
    const res = await apiRequest(mock, 'GET', '/users/', { token })
    expect(await json(res)).toMatchObject({ statusCode: 401, message: classMessages.pitClass })
  })

  it('refuses any PIT on an Agency-Access-Only route, and takes the agency OAuth token', async () => {
    const pit = await mintToken(mock, { companyId: ids.agencyA, type: 'pit', scopes: ['oauth.readonly'] })
    const path = `/oauth/installedLocations?companyId=${ids.agencyA}&appId=${mock.world().apps[0]!.id}`
    expect(await json(await apiRequest(mock, 'GET', path, { token: pit }))).toMatchObject({ statusCode: 401, message: classMessages.pitNotAccepted })
    const oauth = await mintToken(mock, { companyId: ids.agencyA, scopes: ['oauth.readonly'] })
    expect((await apiRequest(mock, 'GET', path, { token: oauth })).status).toBe(200)
  })

  it('takes either class where the spec offers Location-Access and Agency-Access', async () => {
    for (const input of [{ locationId: ids.locA1 }, { companyId: ids.agencyA }, { locationId: ids.locA1, type: 'pit' as const }]) {
      const token = await mintToken(mock, { ...input, scopes: ['invoices.readonly'] })
      const res = await apiRequest(mock, 'GET', `/invoices/inv1?altId=${ids.locA1}&altType=location`, { token })
      expect(res.status, JSON.stringify(input)).toBe(200)
    }
  })

  it('checks the scope before the class', async () => {
    const token = await mintToken(mock, { companyId: ids.agencyA, scopes: [] })
    expect(await json(await apiRequest(mock, 'GET', '/contacts/c1', { token }))).toMatchObject({ message: messages.scopeMissing })
  })
})

describe('tenant access', () => {
  const forbidden = { statusCode: 403, message: messages.locationForbidden }

  it('refuses another location in the path, the query or the body', async () => {
    const token = await mintToken(mock, { locationId: ids.locA1, scopes: ['contacts.readonly', 'contacts.write', 'locations.readonly'] })
    const path = await apiRequest(mock, 'GET', `/locations/${ids.locA2}`, { token })
    expect(path.status).toBe(403)
    expect(await json(path)).toMatchObject(forbidden)
    const query = await apiRequest(mock, 'GET', `/contacts/?locationId=${ids.locA2}`, { token })
    expect(await json(query)).toMatchObject(forbidden)
    const body = await apiRequest(mock, 'POST', '/contacts/', { token, body: { locationId: ids.locB1, firstName: 'Ada' } })
    expect(body.status).toBe(403)
    const snake = await apiRequest(mock, 'GET', `/contacts/?location_id=${ids.locA2}`, { token })
    expect(snake.status).toBe(403)
    const own = await apiRequest(mock, 'GET', `/locations/${ids.locA1}`, { token })
    expect(own.status).toBe(200)
  })

  it('treats altId as a location id when altType is location', async () => {
    const token = await mintToken(mock, { locationId: ids.locA1, scopes: ['invoices.readonly'] })
    expect((await apiRequest(mock, 'GET', `/invoices/i1?altId=${ids.locA2}&altType=location`, { token })).status).toBe(403)
    expect((await apiRequest(mock, 'GET', `/invoices/i1?altId=${ids.locA1}&altType=location`, { token })).status).toBe(200)
  })

  it("lets an agency token act on its own company's locations, never on another company's", async () => {
    const token = await mintToken(mock, { companyId: ids.agencyA, scopes: ['locations.readonly', 'companies.readonly'] })
    expect((await apiRequest(mock, 'GET', `/locations/${ids.locA2}`, { token })).status).toBe(200)
    expect((await apiRequest(mock, 'GET', `/locations/${ids.locB1}`, { token })).status).toBe(403)
    expect((await apiRequest(mock, 'GET', `/companies/${ids.agencyA}`, { token })).status).toBe(200)
    expect(await json(await apiRequest(mock, 'GET', `/companies/${ids.agencyB}`, { token }))).toMatchObject(forbidden)
    expect((await apiRequest(mock, 'GET', '/locations/doesNotExist00000000', { token })).status).toBe(403)
  })

  it('refuses a location token naming another company', async () => {
    const token = await mintToken(mock, { locationId: ids.locA1, scopes: ['users.readonly'] })
    expect((await apiRequest(mock, 'GET', `/users/search?companyId=${ids.agencyB}`, { token })).status).toBe(403)
    expect((await apiRequest(mock, 'GET', `/users/search?companyId=${ids.agencyA}&locationId=${ids.locA1}`, { token })).status).toBe(200)
  })

  it('checks the body of a form-encoded request too', async () => {
    const token = await mintToken(mock, { companyId: ids.agencyA, scopes: ['oauth.write'] })
    // A location token is only minted where the token's app (the demo app) is installed.
    await mock.app.request('/_mock/installs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: mock.world().apps[0]!.clientId, companyId: ids.agencyA, bulk: true }),
    })
    const send = (locationId: string) =>
      mock.app.request('/oauth/locationToken', {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, Version: '2021-07-28', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ companyId: ids.agencyA, locationId }).toString(),
      })
    expect((await send(ids.locB1)).status).toBe(403)
    expect((await send(ids.locA1)).status).toBe(200)
  })
})
