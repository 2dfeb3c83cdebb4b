// POST /oauth/billing/webhook: client key/secret, every validation rule at once, one call per
// location or company, idempotency by paymentId, and the install's payment status.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { GhlMock } from '../server.js'
import { appsOf, jsonPost, startMock, type WorldApp } from '../../test/support/oauth.js'
import { billingMessages } from './webhook.js'

let mock: GhlMock
let paid: WorldApp
let demo: WorldApp
let companyId: string
let locationIds: string[]
beforeEach(async () => {
  mock = await startMock()
  ;({ paid, demo } = appsOf(mock))
  companyId = mock.world().companies[0]!.id
  locationIds = mock.world().locations.map((l) => l.id)
  // A bulk install: an agency install and one per location, all awaiting payment.
  await mock.app.request('/_mock/installs', jsonPost({ clientId: paid.clientId, companyId, locationIds: locationIds.slice(0, 2) }))
})
afterEach(() => mock.close())

const keys = (app: WorldApp = paid) => ({ 'x-ghl-client-key': app.clientId, 'x-ghl-client-secret': app.clientSecret })
const report = (body: Record<string, unknown>, headers: Record<string, string> = keys()) =>
  mock.app.request('/oauth/billing/webhook', jsonPost(body, headers))
const valid = (extra: Record<string, unknown> = {}) => ({
  clientId: paid.clientId,
  authType: 'location',
  locationId: locationIds[0],
  amount: 29.99,
  status: 'COMPLETED',
  paymentType: 'recurring',
  subscriptionId: 'sub_123',
  ...extra,
})
const paymentOf = (locationId: string | null) =>
  mock.world().installs.find((i) => i.appId === paid.id && i.locationId === locationId && i.status === 'installed')!.paymentStatus

describe('accepted calls', () => {
  it.each([
    ['COMPLETED', 'recurring', 'paid'],
    ['COMPLETED', 'one_time', 'paid'],
    ['FAILED', 'recurring', 'payment_failed'],
    ['FAILED', 'one_time', 'payment_failed'],
  ])('%s %s → 200, stored, install %s', async (status, paymentType, paymentStatus) => {
    expect(paymentOf(locationIds[0]!)).toBe('awaiting_payment')
    const res = await report(valid({ status, paymentType, paymentId: `pay_${status}_${paymentType}` }))
    expect(res.status).toBe(200)
    const body = (await res.json()) as Record<string, unknown>
    expect(body).toMatchObject({ success: true, authType: 'location', locationId: locationIds[0], companyId, paymentStatus, duplicate: false })
    expect(paymentOf(locationIds[0]!)).toBe(paymentStatus)
    const events = (await (await mock.app.request('/_mock/billing/events')).json()) as any
    expect(events.events).toMatchObject([{ id: body.id, status, paymentType, amount: 29.99, locationId: locationIds[0], clientId: paid.clientId }])
  })

  it('reports for the agency with authType company', async () => {
    const res = await report({ clientId: paid.clientId, authType: 'company', companyId, amount: 99, status: 'COMPLETED', paymentType: 'one_time' })
    expect(res.status).toBe(200)
    expect(paymentOf(null)).toBe('paid')
    expect(paymentOf(locationIds[0]!)).toBe('awaiting_payment')
  })

  it('filters GET /_mock/billing/events by app, location, company and status', async () => {
    await report(valid({ locationId: locationIds[0], status: 'COMPLETED' }))
    await report(valid({ locationId: locationIds[1], status: 'FAILED' }))
    await report({ clientId: paid.clientId, authType: 'company', companyId, amount: 5, status: 'COMPLETED', paymentType: 'one_time' })
    const list = async (query: string) => ((await (await mock.app.request(`/_mock/billing/events?${query}`)).json()) as any).events
    expect(await list('')).toHaveLength(3)
    expect(await list(`locationId=${locationIds[1]}`)).toMatchObject([{ status: 'FAILED' }])
    expect(await list('status=COMPLETED')).toHaveLength(2)
    expect(await list(`clientId=${paid.clientId}&status=FAILED`)).toHaveLength(1)
    expect(await list(`appId=${demo.id}`)).toHaveLength(0)
    expect(await list(`companyId=${companyId}&status=COMPLETED`)).toHaveLength(2)
    expect((await mock.app.request('/_mock/billing/events?status=done')).status).toBe(422)
  })
})

