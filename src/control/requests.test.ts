import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServer, type GhlMock } from '../server.js'
import { apiRequest, mintTokenAnswer } from '../testing.js'
import type { JournalEntry } from '../gateway/journal.js'

let mock: GhlMock

beforeEach(async () => {
  mock = await createServer({ world: 'small', clock: 'manual', clockStart: '2026-05-01T12:00:00.000Z', listen: false, logLevel: 'error' })
})

afterEach(() => mock.close())

const journal = async (query = '') =>
  ((await (await mock.app.request(`/_mock/requests${query}`)).json()) as { requests: JournalEntry[]; count: number }).requests

describe('GET /_mock/requests', () => {
  it('records API requests with their operation, status, token, app and location, newest first', async () => {
    const locationId = mock.world().locations[0]!.id
    const minted = await mintTokenAnswer(mock, { locationId, scopes: ['contacts.readonly'] })
    // A seeded contact: contacts are stateful, so GET needs a real id to answer 200.
    const path = `/contacts/${mock.runtime.repos.contacts.listByLocation(locationId, 1)[0]!.id}`
    await apiRequest(mock, 'GET', path, { token: minted.access_token })
    await apiRequest(mock, 'GET', path, { version: null })
    await mock.app.request('/nowhere')
    const [notFound, noVersion, ok] = await journal()
    expect(ok).toMatchObject({
      seq: 1,
      time: '2026-05-01T12:00:00.000Z',
      method: 'GET',
      path,
      operationId: 'get-contact',
      status: 200,
      durationMs: 0,
      tokenId: minted.tokenId,
      clientId: minted.clientId,
      locationId,
    })
    expect(ok?.traceId).toMatch(/[0-9a-f-]{36}/)
    expect(noVersion).toMatchObject({ operationId: 'get-contact', status: 401, tokenId: null })
    expect(notFound).toMatchObject({ path: '/nowhere', operationId: null, status: 404 })
  })

  it('leaves /_mock requests out', async () => {
    await mock.app.request('/_mock/health')
    await mock.app.request('/_mock/world')
    expect(await journal()).toEqual([])
  })

  it('filters by operationId, status, locationId, method and limit', async () => {
    const [loc1, loc2] = mock.world().locations
    for (const loc of [loc1!, loc2!]) {
      const { access_token: token } = await mintTokenAnswer(mock, { locationId: loc.id, scopes: ['contacts.readonly', 'contacts.write'] })
      await apiRequest(mock, 'GET', `/contacts/${mock.runtime.repos.contacts.listByLocation(loc.id, 1)[0]!.id}`, { token })
      await apiRequest(mock, 'POST', '/contacts/', { token, body: {} })
    }
    expect((await journal('?operationId=create-contact')).map((e) => e.status)).toEqual([422, 422])
    expect(await journal('?status=4xx')).toHaveLength(2)
    expect(await journal('?status=200')).toHaveLength(2)
    expect((await journal(`?locationId=${loc2!.id}`)).every((e) => e.locationId === loc2!.id)).toBe(true)
    expect((await journal('?method=get')).map((e) => e.method)).toEqual(['GET', 'GET'])
    expect(await journal('?limit=1')).toHaveLength(1)
  })

  it('rejects bad filters with 422', async () => {
    const res = await mock.app.request('/_mock/requests?limit=0&status=abc')
    expect(res.status).toBe(422)
    expect(((await res.json()) as { message: string[] }).message).toEqual([
      'status must be a status code (404) or a class (4xx)',
      'limit must be a whole number from 1 to 1000',
    ])
  })

  it('keeps the last 1,000 and empties on reset', async () => {
    for (let i = 0; i < 1_005; i++) await mock.app.request(`/nowhere/${i}`)
    const all = await journal('?limit=1000')
    expect(all).toHaveLength(1_000)
    expect(all[0]?.path).toBe('/nowhere/1004')
    expect(all[999]?.path).toBe('/nowhere/5')
    await mock.app.request('/_mock/reset', { method: 'POST' })
    expect(await journal()).toEqual([])
  })
})
