import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { verifyJwt } from '../auth/access-tokens.js'
import { createServer, type GhlMock } from '../server.js'
import { apiRequest } from '../testing.js'

let mock: GhlMock

beforeEach(async () => {
  mock = await createServer({
    world: 'small',
    clock: 'manual',
    listen: false,
    logLevel: 'error',
    fixtures: { apps: [{ name: 'Narrow App', scopes: ['contacts.readonly'] }], agencies: [{ locations: 2 }, { locations: 1 }] },
  })
})

afterEach(() => mock.close())

const mint = (body: unknown) =>
  mock.app.request('/_mock/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

describe('POST /_mock/tokens', () => {
  it('mints a location OAuth token for the demo app by default', async () => {
    const world = mock.world()
    const location = world.locations[0]!
    const res = await mint({ locationId: location.id, scopes: 'contacts.readonly contacts.write' })
    expect(res.status).toBe(201)
    const body = (await res.json()) as Record<string, unknown>
    expect(body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 86_399,
      scope: 'contacts.readonly contacts.write',
      userType: 'Location',
      locationId: location.id,
      companyId: location.companyId,
      type: 'oauth',
      clientId: world.apps[0]!.clientId,
    })
    const claims = verifyJwt(body.access_token as string, mock.keys)
    expect(claims).toMatchObject({ authClass: 'Location', authClassId: location.id, oauthMeta: { scopes: ['contacts.readonly', 'contacts.write'] } })
    const stored = mock.runtime.repos.tokens.get(body.tokenId as string)
    expect(stored).toMatchObject({ kind: 'oauth', source: 'mock', locationId: location.id })
  })

  it('mints an agency token, for another app, with its lifetime and its scopes by default', async () => {
    const world = mock.world()
    const narrow = world.apps.find((a) => a.name === 'Narrow App')!
    const body = (await (await mint({ companyId: world.companies[1]!.id, clientId: narrow.clientId, expiresIn: 60 })).json()) as Record<string, unknown>
    expect(body).toMatchObject({ userType: 'Company', companyId: world.companies[1]!.id, expires_in: 60, scope: 'contacts.readonly', clientId: narrow.clientId })
    expect(body).not.toHaveProperty('locationId')
    await mock.clock.advance(60_000)
    const res = await apiRequest(mock, 'GET', `/locations/search?companyId=${world.companies[1]!.id}`, { token: body.access_token as string })
    expect(res.status).toBe(401)
  })

  it('mints a private integration token that never expires', async () => {
    const location = mock.world().locations[0]!
    const body = (await (await mint({ locationId: location.id, type: 'pit', scopes: ['contacts.readonly'] })).json()) as Record<string, unknown>
    expect(body).toMatchObject({ type: 'pit', expires_in: null, userType: 'Location' })
    expect(body.access_token).toMatch(/^pit-[0-9a-f-]{36}$/)
    expect(body).not.toHaveProperty('clientId')
    await mock.clock.advance(400 * 86_400_000)
    // Any route of the location that answers 200 to a valid token (contacts are stateful: c1 would be a 400).
    expect((await apiRequest(mock, 'GET', `/contacts/?locationId=${location.id}`, { token: body.access_token as string })).status).toBe(200)
  })

  it('grants scopes the app lacks (a test backdoor) but rejects unknown scope names', async () => {
    const world = mock.world()
    const narrow = world.apps.find((a) => a.name === 'Narrow App')!
    const granted = await mint({ locationId: world.locations[0]!.id, clientId: narrow.clientId, scopes: ['contacts.write'] })
    expect(granted.status).toBe(201)
    const typo = await mint({ locationId: world.locations[0]!.id, scopes: ['contacts.raedonly'] })
    expect(typo.status).toBe(422)
    expect(await typo.json()).toMatchObject({ statusCode: 422, message: ['scopes contains an unknown scope: contacts.raedonly'] })
  })

  it('answers 422 for malformed input, naming every problem', async () => {
    const res = await mint({ scopes: 5, type: 'jwt', expiresIn: -1 })
    expect(res.status).toBe(422)
    expect(((await res.json()) as { message: string[] }).message).toEqual([
      'type must be one of the following values: oauth, pit',
      'locationId or companyId should not be empty',
      'scopes must be an array of strings or a space-separated string',
      'expiresIn must be a whole number of seconds from 1 to 315360000',
    ])
    const pit = await mint({ companyId: mock.world().companies[0]!.id, type: 'pit', clientId: 'x', expiresIn: 5 })
    expect(((await pit.json()) as { message: string[] }).message).toHaveLength(2)
  })

  it('answers 404 for an unknown location, company or client, and 422 for a mismatched pair', async () => {
    const world = mock.world()
    expect((await mint({ locationId: 'nope' })).status).toBe(404)
    expect((await mint({ companyId: 'nope' })).status).toBe(404)
    expect((await mint({ companyId: world.companies[0]!.id, clientId: 'nope' })).status).toBe(404)
    const other = world.locations.find((l) => l.companyId !== world.companies[0]!.id)!
    const mismatch = await mint({ locationId: other.id, companyId: world.companies[0]!.id })
    expect(mismatch.status).toBe(422)
    expect(await (await mint({ locationId: 'nope' })).json()).toMatchObject({ statusCode: 404, message: 'Location not found: nope', error: 'Not Found' })
  })

  it('answers 400 for malformed JSON', async () => {
    const res = await mock.app.request('/_mock/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' })
    expect(res.status).toBe(400)
  })
})
