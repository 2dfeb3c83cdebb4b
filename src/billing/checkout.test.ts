// The billing flow of a paid app installed through the consent page: the billing URL and its
// parameters for each install kind, the wait for payments, and the way back to the OAuth redirect.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { GhlMock } from '../server.js'
import { appsOf, decide, exchangeCode, jsonPost, startMock, type WorldApp } from '../../test/support/oauth.js'

let mock: GhlMock
let paid: WorldApp
let companyId: string
let locationIds: string[]
beforeEach(async () => {
  mock = await startMock({ fixtures: { apps: [{ name: 'Paid Agency Suite', targetUserType: 'Agency', installableBy: ['Agency'], scopes: ['companies.readonly'], businessModel: 'paid', billingUrl: 'https://billing.example/start?plan=pro' }] } })
  paid = appsOf(mock).paid
  companyId = mock.world().companies[0]!.id
  locationIds = mock.world().locations.map((l) => l.id)
})
afterEach(() => mock.close())

async function approveTo(app: WorldApp, target: string, extra: { locationIds?: string[]; state?: string } = {}) {
  const res = await decide(mock, app, { target, ...extra })
  expect(res.status).toBe(302)
  return new URL(res.headers.get('location')!)
}
const pay = (app: WorldApp, body: Record<string, unknown>) =>
  mock.app.request('/oauth/billing/webhook', jsonPost({ clientId: app.clientId, amount: 10, status: 'COMPLETED', paymentType: 'recurring', ...body }, { 'x-ghl-client-key': app.clientId, 'x-ghl-client-secret': app.clientSecret }))
/** Where the billing page sends the browser back: the same query it received. */
const back = (billing: URL, extra = '') => mock.app.request(`/oauth/billing/return${billing.search}${extra}`)

describe('billing URL on install', () => {
  it('location install → installType=location with the locationId (no companyId)', async () => {
    const billing = await approveTo(paid, `location:${locationIds[0]}`)
    expect(`${billing.origin}${billing.pathname}`).toBe(paid.billingUrl)
    expect(Object.fromEntries(billing.searchParams)).toEqual({ clientId: paid.clientId, installType: 'location', locationId: locationIds[0] })
    expect(mock.world().installs).toMatchObject([{ locationId: locationIds[0], paymentStatus: 'awaiting_payment' }])
  })

  it('agency install of an agency-targeted app → installType=agency with the companyId, keeping the URL’s own query', async () => {
    const suite = mock.world().apps.find((a) => a.name === 'Paid Agency Suite')!
    const billing = await approveTo(suite, `agency:${companyId}`)
    expect(billing.origin + billing.pathname).toBe('https://billing.example/start')
    expect(Object.fromEntries(billing.searchParams)).toEqual({ plan: 'pro', clientId: suite.clientId, installType: 'agency', companyId })
  })

  it('bulk agency install → installType=agency,location with comma-separated locationIds and the companyId', async () => {
    const billing = await approveTo(paid, `bulk-selected:${companyId}`, { locationIds: locationIds.slice(0, 2) })
    expect(Object.fromEntries(billing.searchParams)).toEqual({
      clientId: paid.clientId,
      installType: 'agency,location',
      locationId: locationIds.slice(0, 2).join(','),
      companyId,
    })
    const statuses = mock.world().installs.map((i) => [i.installType, i.paymentStatus])
    expect(statuses).toEqual([['Company', 'awaiting_payment'], ['Location', 'awaiting_payment'], ['Location', 'awaiting_payment']])
  })
})

describe('back to the app', () => {
  it('waits until every install is paid, then redirects with a code and the state; the code works', async () => {
    const billing = await approveTo(paid, `bulk-all:${companyId}`, { state: 's-1' })
    const waiting = await back(billing)
    expect(waiting.status).toBe(200)
    expect(waiting.headers.get('refresh')).toBe('3')
    const page = await waiting.text()
    expect(page).toContain('Waiting for')
    expect(page).toContain('Awaiting payment')
    for (const locationId of locationIds) expect((await pay(paid, { authType: 'location', locationId })).status).toBe(200)
    expect((await back(billing)).status).toBe(200)
    await pay(paid, { authType: 'company', companyId })
    const done = await back(billing)
    expect(done.status).toBe(302)
    const redirect = new URL(done.headers.get('location')!)
    expect(redirect.origin + redirect.pathname).toBe(paid.redirectUris[0])
    expect(redirect.searchParams.get('state')).toBe('s-1')
    const tokens = await exchangeCode(mock, paid, redirect.searchParams.get('code')!)
    expect(tokens).toMatchObject({ userType: 'Company', isBulkInstallation: true, planId: expect.stringMatching(/^[0-9a-f]{24}$/) })
    // The checkout is over: coming back again finds nothing waiting.
    expect((await back(billing)).status).toBe(400)
  })

  it('shows a failed payment and lets the user cancel back to the app with access_denied', async () => {
    const billing = await approveTo(paid, `location:${locationIds[0]}`, { state: 'st' })
    await pay(paid, { authType: 'location', locationId: locationIds[0], status: 'FAILED' })
    const failed = await back(billing)
    expect(await failed.text()).toContain('Payment failed')
    const cancelled = await back(billing, '&cancel=1')
    expect(cancelled.status).toBe(302)
    const redirect = new URL(cancelled.headers.get('location')!)
    expect(Object.fromEntries(redirect.searchParams)).toEqual({ error: 'access_denied', state: 'st' })
  })

  it('skips billing when re-authorizing an install that is already paid', async () => {
    const billing = await approveTo(paid, `location:${locationIds[0]}`)
    await pay(paid, { authType: 'location', locationId: locationIds[0] })
    await back(billing)
    const again = await approveTo(paid, `location:${locationIds[0]}`)
    expect(again.origin + again.pathname).toBe(paid.redirectUris[0])
    expect(again.searchParams.get('code')).toBeTruthy()
  })

  it('answers an error page for an unknown client or nothing waiting', async () => {
    expect((await mock.app.request('/oauth/billing/return?clientId=nope')).status).toBe(400)
    expect((await mock.app.request(`/oauth/billing/return?clientId=${paid.clientId}&installType=location&locationId=${locationIds[0]}`)).status).toBe(400)
  })

  it('keeps the code flow of /_mock/installs working for paid apps (payment stays pending)', async () => {
    const res = await mock.app.request('/_mock/installs', jsonPost({ clientId: paid.clientId, locationId: locationIds[1] }))
    const body = (await res.json()) as Record<string, any>
    expect(body.installs[0].paymentStatus).toBe('awaiting_payment')
    expect(await exchangeCode(mock, paid, body.code)).toMatchObject({ userType: 'Location', locationId: locationIds[1] })
  })
})
