// Signed delivery end to end: a real receiver on a port checks what ghl-mock sends with
// node:crypto, with HighLevel's documented sample code and with the official SDK 3.1.0.
import crypto from 'node:crypto'
import { HighLevel } from '@gohighlevel/api-client'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type GhlMock } from '../server.js'
import { installApp } from '../testing-internal/webhooks.js'
import { captureWebhooks, verifyWebhookSignatures, type CapturedRequest, type WebhookCapture } from './capture.js'
import { postWebhook, signatureHeaders } from './delivery.js'

let capture: WebhookCapture
let mock: GhlMock
let keys: { webhookRsa: string; webhookEd25519: string }
let locationId: string

beforeAll(async () => {
  capture = await captureWebhooks()
  mock = await createServer({ world: 'small', clock: 'manual', webhookUrl: capture.url })
  installApp(mock)
  locationId = mock.world().locations[0]!.id
  keys = await (await fetch(`${mock.url}/_mock/keys`)).json()
})
afterAll(async () => {
  await mock.close()
  await capture.close()
})
afterEach(() => capture.clear())

/** Triggers an event through the control plane and returns what the receiver got. */
async function deliverOne(type: string, data?: Record<string, unknown>): Promise<CapturedRequest> {
  const res = await fetch(`${mock.url}/_mock/webhooks/trigger`, { method: 'POST', body: JSON.stringify({ type, locationId, data }) })
  expect(res.status).toBe(200)
  const [request] = await capture.waitFor(1)
  return request!
}

/** HighLevel's documented verification sample, verbatim in substance (express.json() gives `payload`). */
function verifyWebhookSignature(payload: unknown, signature: string, publicKey: string): boolean {
  const verifier = crypto.createVerify('SHA256')
  verifier.update(JSON.stringify(payload))
  return verifier.verify(publicKey, signature, 'base64')
}

describe('webhook signatures', () => {
  it('POSTs the compact JSON.stringify bytes with both signatures over exactly those bytes', async () => {
    const request = await deliverOne('ContactCreate', { firstName: 'Zoë 🚀', companyName: 'A/B "quoted" \\ Co' })
    expect(request.method).toBe('POST')
    expect(request.headers['content-type']).toBe('application/json')
    expect(request.rawBody.toString('utf8')).toBe(JSON.stringify(request.body))
    expect(request.body).toMatchObject({ type: 'ContactCreate', locationId, firstName: 'Zoë 🚀' })

    const rsa = crypto.createVerify('sha256').update(request.rawBody).verify(keys.webhookRsa, String(request.headers['x-wh-signature']), 'base64')
    const ed = crypto.verify(null, request.rawBody, keys.webhookEd25519, Buffer.from(String(request.headers['x-ghl-signature']), 'base64'))
    expect([rsa, ed]).toEqual([true, true])
    expect(verifyWebhookSignatures(request, keys)).toEqual({ rsa: true, ed25519: true })
  })

  it('passes the documentation sample code, and fails it once the payload is modified', async () => {
    const request = await deliverOne('OpportunityCreate')
    const signature = String(request.headers['x-wh-signature'])
    expect(verifyWebhookSignature(request.body, signature, keys.webhookRsa)).toBe(true)
    expect(verifyWebhookSignature({ ...request.body, status: 'won!' }, signature, keys.webhookRsa)).toBe(false)
  })

  it("passes the official SDK 3.1.0 WebhookManager, with the key as an option or as WEBHOOK_SIGNATURE_PUBLIC_KEY", async () => {
    const request = await deliverOne('ContactUpdate')
    const app = mock.world().apps[0]!
    expect(request.body.appId).toBe(app.clientId.split('-')[0])

    const runMiddleware = async (ghl: HighLevel, req: Record<string, unknown>) => {
      let nextError: unknown = 'next not called'
      await ghl.webhooks.subscribe()(req as never, {}, (error?: unknown) => void (nextError = error))
      expect(nextError).toBeUndefined()
      return req
    }
    const config = { clientId: app.clientId, clientSecret: app.clientSecret, logLevel: 'none' as const }

    // The SDK re-serializes the parsed body when no raw body is captured: compact bytes make that work.
    const withOption = new HighLevel({ ...config, webhookPublicKey: keys.webhookEd25519 })
    const parsed = await runMiddleware(withOption, { method: 'POST', url: '/webhooks', headers: request.headers, body: request.body })
    expect(parsed).toMatchObject({ isSignatureValid: true, skippedSignatureVerification: false })
    const raw = await runMiddleware(withOption, { headers: request.headers, body: request.body, rawBody: request.rawBody })
    expect(raw.isSignatureValid).toBe(true)
    const tampered = await runMiddleware(withOption, { headers: request.headers, body: { ...request.body, email: 'x@y.z' } })
    expect(tampered.isSignatureValid).toBe(false)

    // The environment variable, here as the raw 32-byte key in base64 (PEM works the same).
    const rawKey = crypto.createPublicKey(keys.webhookEd25519).export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64')
    process.env.WEBHOOK_SIGNATURE_PUBLIC_KEY = rawKey
    try {
      const fromEnv = await runMiddleware(new HighLevel(config), { headers: request.headers, body: request.body })
      expect(fromEnv.isSignatureValid).toBe(true)
    } finally {
      delete process.env.WEBHOOK_SIGNATURE_PUBLIC_KEY
    }

    // A client id of another app: the SDK skips the webhook without looking at it.
    const other = new HighLevel({ ...config, clientId: `0123456789abcdef01234567-${app.clientId.split('-')[1]}`, webhookPublicKey: keys.webhookEd25519 })
    expect((await runMiddleware(other, { headers: request.headers, body: request.body })).isSignatureValid).toBeUndefined()
  })

  it('sends the same bytes and signatures on every attempt of a delivery', async () => {
    capture.answerNext(429)
    const first = await deliverOne('TaskCreate')
    await mock.clock.advance(15 * 60_000)
    const [, second] = await capture.waitFor(2)
    expect(second!.rawBody.equals(first.rawBody)).toBe(true)
    expect(second!.headers['x-wh-signature']).toBe(first.headers['x-wh-signature'])
    expect(second!.headers['x-ghl-signature']).toBe(first.headers['x-ghl-signature'])
  })
})

