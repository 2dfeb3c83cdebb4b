// Installs through /_mock/installs and the consent page: each install kind, the INSTALL /
// UNINSTALL events in the outbox, uninstall revoking tokens, and the world view.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { authenticate } from '../auth/access-tokens.js'
import type { GhlMock } from '../server.js'
import { appsOf, approveForCode, exchangeCode, jsonPost, startMock, type WorldApp } from '../../test/support/oauth.js'

let mock: GhlMock
let demo: WorldApp
let companyId: string
let locationIds: string[]
beforeEach(async () => {
  mock = await startMock()
  demo = appsOf(mock).demo
  companyId = mock.world().companies[0]!.id
  locationIds = mock.world().locations.map((l) => l.id)
})
afterEach(() => mock.close())

const post = async (body: unknown) => {
  const res = await mock.app.request('/_mock/installs', jsonPost(body))
  return { status: res.status, body: (await res.json()) as Record<string, any> }
}
const events = () => mock.runtime.repos.events.list(100).reverse()
const live = (token: string) => authenticate(mock.runtime, token) !== undefined

describe('POST /_mock/installs', () => {
  it('installs on a location: one record, one INSTALL event with the documented fields, a code for a Location token', async () => {
    const { status, body } = await post({ clientId: demo.clientId, locationId: locationIds[0] })
    expect(status).toBe(201)
    expect(body.kind).toBe('location')
    expect(body.installs).toHaveLength(1)
    expect(body.installs[0]).toMatchObject({ appId: demo.id, installType: 'Location', locationId: locationIds[0], companyId, status: 'installed', paymentStatus: null })
    const [event] = events()
    expect(event).toMatchObject({ type: 'INSTALL', locationId: locationIds[0], companyId, appId: demo.id })
    const company = mock.world().companies[0]!
    expect(event!.payload).toEqual({
      type: 'INSTALL',
      appId: demo.id,
      versionId: demo.versionId,
      installType: 'Location',
      locationId: locationIds[0],
      companyId,
      userId: body.installs[0].userId,
      trial: {},
      isWhitelabelCompany: company.isWhitelabelCompany,
      whitelabelDetails: company.whitelabelDetails,
      companyName: company.name,
    })
    const tokens = await exchangeCode(mock, demo, body.code)
    expect(tokens).toMatchObject({ userType: 'Location', locationId: locationIds[0], isBulkInstallation: false })
  })

  it('installs an agency-targeted app on the agency: a Company token, no locationId or userId in the event', async () => {
    const agency = await startMock({ fixtures: { apps: [{ name: 'Agency Hub', targetUserType: 'Agency', installableBy: ['Agency'], scopes: ['companies.readonly', 'oauth.write'] }] } })
    try {
      const app = agency.world().apps.find((a) => a.name === 'Agency Hub')!
      const res = await agency.app.request('/_mock/installs', jsonPost({ clientId: app.clientId, companyId: agency.world().companies[0]!.id }))
      const body = (await res.json()) as Record<string, any>
      expect(res.status).toBe(201)
      expect(body.kind).toBe('agency')
      const event = agency.runtime.repos.events.list(1)[0]!
      expect(event.payload).toMatchObject({ type: 'INSTALL', installType: 'Company', companyId: agency.world().companies[0]!.id })
      expect(event.payload).not.toHaveProperty('locationId')
      expect(event.payload).not.toHaveProperty('userId')
      const tokens = await exchangeCode(agency, app, body.code)
      expect(tokens).toMatchObject({ userType: 'Company', isBulkInstallation: false })
      expect(tokens).not.toHaveProperty('approvedLocations')
      // An agency-targeted app cannot go on a sub-account.
      const wrong = await agency.app.request('/_mock/installs', jsonPost({ clientId: app.clientId, locationId: agency.world().locations[0]!.id }))
      expect(wrong.status).toBe(400)
    } finally {
      await agency.close()
    }
  })

  it('bulk-installs a sub-account app: agency record plus one per location, events for each, isBulkInstallation', async () => {
    const { status, body } = await post({ clientId: demo.clientId, companyId, locationIds: locationIds.slice(0, 2) })
    expect(status).toBe(201)
    expect(body.kind).toBe('bulk')
    expect(body.installs.map((i: any) => i.installType)).toEqual(['Company', 'Location', 'Location'])
    expect(body.installs[0]).toMatchObject({ isBulkInstallation: true, approvedLocations: locationIds.slice(0, 2) })
    expect(body.installs[1].parentInstallId).toBe(body.installs[0].id)
    expect(events().map((e) => [e.type, e.locationId])).toEqual([
      ['INSTALL', null],
      ['INSTALL', locationIds[0]],
      ['INSTALL', locationIds[1]],
    ])
    const tokens = await exchangeCode(mock, demo, body.code)
    expect(tokens).toMatchObject({ userType: 'Company', isBulkInstallation: true, approvedLocations: locationIds.slice(0, 2) })
  })

  it('installs on every sub-account when a bulk install names none', async () => {
    const { body } = await post({ clientId: demo.clientId, companyId, bulk: true })
    expect(body.installs[0].approvedLocations).toEqual(locationIds)
  })

  it('reuses a live install: 200, no second event', async () => {
    await post({ clientId: demo.clientId, locationId: locationIds[0] })
    const again = await post({ clientId: demo.clientId, locationId: locationIds[0] })
    expect(again.status).toBe(200)
    expect(again.body.created).toBe(false)
    expect(events()).toHaveLength(1)
  })

  it('rejects bad bodies with 422 and unknown references with 404', async () => {
    expect((await post({})).body).toMatchObject({ statusCode: 422, message: ['clientId should not be empty', 'locationId or companyId is required'] })
    expect((await post({ clientId: demo.clientId, locationId: locationIds[0], companyId })).status).toBe(422)
    expect((await post({ clientId: 'x-12345678', locationId: locationIds[0] })).status).toBe(404)
    expect((await post({ clientId: demo.clientId, locationId: 'nowhere' })).status).toBe(404)
    expect((await post({ clientId: demo.clientId, companyId, locationIds: ['elsewhere'] })).status).toBe(400)
    expect((await post({ clientId: demo.clientId, companyId, bulk: false })).status).toBe(400)
    expect(events()).toHaveLength(0)
  })
})