describe('idempotency by paymentId', () => {
  it('a replay of the same paymentId answers the first event again and stores nothing', async () => {
    const first = (await (await report(valid({ paymentId: 'pay_1' }))).json()) as Record<string, unknown>
    const again = await report(valid({ paymentId: 'pay_1' }))
    expect(again.status).toBe(200)
    expect(await again.json()).toMatchObject({ id: first.id, duplicate: true, paymentStatus: 'paid' })
    const events = (await (await mock.app.request('/_mock/billing/events')).json()) as any
    expect(events.count).toBe(1)
  })

  it('the same paymentId with different details is a 409 and changes nothing', async () => {
    await report(valid({ paymentId: 'pay_2' }))
    const conflict = await report(valid({ paymentId: 'pay_2', status: 'FAILED' }))
    expect(conflict.status).toBe(409)
    expect(await conflict.json()).toMatchObject({ message: billingMessages.paymentConflict('pay_2') })
    expect(paymentOf(locationIds[0]!)).toBe('paid')
  })

  it('calls without a paymentId are each stored (recurring charges of one subscription)', async () => {
    await report(valid())
    await report(valid())
    expect(((await (await mock.app.request('/_mock/billing/events')).json()) as any).count).toBe(2)
  })
})

describe('rejected calls', () => {
  it('401 for a missing, wrong or mismatched key and secret', async () => {
    const statuses = await Promise.all([
      report(valid(), {}),
      report(valid(), { 'x-ghl-client-key': paid.clientId }),
      report(valid(), { ...keys(), 'x-ghl-client-secret': 'wrong' }),
      // The key of one app with the secret of another names no single app.
      report(valid(), { 'x-ghl-client-key': paid.clientId, 'x-ghl-client-secret': demo.clientSecret }),
    ])
    for (const res of statuses) {
      expect(res.status).toBe(401)
      expect(await res.json()).toMatchObject({ statusCode: 401, message: billingMessages.invalidClient })
    }
  })

  it('422 for the key of app A with the clientId of app B', async () => {
    const res = await report(valid({ clientId: demo.clientId }))
    expect(res.status).toBe(422)
    expect(await res.json()).toMatchObject({ message: ['clientId must match the x-ghl-client-key header'] })
  })

  it('422 naming every problem of the body', async () => {
    const res = await report({ authType: 'agency', amount: '29.99', status: 'PAID', paymentType: 'monthly', paymentId: 7 })
    expect(res.status).toBe(422)
    expect(await res.json()).toMatchObject({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: [
        'clientId should not be empty',
        'authType must be one of the following values: company, location',
        'paymentId must be a string',
        'amount must be a number',
        'status must be one of the following values: COMPLETED, FAILED',
        'paymentType must be one of the following values: one_time, recurring',
      ],
    })
    const empty = await report({})
    expect(((await empty.json()) as any).message).toEqual([
      'clientId should not be empty',
      'authType should not be empty',
      'amount should not be empty',
      'amount must be a number',
      'status should not be empty',
      'paymentType should not be empty',
    ])
  })

  it.each([
    ['locationId missing for authType location', { locationId: undefined }, 'locationId should not be empty'],
    ['companyId missing for authType company', { authType: 'company', locationId: undefined }, 'companyId should not be empty'],
    ['a negative amount', { amount: -1 }, 'amount must not be less than 0'],
    ['a batch of locations as a list', { locationId: ['a', 'b'] }, 'locationId must be a single location id: send one billing webhook call per location'],
    ['a batch of locations comma-separated', { locationId: 'a,b' }, 'locationId must be a single location id: send one billing webhook call per location'],
    ['a locationIds field', { locationIds: ['a'] }, 'locationIds is not supported: send one billing webhook call per location'],
  ])('422 for %s', async (_name, extra, message) => {
    const body = valid(extra as Record<string, unknown>)
    for (const [key, value] of Object.entries(body)) if (value === undefined) delete (body as Record<string, unknown>)[key]
    const res = await report(body)
    expect(res.status).toBe(422)
    expect(((await res.json()) as any).message).toContain(message)
  })

  it('404 where the app is not installed, 400 for a free app; nothing stored', async () => {
    const notInstalled = await report(valid({ locationId: locationIds[2] }))
    expect(notInstalled.status).toBe(404)
    expect(await notInstalled.json()).toMatchObject({ message: billingMessages.notInstalled(paid.name, `location ${locationIds[2]}`) })
    expect((await report(valid({ locationId: 'nowhere' }))).status).toBe(404)
    const free = await report(valid({ clientId: demo.clientId }), keys(demo))
    expect(free.status).toBe(400)
    expect(((await (await mock.app.request('/_mock/billing/events')).json()) as any).count).toBe(0)
  })

  it('400 for malformed JSON, never a 500', async () => {
    const res = await mock.app.request('/oauth/billing/webhook', { method: 'POST', headers: { 'content-type': 'application/json', ...keys() }, body: '{' })
    expect(res.status).toBe(400)
  })
})
