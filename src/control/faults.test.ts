import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServer, type GhlMock } from '../server.js'
import { apiRequest, mintToken } from '../testing.js'

let mock: GhlMock
let locationId: string
let token: string
let contactId: string

beforeEach(async () => {
  mock = await createServer({ world: 'small', clock: 'manual', listen: false, logLevel: 'error' })
  locationId = mock.world().locations[0]!.id
  token = await mintToken(mock, { locationId, scopes: ['contacts.readonly', 'contacts.write'] })
  // A seeded contact: contacts are stateful, so GET needs a real id to answer 200.
  contactId = mock.runtime.repos.contacts.listByLocation(locationId, 1)[0]!.id
})

afterEach(() => mock.close())

const arm = (body: unknown) =>
  mock.app.request('/_mock/faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
const getContact = () => apiRequest(mock, 'GET', `/contacts/${contactId}`, { token })

describe('/_mock/faults', () => {
  it('fails the next N matching requests with a HighLevel-shaped body, then lets them through', async () => {
    const armed = await arm({ match: 'get-contact', status: 503, times: 2 })
    expect(armed.status).toBe(201)
    for (let i = 0; i < 2; i++) {
      const res = await getContact()
      expect(res.status).toBe(503)
      expect(await res.json()).toEqual({ statusCode: 503, message: 'Service Unavailable', error: 'Service Unavailable', traceId: res.headers.get('traceId') })
      expect(res.headers.get('X-RateLimit-Max')).toBe('100')
    }
    expect((await getContact()).status).toBe(200)
  })

  it('matches a path pattern and uses the given message', async () => {
    await arm({ match: 'POST /contacts/*', status: 500, message: 'Upstream exploded' })
    expect((await getContact()).status).toBe(200)
    const res = await apiRequest(mock, 'POST', '/contacts/upsert', { token, body: { locationId } })
    expect(res.status).toBe(500)
    expect(await res.json()).toMatchObject({ statusCode: 500, message: 'Upstream exploded' })
  })

  it('applies after the checks: an unauthenticated caller still gets its 401', async () => {
    await arm({ match: '/contacts/*', status: 500 })
    expect((await apiRequest(mock, 'GET', '/contacts/c1')).status).toBe(401)
    expect((await getContact()).status).toBe(500)
  })

  it('delays an answer on the clock until the test advances it', async () => {
    await arm({ match: 'get-contact', delayMs: 5_000 })
    let settled = false
    const pending = getContact().then((res) => {
      settled = true
      return res
    })
    await new Promise((resolve) => setImmediate(resolve))
    expect(settled).toBe(false)
    await mock.clock.advance(4_999)
    expect(settled).toBe(false)
    await mock.clock.advance(1)
    const res = await pending
    expect(res.status).toBe(200)
    const journal = (await (await mock.app.request('/_mock/requests?operationId=get-contact')).json()) as { requests: Array<{ durationMs: number }> }
    expect(journal.requests[0]?.durationMs).toBe(5_000)
  })

  it('delays then fails when given both', async () => {
    await arm({ match: 'get-contact', delayMs: 100, status: 429 })
    const pending = getContact()
    await mock.clock.advance(100)
    const res = await pending
    expect(res.status).toBe(429)
    expect(await res.json()).toEqual({ statusCode: 429, message: 'Too Many Requests', traceId: res.headers.get('traceId') })
  })

  it('lists, removes one, and clears', async () => {
    const first = (await (await arm({ match: 'a', status: 500 })).json()) as { id: string }
    await arm({ match: 'b', status: 502, times: 3 })
    const list = (await (await mock.app.request('/_mock/faults')).json()) as { faults: unknown[] }
    expect(list.faults).toEqual([
      { id: first.id, match: 'a', status: 500, delayMs: 0, message: null, remaining: 1, hits: 0 },
      expect.objectContaining({ match: 'b', status: 502, remaining: 3 }),
    ])
    expect((await mock.app.request(`/_mock/faults/${first.id}`, { method: 'DELETE' })).status).toBe(200)
    expect((await mock.app.request(`/_mock/faults/${first.id}`, { method: 'DELETE' })).status).toBe(404)
    expect(await (await mock.app.request('/_mock/faults', { method: 'DELETE' })).json()).toEqual({ removed: 1 })
    expect(await (await mock.app.request('/_mock/faults')).json()).toEqual({ faults: [] })
  })

  it('rejects a bad rule with 422 naming each problem', async () => {
    const res = await arm({ match: '', status: 200, times: 0 })
    expect(res.status).toBe(422)
    expect(((await res.json()) as { message: string[] }).message).toEqual([
      'match should not be empty',
      'status must be a whole number from 400 to 599',
      'times must be a whole number from 1 to 1000000',
    ])
    expect((await arm({ match: 'x' })).status).toBe(422)
  })
})