describe('--signature', () => {
  it.each([
    ['rsa', ['x-wh-signature']],
    ['ed25519', ['x-ghl-signature']],
    ['both', ['x-wh-signature', 'x-ghl-signature']],
  ] as const)('%s sends only %j', async (mode, expected) => {
    const headers = await signatureHeaders('{"type":"ContactCreate"}', mock.keys, mode)
    expect(Object.keys(headers).sort()).toEqual([...expected].sort())
  })

  it('is honoured by a running instance', async () => {
    const receiver = await captureWebhooks()
    const edOnly = await createServer({ world: 'small', clock: 'manual', listen: false, signature: 'ed25519', webhookUrl: receiver.url })
    try {
      installApp(edOnly)
      const res = await edOnly.app.request('/_mock/webhooks/trigger', { method: 'POST', body: JSON.stringify({ type: 'NoteCreate', locationId: edOnly.world().locations[0]!.id }) })
      expect(res.status).toBe(200)
      const [request] = await receiver.waitFor(1)
      expect(request!.headers['x-wh-signature']).toBeUndefined()
      expect(verifyWebhookSignatures(request!, keys)).toEqual({ rsa: false, ed25519: true })
    } finally {
      await edOnly.close()
      await receiver.close()
    }
  })
})

describe('postWebhook', () => {
  it('reports a refused connection, a timeout and a status without retrying anything', async () => {
    const gone = await captureWebhooks()
    await gone.close()
    const refused = await postWebhook(gone.url, '{}', {}, { timeoutMs: 1_000 })
    expect(refused).toMatchObject({ statusCode: null, error: 'connection refused', interrupted: false })

    capture.answer('hang')
    const timedOut = await postWebhook(capture.url, '{}', {}, { timeoutMs: 100 })
    expect(timedOut).toMatchObject({ statusCode: null, error: 'timeout after 100 ms', interrupted: false })

    capture.answer({ status: 503, body: 'x'.repeat(5_000) })
    const answered = await postWebhook(capture.url, '{}', {}, { timeoutMs: 1_000 })
    expect(answered.statusCode).toBe(503)
    expect(answered.responseExcerpt).toHaveLength(1024)
    capture.answer(200)
  })
})
