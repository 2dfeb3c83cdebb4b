// The webhook control endpoints over HTTP: the delivery log and its filters, replay, trigger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type GhlMock } from '../server.js'
import { installApp } from '../testing-internal/webhooks.js'
import { captureWebhooks, verifyWebhookSignatures, type WebhookCapture } from '../webhooks/capture.js'

let mock: GhlMock
let capture: WebhookCapture
let locationId: string
let otherLocationId: string

beforeAll(async () => {
  capture = await captureWebhooks()
  mock = await createServer({ world: 'small', clock: 'manual', listen: false, webhookUrl: capture.url, adminToken: 'secret-admin' })
  const [first, second] = mock.world().locations
  locationId = first!.id
  otherLocationId = second!.id
  installApp(mock, { locationId })
  installApp(mock, { locationId: otherLocationId })
})
afterAll(async () => {
  await mock.close()
  await capture.close()
})

const auth = { authorization: 'Bearer secret-admin' }
const get = (path: string) => mock.app.request(path, { headers: auth })
const post = (path: string, body?: unknown) =>
  mock.app.request(path, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })

describe('POST /_mock/webhooks/trigger', () => {
  it('emits a realistic event through the outbox and answers with its deliveries', async () => {
    const res = await post('/_mock/webhooks/trigger', { type: 'AppointmentCreate', locationId, data: { appointment: { title: 'Custom title' } } })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.event).toMatchObject({ type: 'AppointmentCreate', locationId })
    expect(body.event.payload.appointment).toMatchObject({ title: 'Custom title', calendarId: expect.any(String), startTime: expect.any(String) })
    // A seeded appointment of that location: an app that fetches it finds it.
    const stored = mock.runtime.repos.appointments.getInLocation(locationId, body.event.payload.appointment.id)
    expect(stored?.data.calendarId).toBe(body.event.payload.appointment.calendarId)
    expect(body.deliveries).toHaveLength(1)
    expect(body.deliveries[0]).toMatchObject({ status: 'delivered', attemptCount: 1, type: 'AppointmentCreate' })
    expect(body.deliveries[0].attempts[0]).toMatchObject({ statusCode: 200, outcome: 'delivered', responseExcerpt: 'OK' })
    const [request] = await capture.waitFor(1)
    expect(request!.body.webhookId).toBe(body.deliveries[0].webhookId)
    // The other seeded apps are not installed anywhere.
    expect(body.skipped).toEqual([
      expect.objectContaining({ appName: 'Review Booster Pro', reason: 'not installed on this location or its agency' }),
      expect.objectContaining({ appName: 'Demo SMS Provider', reason: 'not installed on this location or its agency' }),
    ])
    capture.clear()
  })

  it.each([
    'ContactCreate', 'ContactDndUpdate', 'ContactTagUpdate', 'NoteCreate', 'TaskUpdate', 'OpportunityStageUpdate',
    'InboundMessage', 'OutboundMessage', 'LocationUpdate', 'UserCreate', 'ConversationUnreadWebhook', 'INSTALL', 'UNINSTALL',
  ])('builds %s with the fields the docs list', async (type) => {
    const res = await post('/_mock/webhooks/trigger', { type, locationId })
    expect(res.status).toBe(200)
    const { event, deliveries } = await res.json()
    expect(deliveries).toHaveLength(1)
    const sent = deliveries[0].payload
    expect(sent.type).toBe(type)
    const expected: Record<string, string[]> = {
      ContactCreate: ['id', 'email', 'firstName', 'lastName', 'phone', 'tags', 'customFields', 'dateAdded'],
      ContactDndUpdate: ['id', 'dnd', 'dndSettings'],
      ContactTagUpdate: ['id', 'tags'],
      NoteCreate: ['id', 'body', 'contactId', 'dateAdded'],
      TaskUpdate: ['id', 'title', 'body', 'contactId', 'assignedTo', 'dueDate', 'dateAdded'],
      OpportunityStageUpdate: ['id', 'name', 'pipelineId', 'pipelineStageId', 'status', 'contactId', 'assignedTo'],
      InboundMessage: ['conversationId', 'contactId', 'messageId', 'body', 'direction', 'messageType', 'dateAdded'],
      OutboundMessage: ['conversationId', 'messageId', 'body', 'direction', 'userId'],
      LocationUpdate: ['id', 'companyId', 'name', 'email'],
      UserCreate: ['id', 'firstName', 'lastName', 'email', 'role'],
      ConversationUnreadWebhook: ['id', 'contactId', 'unreadCount'],
      // installApp writes the row without the installing user, so (like an install the flow made without one) no userId.
      INSTALL: ['installType', 'locationId', 'companyId', 'trial', 'isWhitelabelCompany', 'whitelabelDetails', 'companyName'],
      UNINSTALL: ['locationId'],
    }
    for (const field of expected[type]!) expect(sent, `${type}.${field}`).toHaveProperty(field)
    expect(sent).toHaveProperty('appId', mock.world().apps[0]!.id)
    expect(sent.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    if (type === 'InboundMessage') expect(sent).toMatchObject({ direction: 'inbound', messageType: 'SMS' })
    // The event describes the stored record as it is (no made-up values): an app that fetches it sees the same.
    if (type === 'ContactDndUpdate') expect(sent.dnd).toBe(mock.runtime.repos.contacts.get(sent.id)!.data.dnd)
    expect(event.id).toBeGreaterThan(0)
    capture.clear()
  })

  it('says why apps were left out when nobody receives the event', async () => {
    const third = mock.world().locations[2]!.id
    const res = await post('/_mock/webhooks/trigger', { type: 'ContactCreate', locationId: third })
    const body = await res.json()
    expect(body.deliveries).toEqual([])
    expect(body.skipped).toContainEqual({ appId: mock.world().apps[0]!.id, appName: 'Demo CRM Sync', reason: 'not installed on this location or its agency' })
  })

  it.each([
    [{ locationId: 'x' }, 422, 'type must be one of INSTALL, UNINSTALL, ContactCreate'],
    [{ type: 'ContactExplode', locationId: 'x' }, 422, 'type must be one of'],
    [{ type: 'ContactCreate' }, 422, 'locationId must be a location id'],
    [{ type: 'ContactCreate', locationId: 'x', data: [1] }, 422, 'data must be an object'],
    [{ type: 'ContactCreate', locationId: 'nope' }, 404, 'No location with id nope'],
    [{ type: 'INSTALL', locationId: 'LOC', data: { appId: 'nope' } }, 422, 'no app with id nope'],
  ])('rejects %j with %i', async (input, status, message) => {
    const body = JSON.parse(JSON.stringify(input).replace('"LOC"', JSON.stringify(locationId)))
    const res = await post('/_mock/webhooks/trigger', body)
    expect(res.status).toBe(status)
    const error = await res.json()
    expect(error.statusCode).toBe(status)
    expect([error.message].flat().join(' ')).toContain(message)
  })

  it('answers malformed JSON with 400', async () => {
    const res = await mock.app.request('/_mock/webhooks/trigger', { method: 'POST', headers: auth, body: '{"type":' })
    expect(res.status).toBe(400)
  })

  it('is guarded by the admin token', async () => {
    const res = await mock.app.request('/_mock/webhooks/trigger', { method: 'POST', body: JSON.stringify({ type: 'ContactCreate', locationId }) })
    expect(res.status).toBe(401)
    expect((await get('/_mock/webhooks/deliveries')).status).toBe(200)
    expect((await mock.app.request('/_mock/webhooks/deliveries')).status).toBe(401)
  })
})

