import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type GhlMock } from '../server.js'
import { clientErrorResponse } from './client-errors.js'

let mock: GhlMock
beforeAll(async () => {
  mock = await createServer({ world: 'small', clock: 'manual', logLevel: 'silent' })
})
afterAll(() => mock.close())

async function expectWireShaped431(response: Response): Promise<void> {
  expect(response.status).toBe(431)
  expect(response.headers.get('content-type')).toContain('application/json')
  const body = (await response.json()) as Record<string, unknown>
  expect(body).toMatchObject({ statusCode: 431, error: 'Request Header Fields Too Large' })
  expect(body.message).toMatch(/header fields too large/i)
  expect(body.traceId).toMatch(/^[0-9a-f-]{36}$/)
  expect(response.headers.get('traceId')).toBe(body.traceId)
}

describe('oversized request heads (issue #11, defect 4)', () => {
  it('a 16,000+ character path gets a NestJS-shaped 431 with a trace id', async () => {
    await expectWireShaped431(await fetch(`${mock.url}/contacts/${'a'.repeat(17_000)}`))
  })

  it('a query of 1,000+ parameters over the limit gets the same', async () => {
    const query = Array.from({ length: 1_200 }, (_, i) => `param${i}=value${i}`).join('&')
    await expectWireShaped431(await fetch(`${mock.url}/contacts/?${query}`))
  })

  it('1,000 short parameters under the limit reach the app and get an ordinary answer', async () => {
    const query = Array.from({ length: 1_000 }, (_, i) => `p${i}=${i}`).join('&')
    const response = await fetch(`${mock.url}/contacts/?${query}`)
    expect(response.status).toBe(401) // no token: the gateway's answer, not a parser's
    expect(await response.json()).toMatchObject({ statusCode: 401 })
  })

  it('the server keeps serving afterwards, and other parse errors are 400s in the same shape', async () => {
    expect((await fetch(`${mock.url}/_mock/health`)).status).toBe(200)
    const raw = clientErrorResponse('HPE_INVALID_METHOD', 'trace')
    expect(raw.startsWith('HTTP/1.1 400 Bad Request\r\n')).toBe(true)
    expect(JSON.parse(raw.split('\r\n\r\n')[1]!)).toMatchObject({ statusCode: 400, traceId: 'trace' })
  })
})
