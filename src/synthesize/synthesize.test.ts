import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

// These tests are about the synthesizer, and were written against calendar and conversation
// operations before those became stateful: here every operation is answered by the synthesizer.
vi.mock('../handlers/index.js', () => ({ handlerFor: () => undefined, handlers: {} }))
import { createServer, type GhlMock } from '../server.js'
import { apiRequest, mintToken } from '../testing.js'

let mock: GhlMock
let locationId: string
let token: string

beforeAll(async () => {
  mock = await createServer({ world: 'small', clock: 'manual', listen: false, logLevel: 'error' })
  locationId = mock.world().locations[0]!.id
  // Calendars stand in for any synthesized module (contacts are stateful, so they are not).
  token = await mintToken(mock, {
    locationId,
    scopes: ['calendars.readonly', 'calendars.write', 'calendars/events.write', 'calendars/resources.readonly', 'conversations/message.write', 'payments/coupons.write'],
  })
})

afterAll(() => mock.close())

const body = async (res: Response) => (await res.json()) as Record<string, any>

describe('synthesized answers', () => {
  it('are deterministic: the same request gets the same body, except its traceId', async () => {
    const a = await body(await apiRequest(mock, 'GET', '/calendars/ocQHyuzHvysMo5N5VsXc', { token }))
    const b = await body(await apiRequest(mock, 'GET', '/calendars/ocQHyuzHvysMo5N5VsXc', { token }))
    expect(a).toEqual(b)
    const other = await body(await apiRequest(mock, 'GET', '/calendars/zzzzzzzzzzzzzzzzzzzz', { token }))
    expect(other).not.toEqual(a)
  })

  it('are equal across instances with the same request', async () => {
    const twin = await createServer({ world: 'small', clock: 'manual', listen: false, logLevel: 'error' })
    try {
      const twinToken = await mintToken(twin, { locationId, scopes: ['calendars.readonly'] })
      const mine = await body(await apiRequest(mock, 'GET', '/calendars/abc', { token }))
      const theirs = await body(await apiRequest(twin, 'GET', '/calendars/abc', { token: twinToken }))
      expect(theirs).toEqual(mine)
    } finally {
      await twin.close()
    }
  })

  it('start from the spec examples and echo path ids and the caller\'s location', async () => {
    const res = await apiRequest(mock, 'GET', '/calendars/myCalendar123', { token })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-ghl-mock-fidelity')).toBe('synthesized')
    const { calendar } = await body(res)
    expect(calendar.id).toBe('myCalendar123')
    expect(calendar.locationId).toBe(locationId)
    expect(calendar.name).toBe('test calendar') // the spec's example
  })

  it('echo a path id into matching field names at any shallow depth', async () => {
    const nested = await body(await apiRequest(mock, 'GET', '/calendars/C123', { token }))
    expect(nested.calendar).toMatchObject({ id: 'C123' })
    const top = await body(await apiRequest(mock, 'GET', '/calendars/resources/equipments/R456', { token }))
    expect(top).toMatchObject({ resourceType: 'equipments', locationId })
  })

  it('answer with the operation success status, and no body on 204', async () => {
    const created = await apiRequest(mock, 'POST', '/calendars/appointments/A1/notes', { token, body: { body: 'Ada called' } })
    expect(created.status).toBe(201)
    const fill = await mint204()
    expect(fill).toEqual({ status: 204, text: '' })
  })

  it('fill a top-level traceId with the request trace id', async () => {
    const res = await apiRequest(mock, 'POST', '/payments/coupon', { token, body: coupon() })
    expect(res.status).toBe(201)
    expect((await body(res)).traceId).toBe(res.headers.get('traceId'))
    const again = await apiRequest(mock, 'POST', '/payments/coupon', { token, body: coupon() })
    expect((await body(again)).traceId).toBe(again.headers.get('traceId'))
    expect(again.headers.get('traceId')).not.toBe(res.headers.get('traceId'))
  })
})

