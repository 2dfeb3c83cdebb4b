import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type GhlMock } from './server.js'

let mock: GhlMock
beforeAll(async () => {
  mock = await createServer({ world: 'small', clock: 'manual', listen: false, bodyLimit: 1024 })
})
afterAll(() => mock.close())

describe('HighLevel-shaped basics', () => {
  it('answers unknown routes with a NestJS 404 and a trace id in body and header', async () => {
    const res = await mock.app.request('/no/such/route')
    expect(res.status).toBe(404)
    const body = await res.json()
    expect(body).toMatchObject({ statusCode: 404, message: 'Cannot GET /no/such/route', error: 'Not Found' })
    expect(body.traceId).toMatch(/^[0-9a-f-]{36}$/)
    expect(res.headers.get('traceId')).toBe(body.traceId)
  })

  it('gives every response a distinct trace id', async () => {
    const a = await mock.app.request('/_mock/health')
    const b = await mock.app.request('/_mock/health')
    expect(a.headers.get('traceId')).toBeTruthy()
    expect(a.headers.get('traceId')).not.toBe(b.headers.get('traceId'))
  })

  it('answers malformed JSON with 400, never a 500', async () => {
    const res = await mock.app.request('/_mock/clock/advance', { method: 'POST', body: '{"ms": 1', headers: { 'content-type': 'application/json' } })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' })
  })

  it('answers bodies over the limit with 413 in the wire shape', async () => {
    const res = await mock.app.request('/_mock/clock/advance', {
      method: 'POST',
      body: JSON.stringify({ ms: 1, pad: 'x'.repeat(2048) }),
      headers: { 'content-type': 'application/json' },
    })
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ statusCode: 413, message: 'request entity too large' })
  })

  it('rejects a wrongly typed clock advance with a 422 message array', async () => {
    const res = await mock.app.request('/_mock/clock/advance', { method: 'POST', body: JSON.stringify({ ms: 'soon' }) })
    expect(res.status).toBe(422)
    expect(await res.json()).toMatchObject({ statusCode: 422, message: ['ms must be a non-negative number'] })
  })
})

describe('clock endpoints', () => {
  it('reports and advances the manual clock', async () => {
    const before = await (await mock.app.request('/_mock/clock')).json()
    expect(before.mode).toBe('manual')
    const res = await mock.app.request('/_mock/clock/advance', { method: 'POST', body: JSON.stringify({ ms: 90_000 }) })
    const after = await res.json()
    expect(Date.parse(after.now) - Date.parse(before.now)).toBe(90_000)
    expect(after.offsetMs).toBe(before.offsetMs + 90_000)
  })
})

describe('reset', () => {
  it('wipes what was written and reseeds the same world', async () => {
    const world = mock.world()
    const location = world.locations[0]!
    mock.runtime.repos.contacts.insert({ id: 'addedByTest000000001', locationId: location.id, data: { id: 'addedByTest000000001' }, createdAt: 1, updatedAt: 1 })
    const res = await mock.app.request('/_mock/reset', { method: 'POST' })
    expect(res.status).toBe(200)
    expect(mock.runtime.repos.contacts.get('addedByTest000000001')).toBeUndefined()
    expect(JSON.stringify(mock.world())).toBe(JSON.stringify(world))
  })
})

describe('admin token', () => {
  it('guards /_mock when set', async () => {
    const guarded = await createServer({ world: 'small', listen: false, adminToken: 's3cret' })
    try {
      expect((await guarded.app.request('/_mock/world')).status).toBe(401)
      expect((await guarded.app.request('/_mock/world', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401)
      expect((await guarded.app.request('/_mock/world', { headers: { authorization: 'Bearer s3cret' } })).status).toBe(200)
    } finally {
      await guarded.close()
    }
  })
})
