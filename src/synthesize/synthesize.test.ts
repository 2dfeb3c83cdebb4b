import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type GhlMock } from '../server.js'
import { apiRequest, mintToken } from '../testing.js'

let mock: GhlMock
let locationId: string
let token: string

beforeAll(async () => {
  mock = await createServer({ world: 'small', clock: 'manual', listen: false, logLevel: 'error' })
  locationId = mock.world().locations[0]!.id
  token = await mintToken(mock, { locationId, scopes: ['contacts.readonly', 'contacts.write', 'conversations/message.write', 'payments/coupons.write'] })
})

afterAll(() => mock.close())

const body = async (res: Response) => (await res.json()) as Record<string, any>

describe('synthesized answers', () => {
  it('are deterministic: the same request gets the same body, except its traceId', async () => {
    const a = await body(await apiRequest(mock, 'GET', '/contacts/ocQHyuzHvysMo5N5VsXc/tasks', { token }))
    const b = await body(await apiRequest(mock, 'GET', '/contacts/ocQHyuzHvysMo5N5VsXc/tasks', { token }))
    expect(a).toEqual(b)
    const other = await body(await apiRequest(mock, 'GET', '/contacts/zzzzzzzzzzzzzzzzzzzz/tasks', { token }))
    expect(other).not.toEqual(a)
  })

  it('are equal across instances with the same request', async () => {
    const twin = await createServer({ world: 'small', clock: 'manual', listen: false, logLevel: 'error' })
    try {
      const twinToken = await mintToken(twin, { locationId, scopes: ['contacts.readonly'] })
      const mine = await body(await apiRequest(mock, 'GET', '/contacts/abc', { token }))
      const theirs = await body(await apiRequest(twin, 'GET', '/contacts/abc', { token: twinToken }))
      expect(theirs).toEqual(mine)
    } finally {
      await twin.close()
    }
  })

  it('start from the spec examples and echo path ids and the caller\'s location', async () => {
    const res = await apiRequest(mock, 'GET', '/contacts/myContact123', { token })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-ghl-mock-fidelity')).toBe('synthesized')
    const { contact } = await body(res)
    expect(contact.id).toBe('myContact123')
    expect(contact.locationId).toBe(locationId)
    expect(contact.firstName).toBe('rubika') // the spec's example
  })

  it('echo a path id into matching field names at any shallow depth', async () => {
    const res = await body(await apiRequest(mock, 'GET', '/contacts/C123/notes/N456', { token }))
    expect(res.note).toMatchObject({ id: 'N456', contactId: 'C123' })
  })

  it('answer with the operation success status, and no body on 204', async () => {
    const created = await apiRequest(mock, 'POST', '/contacts/', { token, body: { locationId, firstName: 'Ada' } })
    expect(created.status).toBe(201)
    const fill = await mint204()
    expect(fill).toEqual({ status: 204, text: '' })
  })

  it('fill a top-level traceId with the request trace id', async () => {
    const res = await apiRequest(mock, 'POST', '/contacts/upsert', { token, body: { locationId } })
    expect(res.status).toBe(200)
    expect((await body(res)).traceId).toBe(res.headers.get('traceId'))
    const again = await apiRequest(mock, 'POST', '/contacts/upsert', { token, body: { locationId } })
    expect((await body(again)).traceId).toBe(again.headers.get('traceId'))
    expect(again.headers.get('traceId')).not.toBe(res.headers.get('traceId'))
  })
})

/** Finds a 204 operation the caller may call and calls it. */
async function mint204(): Promise<{ status: number; text: string }> {
  const { operationTable } = await import('../gateway/operation-table.js')
  const op = operationTable.find((o) => o.key === 'voice-ai.delete-agent' && o.successStatus === 204)
  if (!op) throw new Error('voice-ai.delete-agent no longer answers 204')
  const anyScope = await mintToken(mock, { locationId, scopes: [...op.requiredScopes] })
  const path = op.honoPath.replace(/:locationId/g, locationId).replace(/:([A-Za-z_]+)/g, 'x1')
  const res = await apiRequest(mock, 'DELETE', path, { token: anyScope })
  return { status: res.status, text: await res.text() }
}

describe('request validation', () => {
  it('answers 422 with a class-validator style message per violation', async () => {
    const res = await apiRequest(mock, 'POST', '/contacts/', { token, body: { email: 42, tags: 'vip', dnd: 'yes' } })
    expect(res.status).toBe(422)
    const json = await body(res)
    expect(json).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity', traceId: res.headers.get('traceId') })
    expect(json.message).toEqual(expect.arrayContaining(['locationId should not be empty', 'email must be a string', 'tags must be an array', 'dnd must be a boolean value']))
  })

  it('names nested violations by their dotted path', async () => {
    const res = await apiRequest(mock, 'POST', '/contacts/', { token, body: { locationId, dndSettings: { Call: { status: 'maybe' } } } })
    expect((await body(res)).message).toEqual(['dndSettings.Call.status must be a valid enum value'])
    const anyOf = await apiRequest(mock, 'POST', '/contacts/', { token, body: { locationId, customFields: [5] } })
    expect((await body(anyOf)).message).toEqual(['customFields.0 must match one of the allowed shapes'])
  })

  it('accepts unknown extra fields', async () => {
    const res = await apiRequest(mock, 'POST', '/contacts/', { token, body: { locationId, somethingNew: { a: 1 } } })
    expect(res.status).toBe(201)
  })

  it('answers 400 for malformed JSON', async () => {
    const res = await mock.app.request('/contacts/', {
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