/** A valid coupon body (its response carries a top-level traceId). */
function coupon() {
  return {
    altId: locationId,
    altType: 'location',
    name: 'Sale',
    code: 'SALE',
    discountType: 'amount',
    discountValue: 10,
    startDate: '2026-01-01T00:00:00Z',
    applyToFuturePaymentsConfig: { type: 'forever' },
  }
}

/** Finds a 204 operation the caller may call and calls it. */
async function mint204(): Promise<{ status: number; text: string }> {
  const { operationTable } = await import('../spec/operation-table.js')
  const op = operationTable.find((o) => o.key === 'voice-ai.delete-agent' && o.successStatus === 204)
  if (!op) throw new Error('voice-ai.delete-agent no longer answers 204')
  const anyScope = await mintToken(mock, { locationId, scopes: [...op.requiredScopes] })
  const path = op.honoPath.replace(/:locationId/g, locationId).replace(/:([A-Za-z_]+)/g, 'x1')
  const res = await apiRequest(mock, 'DELETE', path, { token: anyScope })
  return { status: res.status, text: await res.text() }
}

describe('request validation', () => {
  it('answers 422 with a class-validator style message per violation', async () => {
    const res = await apiRequest(mock, 'POST', '/calendars/', { token, body: { name: 5, teamMembers: 'all', calendarType: 'whenever' } })
    expect(res.status).toBe(422)
    const json = await body(res)
    expect(json).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity', traceId: res.headers.get('traceId') })
    expect(json.message).toEqual(
      expect.arrayContaining(['locationId should not be empty', 'name must be a string', 'teamMembers must be an array', 'calendarType must be a valid enum value']),
    )
  })

  it('names nested violations by their dotted path', async () => {
    // (anyOf bodies are covered in violations.test.ts: no synthesized operation's body has one.)
    const res = await apiRequest(mock, 'POST', '/calendars/', { token, body: { locationId, name: 'x', teamMembers: [{ userId: 'u', meetingLocationType: 'nope' }] } })
    expect((await body(res)).message).toEqual(['teamMembers.0.meetingLocationType must be a valid enum value'])
    const item = await apiRequest(mock, 'POST', '/calendars/', { token, body: { locationId, name: 'x', availabilities: [5] } })
    expect((await body(item)).message).toEqual(['availabilities.0 must be an object'])
  })

  it('accepts unknown extra fields', async () => {
    const res = await apiRequest(mock, 'POST', '/calendars/appointments/A1/notes', { token, body: { body: 'x', somethingNew: { a: 1 } } })
    expect(res.status).toBe(201)
  })

  it('answers 400 for malformed JSON', async () => {
    const res = await mock.app.request('/calendars/', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, Version: '2021-07-28', 'content-type': 'application/json' },
      body: '{"locationId":',
    })
    expect(res.status).toBe(400)
    expect(await body(res)).toMatchObject({ statusCode: 400, error: 'Bad Request' })
  })

  it('applies the request-validation overrides: a message without subType or status is accepted', async () => {
    const send = await apiRequest(mock, 'POST', '/conversations/messages', { token, version: '2021-04-15', body: { type: 'SMS', contactId: 'c1', message: 'hi' } })
    expect(send.status).toBe(200)
    const missing = await apiRequest(mock, 'POST', '/conversations/messages', { token, version: '2021-04-15', body: { message: 'hi' } })
    expect((await body(missing)).message).toEqual(['type should not be empty', 'contactId should not be empty'])
  })

  it("accepts a schema's own default where the spec's type or required list contradicts it", async () => {
    const coupon = {
      altId: locationId,
      altType: 'location',
      name: 'Sale',
      code: 'SALE',
      discountType: 'amount',
      discountValue: 10,
      startDate: '2026-01-01T00:00:00Z',
      applyToFuturePaymentsConfig: { type: 'forever' },
    }
    expect((await apiRequest(mock, 'POST', '/payments/coupon', { token, body: coupon })).status).toBe(201)
    const inbound = { type: 'SMS', conversationId: 'c1', contactId: 'c2', conversationProviderId: 'p1', direction: 'inbound' }
    expect((await apiRequest(mock, 'POST', '/conversations/messages/inbound', { token, version: '2021-04-15', body: inbound })).status).toBe(200)
  })
})