describe('GET /_mock/webhooks/deliveries', () => {
  it('lists deliveries newest first with every attempt, filtered by type, status, location and app', async () => {
    capture.answerNext(429)
    await post('/_mock/webhooks/trigger', { type: 'OpportunityCreate', locationId: otherLocationId })
    await post('/_mock/webhooks/trigger', { type: 'NoteDelete', locationId })
    capture.clear()

    const all = (await (await get('/_mock/webhooks/deliveries')).json()).deliveries
    expect(all.length).toBeGreaterThan(10)
    expect(all.map((d: { id: number }) => d.id)).toEqual([...all.map((d: { id: number }) => d.id)].sort((a, b) => b - a))

    const byType = (await (await get('/_mock/webhooks/deliveries?type=OpportunityCreate')).json()).deliveries
    expect(byType).toHaveLength(1)
    const [opportunity] = byType
    expect(opportunity).toMatchObject({ status: 'pending', attemptCount: 1, locationId: otherLocationId })
    const attempt = opportunity.attempts[0]
    expect(attempt).toMatchObject({ number: 1, kind: 'scheduled', url: capture.url, statusCode: 429, outcome: 'retry', responseExcerpt: 'status 429' })
    expect(attempt.durationMs).toEqual(expect.any(Number))
    expect(Date.parse(attempt.at)).toBe(mock.clock.now())
    const keys = await (await get('/_mock/keys')).json()
    const rawBody = Buffer.from(JSON.stringify(opportunity.payload))
    expect(verifyWebhookSignatures({ rawBody, headers: attempt.signatures }, keys)).toEqual({ rsa: true, ed25519: true })

    const pending = (await (await get('/_mock/webhooks/deliveries?status=pending')).json()).deliveries
    expect(pending.map((d: { type: string }) => d.type)).toEqual(['OpportunityCreate'])
    const onOther = (await (await get(`/_mock/webhooks/deliveries?locationId=${otherLocationId}`)).json()).deliveries
    expect(onOther.every((d: { locationId: string }) => d.locationId === otherLocationId)).toBe(true)
    expect(onOther.length).toBeGreaterThanOrEqual(1)
    const noteForApp = (await (await get(`/_mock/webhooks/deliveries?type=NoteDelete&appId=${mock.world().apps[0]!.id}`)).json()).deliveries
    expect(noteForApp).toHaveLength(1)
    expect((await (await get('/_mock/webhooks/deliveries?appId=0000')).json()).deliveries).toEqual([])
  })

  it('pages with limit and before', async () => {
    const first = await (await get('/_mock/webhooks/deliveries?limit=2')).json()
    expect(first.deliveries).toHaveLength(2)
    const next = await (await get(`/_mock/webhooks/deliveries?limit=2&before=${first.nextBefore}`)).json()
    expect(next.deliveries[0].id).toBe(first.deliveries[1].id - 1)
  })

  it.each(['status=lost', 'limit=0', 'limit=501', 'before=x'])('rejects %s with 422', async (query) => {
    const res = await get(`/_mock/webhooks/deliveries?${query}`)
    expect(res.status).toBe(422)
  })
})

