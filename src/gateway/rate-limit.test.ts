import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { messages } from '../errors.js'
import { createServer, type GhlMock } from '../server.js'
import type { TokenRow } from '../storage/tokens.js'
import { apiRequest, mintToken, mintTokenAnswer } from '../testing.js'
import { bucketKey } from './rate-limit.js'

let mock: GhlMock
let loc1: string
let loc2: string
let companyId: string
let secondClient: string

beforeEach(async () => {
  mock = await createServer({
    world: 'small',
    clock: 'manual',
    clockStart: '2026-03-10T23:58:00.000Z',
    listen: false,
    logLevel: 'error',
    rateLimitBurst: 3,
    rateLimitIntervalMs: 10_000,
    rateLimitDaily: 5,
    fixtures: { apps: [{ name: 'Second App' }] },
  })
  const world = mock.world()
  loc1 = world.locations[0]!.id
  loc2 = world.locations[1]!.id
  companyId = world.companies[0]!.id
  secondClient = world.apps[1]!.clientId
})

afterEach(() => mock.close())

const get = (token: string, locationId = loc1) => apiRequest(mock, 'GET', `/contacts/?locationId=${locationId}`, { token })
const limits = (res: Response) => ({
  daily: res.headers.get('X-RateLimit-Limit-Daily'),
  dailyRemaining: res.headers.get('X-RateLimit-Daily-Remaining'),
  interval: res.headers.get('X-RateLimit-Interval-Milliseconds'),
  max: res.headers.get('X-RateLimit-Max'),
  remaining: res.headers.get('X-RateLimit-Remaining'),
})
const scopes = ['contacts.readonly']

describe('rate limits', () => {
  it('reports the five headers on every answer to an authenticated caller', async () => {
    const token = await mintToken(mock, { locationId: loc1, scopes })
    const ok = await get(token)
    expect(ok.status).toBe(200)
    expect(limits(ok)).toEqual({ daily: '5', dailyRemaining: '4', interval: '10000', max: '3', remaining: '2' })
    // Refusals after authentication carry them too, and do not count.
    const forbidden = await get(token, loc2)
    expect(forbidden.status).toBe(403)
    expect(limits(forbidden)).toMatchObject({ dailyRemaining: '4', remaining: '2' })
    const unscoped = await apiRequest(mock, 'GET', '/users/', { token })
    expect(unscoped.status).toBe(401)
    expect(limits(unscoped)).toMatchObject({ remaining: '2' })
  })

  it('sends none before the caller is known', async () => {
    const noVersion = await apiRequest(mock, 'GET', '/contacts/', { version: null })
    const badToken = await apiRequest(mock, 'GET', '/contacts/', { token: 'nope' })
    for (const res of [noVersion, badToken]) expect(res.headers.get('X-RateLimit-Max')).toBeNull()
  })

  it('answers 429 "Too Many Requests" past the burst, until the window closes', async () => {
    const token = await mintToken(mock, { locationId: loc1, scopes })
    for (let i = 0; i < 3; i++) expect((await get(token)).status).toBe(200)
    await mock.clock.advance(9_999)
    const limited = await get(token)
    expect(limited.status).toBe(429)
    const body = await limited.json()
    expect(body).toEqual({ statusCode: 429, message: messages.tooManyRequests, traceId: limited.headers.get('traceId') })
    expect(limits(limited)).toMatchObject({ remaining: '0', dailyRemaining: '2' })
    await mock.clock.advance(1)
    const again = await get(token)
    expect(again.status).toBe(200)
    expect(limits(again)).toMatchObject({ remaining: '2', dailyRemaining: '1' })
  })

  it('opens a window with its first counted request, not earlier', async () => {
    const token = await mintToken(mock, { locationId: loc1, scopes })
    await get(token, loc2) // 403: looked at, not counted
    await mock.clock.advance(8_000)
    for (let i = 0; i < 3; i++) expect((await get(token)).status).toBe(200)
    await mock.clock.advance(5_000) // 13 s after the 403, 5 s into the window
    expect((await get(token)).status).toBe(429)
  })

  it('exhausts the daily quota and restores it at UTC midnight', async () => {
    const token = await mintToken(mock, { locationId: loc1, scopes })
    for (let i = 0; i < 3; i++) await get(token)
    await mock.clock.advance(10_000)
    for (let i = 0; i < 2; i++) expect((await get(token)).status).toBe(200)
    await mock.clock.advance(10_000)
    const exhausted = await get(token)
    expect(exhausted.status).toBe(429)
    expect(limits(exhausted)).toMatchObject({ dailyRemaining: '0', remaining: '3' })
    await mock.clock.advance(100_000) // 23:58:20 + 100 s = 2026-03-11T00:00:00Z
    const tomorrow = await get(token)
    expect(tomorrow.status).toBe(200)
    expect(limits(tomorrow)).toMatchObject({ dailyRemaining: '4', remaining: '2' })
  })

  it('keeps one bucket per (app, location): never shared across apps or locations', async () => {
    const demoAt1 = await mintToken(mock, { locationId: loc1, scopes })
    const demoAt1Again = await mintToken(mock, { locationId: loc1, scopes })
    const secondAt1 = await mintToken(mock, { locationId: loc1, scopes, clientId: secondClient })
    const demoAt2 = await mintToken(mock, { locationId: loc2, scopes })
    for (let i = 0; i < 3; i++) await get(demoAt1)
    expect((await get(demoAt1Again)).status).toBe(429) // same app, same location: same bucket
    expect((await get(secondAt1)).status).toBe(200)
    expect((await get(demoAt2, loc2)).status).toBe(200)
  })

  it('counts a PIT on its own bucket at its location, apart from OAuth apps', async () => {
    const oauth = await mintToken(mock, { locationId: loc1, scopes })
    const pit = await mintToken(mock, { locationId: loc1, scopes, type: 'pit' })
    for (let i = 0; i < 3; i++) await get(oauth)
    expect((await get(oauth)).status).toBe(429)
    const res = await get(pit)
    expect(res.status).toBe(200)
    expect(limits(res).remaining).toBe('2')
  })

  it('forgets every bucket on reset', async () => {
    const token = await mintToken(mock, { locationId: loc1, scopes })
    for (let i = 0; i < 3; i++) await get(token)
    await mock.app.request('/_mock/reset', { method: 'POST' })
    const fresh = await mintToken(mock, { locationId: loc1, scopes })
    expect(limits(await get(fresh)).remaining).toBe('2')
  })
})

describe('bucketKey', () => {
  const row = (over: Partial<TokenRow>) => ({ id: 't1', clientId: 'app-1', locationId: 'L1', companyId: 'C1', ...over }) as TokenRow

  it('keys by client and resource, a PIT by its own id, an agency token by its company', () => {
    expect(bucketKey(row({}))).toBe('app-1|L1')
    expect(bucketKey(row({ clientId: null }))).toBe('pit:t1|L1')
    expect(bucketKey(row({ locationId: null }))).toBe('app-1|company:C1')
  })

  it('is what /_mock/tokens tokens end up in', async () => {
    const answer = await mintTokenAnswer(mock, { companyId, scopes })
    const stored = mock.runtime.repos.tokens.get(answer.tokenId)!
    expect(bucketKey(stored)).toBe(`${answer.clientId}|company:${companyId}`)
  })
})
