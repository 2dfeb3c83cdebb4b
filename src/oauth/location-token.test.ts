// POST /oauth/locationToken and GET /oauth/installedLocations through the gateway: the agency
// token of an installed app becomes Location tokens; installed sub-accounts are listed and paged.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { authenticate } from '../auth/access-tokens.js'
import type { GhlMock } from '../server.js'
import { expectConformsToSpec } from '../../test/support/spec-conformance.js'
import { mintToken } from '../testing.js'
import { appsOf, approveForCode, exchangeCode, form, formPost, jsonPost, startMock, type WorldApp } from '../../test/support/oauth.js'

let mock: GhlMock
let demo: WorldApp
let companyId: string
let locationIds: string[]
let agencyToken: string
let agencyCode: string
beforeEach(async () => {
  mock = await startMock()
  demo = appsOf(mock).demo
  companyId = mock.world().companies[0]!.id
  locationIds = mock.world().locations.map((l) => l.id)
  const { code } = await approveForCode(mock, demo, `bulk-selected:${companyId}`, { locationIds: locationIds.slice(0, 2) })
  agencyCode = code
  agencyToken = (await exchangeCode(mock, demo, code)).access_token
})
afterEach(() => mock.close())

const locationToken = (init: RequestInit, token = agencyToken, version: string | null = '2021-07-28') =>
  mock.app.request('/oauth/locationToken', {
    ...init,
    headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}`, ...(version ? { version } : {}) },
  })
const installed = (query: string, token = agencyToken) =>
  mock.app.request(`/oauth/installedLocations?${query}`, { headers: { authorization: `Bearer ${token}`, version: '2021-07-28' } })

describe('POST /oauth/locationToken', () => {
  it('gives a Location token for an installed location, from a form body or JSON', async () => {
    const res = await locationToken(formPost(form({ companyId, locationId: locationIds[0] })))
    expect(res.status).toBe(200)
    const body = (await res.clone().json()) as Record<string, any>
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 86399, locationId: locationIds[0], appId: demo.id, versionId: demo.versionId })
    expect(body.scope.split(' ')).toEqual(demo.scopes)
    expect(body).not.toHaveProperty('refresh_token')
    expect(authenticate(mock.runtime, body.access_token)).toMatchObject({ authClass: 'Location', locationId: locationIds[0], companyId, source: 'location_token' })
    await expectConformsToSpec('get-location-access-token', res)
    const json = await locationToken(jsonPost({ companyId, locationId: locationIds[1] }))
    expect(json.status).toBe(200)
  })

  it('refuses a location where the app is not installed, another company, and bad bodies', async () => {
    const notInstalled = await locationToken(jsonPost({ companyId, locationId: locationIds[2] }))
    expect(notInstalled.status).toBe(400)
    expect(await notInstalled.json()).toMatchObject({ message: `${demo.name} is not installed on location ${locationIds[2]}` })
    expect((await locationToken(jsonPost({ companyId: 'other', locationId: locationIds[0] }))).status).toBe(403)
    const empty = await locationToken(jsonPost({}))
    expect(empty.status).toBe(422)
    expect(await empty.json()).toMatchObject({ message: ['companyId must be a string', 'companyId should not be empty', 'locationId must be a string', 'locationId should not be empty'] })
  })

  it('passes the gateway checks first: Version, an agency OAuth token (no PIT, no location token), oauth.write', async () => {
    const body = jsonPost({ companyId, locationId: locationIds[0] })
    expect(await (await locationToken(body, agencyToken, null)).json()).toMatchObject({ statusCode: 401, message: 'version header was not found.' })
    const pit = await mintToken(mock, { companyId, type: 'pit', scopes: ['oauth.write'] })
    expect((await locationToken(body, pit)).status).toBe(401)
    const location = await mintToken(mock, { locationId: locationIds[0], scopes: ['oauth.write'] })
    expect((await locationToken(body, location)).status).toBe(401)
    const unscoped = await mintToken(mock, { companyId, scopes: ['oauth.readonly'] })
    expect(await (await locationToken(body, unscoped)).json()).toMatchObject({ statusCode: 401, message: 'The token is not authorized for this scope.' })
  })

  it('its tokens die when the code behind the agency token is reused', async () => {
    const body = (await (await locationToken(jsonPost({ companyId, locationId: locationIds[0] }))).json()) as Record<string, any>
    const reuse = await mock.app.request('/oauth/token', jsonPost({ client_id: demo.clientId, client_secret: demo.clientSecret, grant_type: 'authorization_code', code: agencyCode }))
    expect(reuse.status).toBe(400)
    expect(authenticate(mock.runtime, agencyToken)).toBeUndefined()
    expect(authenticate(mock.runtime, body.access_token)).toBeUndefined()
  })

  it('its tokens die with the sub-account install', async () => {
    const body = (await (await locationToken(jsonPost({ companyId, locationId: locationIds[0] }))).json()) as Record<string, any>
    const install = mock.world().installs.find((i) => i.locationId === locationIds[0] && i.status === 'installed')!
    await mock.app.request(`/_mock/installs/${install.id}`, { method: 'DELETE' })
    expect(authenticate(mock.runtime, body.access_token)).toBeUndefined()
    expect(authenticate(mock.runtime, agencyToken)).toBeDefined()
    const api = await mock.app.request(`/contacts/?locationId=${locationIds[0]}`, { headers: { authorization: `Bearer ${body.access_token}`, version: '2021-07-28' } })
    expect(await api.json()).toMatchObject({ statusCode: 401, message: 'Invalid JWT' })
  })

  it('makes tokens the API accepts for that sub-account only', async () => {
    const body = (await (await locationToken(jsonPost({ companyId, locationId: locationIds[0] }))).json()) as Record<string, any>
    const call = (locationId: string) =>
      mock.app.request(`/contacts/?locationId=${locationId}`, { headers: { authorization: `Bearer ${body.access_token}`, version: '2021-07-28' } })
    expect((await call(locationIds[0]!)).status).toBe(200)
    expect((await call(locationIds[1]!)).status).toBe(403)
  })
})

describe('GET /oauth/installedLocations', () => {
  it('lists every sub-account with isInstalled, the shape of the spec', async () => {
    const res = await installed(`companyId=${companyId}&appId=${demo.id}`)
    expect(res.status).toBe(200)
    const body = (await res.clone().json()) as Record<string, any>
    expect(body.count).toBe(3)
    expect(body.installToFutureLocations).toBe(false)
    expect(body.locations.map((l: any) => [l._id, l.isInstalled])).toEqual([
      [locationIds[0], true],
      [locationIds[1], true],
      [locationIds[2], false],
    ])
    const location = mock.world().locations[0]!
    expect(body.locations[0]).toMatchObject({ name: location.name, versionId: demo.versionId })
    expect(body.locations[0].address).toContain(location.address)
    expect(body.locations[2]).not.toHaveProperty('installedAt')
    await expectConformsToSpec('get-installed-location', res)
  })

  it('filters by isInstalled, query and locationId, and pages with skip/limit', async () => {
    const only = async (query: string) => ((await (await installed(`companyId=${companyId}&appId=${demo.id}&${query}`)).json()) as any)
    expect((await only('isInstalled=true')).count).toBe(2)
    expect((await only('isInstalled=false')).locations.map((l: any) => l._id)).toEqual([locationIds[2]])
    const name = mock.world().locations[1]!.name
    expect((await only(`query=${encodeURIComponent(name.toUpperCase())}`)).locations.map((l: any) => l._id)).toEqual([locationIds[1]])
    expect((await only(`locationId=${locationIds[2]}`)).count).toBe(1)
    const page = await only('skip=1&limit=1')
    expect(page.count).toBe(3)
    expect(page.locations.map((l: any) => l._id)).toEqual([locationIds[1]])
    expect((await only('onTrial=true')).count).toBe(0)
  })

  it('answers 422 for bad parameters, 403 for another company, 404 for an unknown app', async () => {
    const bad = await installed('skip=-1&isInstalled=maybe')
    expect(bad.status).toBe(422)
    expect(await bad.json()).toMatchObject({
      message: ['companyId must be a string', 'companyId should not be empty', 'appId must be a string', 'appId should not be empty', 'skip must be a number string', 'isInstalled must be a boolean value'],
    })
    expect((await installed(`companyId=other&appId=${demo.id}`)).status).toBe(403)
    expect((await installed(`companyId=${companyId}&appId=${'0'.repeat(24)}`)).status).toBe(404)
  })
})