describe('DELETE /_mock/installs/:id', () => {
  it('uninstalls: UNINSTALL event, tokens and refresh tokens revoked, codes void, record kept', async () => {
    const { body } = await post({ clientId: demo.clientId, locationId: locationIds[0] })
    const pending = await approveForCode(mock, demo, `location:${locationIds[0]}`)
    const tokens = await exchangeCode(mock, demo, body.code)
    expect(live(tokens.access_token)).toBe(true)
    const res = await mock.app.request(`/_mock/installs/${body.installs[0].id}`, { method: 'DELETE' })
    expect(res.status).toBe(200)
    expect(((await res.json()) as any).uninstalled[0]).toMatchObject({ status: 'uninstalled' })
    expect(events().at(-1)).toMatchObject({ type: 'UNINSTALL', payload: { type: 'UNINSTALL', appId: demo.id, locationId: locationIds[0] } })
    expect(live(tokens.access_token)).toBe(false)
    const refresh = await mock.app.request('/oauth/token', jsonPost({ client_id: demo.clientId, client_secret: demo.clientSecret, grant_type: 'refresh_token', refresh_token: tokens.refresh_token }))
    expect(refresh.status).toBe(400)
    const late = await mock.app.request('/oauth/token', jsonPost({ client_id: demo.clientId, client_secret: demo.clientSecret, grant_type: 'authorization_code', code: pending.code }))
    expect(late.status).toBe(400)
    const again = await mock.app.request(`/_mock/installs/${body.installs[0].id}`, { method: 'DELETE' })
    expect(again.status).toBe(409)
    expect((await mock.app.request('/_mock/installs/nope', { method: 'DELETE' })).status).toBe(404)
    // A new install after the uninstall is a new record with a new INSTALL.
    expect((await post({ clientId: demo.clientId, locationId: locationIds[0] })).status).toBe(201)
  })

  it('uninstalling a bulk install takes its sub-account installs with it; one sub-account leaves alone', async () => {
    const { body } = await post({ clientId: demo.clientId, companyId, bulk: true })
    const [parent, first] = body.installs
    await mock.app.request(`/_mock/installs/${first.id}`, { method: 'DELETE' })
    const listed = (await (await mock.app.request(`/_mock/installs?clientId=${demo.clientId}&status=installed`)).json()) as any
    expect(listed.count).toBe(3)
    expect(listed.installs[0].approvedLocations).toEqual(locationIds.slice(1))
    const res = await mock.app.request(`/_mock/installs/${parent.id}`, { method: 'DELETE' })
    expect(((await res.json()) as any).uninstalled).toHaveLength(3)
    expect(events().filter((e) => e.type === 'UNINSTALL').map((e) => e.payload)).toEqual([
      { type: 'UNINSTALL', appId: demo.id, locationId: locationIds[0] },
      { type: 'UNINSTALL', appId: demo.id, companyId },
      { type: 'UNINSTALL', appId: demo.id, locationId: locationIds[1] },
      { type: 'UNINSTALL', appId: demo.id, locationId: locationIds[2] },
    ])
  })
})

describe('GET /_mock/installs and /_mock/world', () => {
  it('lists installs with filters, and the world shows them', async () => {
    await post({ clientId: demo.clientId, locationId: locationIds[0] })
    await post({ clientId: appsOf(mock).paid.clientId, locationId: locationIds[1] })
    const all = (await (await mock.app.request('/_mock/installs')).json()) as any
    expect(all.count).toBe(2)
    const one = (await (await mock.app.request(`/_mock/installs?locationId=${locationIds[1]}`)).json()) as any
    expect(one.installs).toMatchObject([{ locationId: locationIds[1], paymentStatus: 'awaiting_payment' }])
    expect(mock.world().installs.map((i) => i.locationId)).toEqual([locationIds[0], locationIds[1]])
  })
})
