import { afterEach, describe, expect, it } from 'vitest'
import { captureWebhooks, type WebhookCapture } from './capture.js'

let capture: WebhookCapture
afterEach(() => capture.close())

const send = (body: string) => fetch(capture.url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-test': '1' } })

describe('captureWebhooks', () => {
  it('records raw bytes, parsed JSON and headers, and resolves waitFor as requests arrive', async () => {
    capture = await captureWebhooks({ path: '/hooks/ghl' })
    expect(capture.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hooks\/ghl$/)
    const waiting = capture.waitFor(2)
    await send('{"a":1}')
    await send('not json')
    const [first, second] = await waiting
    expect(first).toMatchObject({ method: 'POST', path: '/hooks/ghl', body: { a: 1 }, answered: 200 })
    expect(first!.rawBody.toString()).toBe('{"a":1}')
    expect(first!.headers['x-test']).toBe('1')
    expect(second!.body).toBeUndefined()
    expect(await capture.waitFor(1)).toHaveLength(2) // already there: resolves at once
    capture.clear()
    expect(capture.requests).toHaveLength(0)
  })

  it('answers as told: queued answers first, then the default', async () => {
    capture = await captureWebhooks()
    capture.answerNext(429, { status: 500, body: 'boom' })
    capture.answer(204)
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await send('{}')).status)
    expect(statuses).toEqual([429, 500, 204])
    expect(capture.requests.map((r) => r.answered)).toEqual([429, 500, 204])
  })

  it('can hang, and rejects waitFor with a clear message when too few requests come', async () => {
    capture = await captureWebhooks()
    capture.answer('hang')
    const hung = send('{}').catch((error: Error) => error)
    await capture.waitFor(1)
    expect(capture.requests[0]!.answered).toBe('hang')
    await expect(capture.waitFor(3, { timeoutMs: 50 })).rejects.toThrow('expected 3 webhook requests within 50 ms, received 1')
    await capture.close()
    expect(await hung).toBeInstanceOf(Error)
    capture = await captureWebhooks() // for afterEach
  })
})