describe('POST /_mock/webhooks/deliveries/:id/replay', () => {
  it('makes a new attempt with the same body and webhookId, and a 2xx settles the delivery', async () => {
    capture.answer(500)
    const triggered = await (await post('/_mock/webhooks/trigger', { type: 'TaskCreate', locationId })).json()
    const [failed] = triggered.deliveries
    expect(failed).toMatchObject({ status: 'failed', attemptCount: 1 })

    capture.answer(200)
    const res = await post(`/_mock/webhooks/deliveries/${failed.id}/replay`)
    expect(res.status).toBe(200)
    const { delivery } = await res.json()
    expect(delivery).toMatchObject({ id: failed.id, status: 'delivered', attemptCount: 1, webhookId: failed.webhookId })
    expect(delivery.attempts.map((a: { kind: string; statusCode: number }) => [a.kind, a.statusCode])).toEqual([['scheduled', 500], ['replay', 200]])
    const [first, second] = await capture.waitFor(2)
    expect(second!.rawBody.equals(first!.rawBody)).toBe(true)
    expect(second!.body.webhookId).toBe(failed.webhookId)
    capture.clear()
  })

  it('logs a failed replay without changing the delivery', async () => {
    capture.answer(400)
    const [delivery] = (await (await post('/_mock/webhooks/trigger', { type: 'TaskDelete', locationId })).json()).deliveries
    capture.answer(503)
    const { delivery: after } = await (await post(`/_mock/webhooks/deliveries/${delivery.id}/replay`)).json()
    expect(after).toMatchObject({ status: 'failed', attemptCount: 1 })
    expect(after.attempts.at(-1)).toMatchObject({ kind: 'replay', statusCode: 503, outcome: 'failed' })
    capture.answer(200)
    capture.clear()
  })

  it('answers 404 for an unknown delivery', async () => {
    for (const id of ['999999', 'abc']) {
      const res = await post(`/_mock/webhooks/deliveries/${id}/replay`)
      expect(res.status).toBe(404)
      expect(await res.json()).toMatchObject({ statusCode: 404, message: `No webhook delivery with id ${id}` })
    }
  })
})

describe('POST /_mock/reset', () => {
  it('forgets deliveries and their pending retries', async () => {
    capture.answerNext(429)
    await post('/_mock/webhooks/trigger', { type: 'ContactUpdate', locationId })
    expect((await post('/_mock/reset')).status).toBe(200)
    capture.clear()
    expect((await (await get('/_mock/webhooks/deliveries')).json()).deliveries).toEqual([])
    await mock.clock.advance(60 * 60_000)
    expect(capture.requests).toHaveLength(0)
  })
})
