import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { bodyLimit } from './body-limit.js'

function appWithLimit(maxSize: number): Hono {
  const app = new Hono()
  app.use(
    bodyLimit(maxSize, () => {
      throw new Error('too large')
    }),
  )
  app.onError((error, c) => c.text(error.message, 413))
  app.all('/', async (c) => c.text(`read ${(await c.req.text()).length}`))
  return app
}

describe('bodyLimit', () => {
  it('lets a GET through without looking for a body', async () => {
    const res = await appWithLimit(4).request('/')
    expect(await res.text()).toBe('read 0')
  })

  it('refuses a declared length over the limit and accepts one within it', async () => {
    const app = appWithLimit(4)
    const over = await app.request('/', { method: 'POST', body: '12345', headers: { 'content-length': '5' } })
    expect(over.status).toBe(413)
    const within = await app.request('/', { method: 'POST', body: '1234', headers: { 'content-length': '4' } })
    expect(await within.text()).toBe('read 4')
  })

  it('counts a streamed body that declares no length', async () => {
    const app = appWithLimit(4)
    const stream = (text: string) =>
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(text))
          controller.close()
        },
      })
    const init = (text: string) => ({ method: 'POST', body: stream(text), duplex: 'half' }) as RequestInit
    expect((await app.request('/', init('123456'))).status).toBe(413)
    expect(await (await app.request('/', init('123'))).text()).toBe('read 3')
  })
})
