// `ghl-mock/testing` end to end, as a user's suite would use it: install the app, write through the
// API, receive the signed webhook in-process, and watch a 429 retried on the manual clock.
import { afterEach, beforeEach, expect, it } from 'vitest'
import { createServer, type GhlMock } from '../src/index.js'
import {
  MAX_ATTEMPTS,
  RETRY_INTERVAL_MS,
  RETRY_JITTER_MS,
  apiRequest,
  captureWebhooks,
  mintToken,
  verifyWebhookSignatures,
  webhooksSettled,
  type WebhookCapture,
} from '../src/testing.js'

let capture: WebhookCapture
let mock: GhlMock
beforeEach(async () => {
  capture = await captureWebhooks()
  mock = await createServer({ world: 'small', clock: 'manual', webhookUrl: capture.url })
})
afterEach(async () => {
  await mock.close()
  await capture.close()
})

it('delivers a signed ContactCreate for an API write and retries a 429 after 10 minutes plus jitter', async () => {
  const [app] = mock.world().apps
  const location = mock.world().locations[0]!
  const install = await fetch(`${mock.url}/_mock/installs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: app!.clientId, locationId: location.id }),
  })
  expect(install.status).toBeLessThan(300)
  await webhooksSettled(mock)
  expect((await capture.waitFor(1))[0]!.body).toMatchObject({ type: 'INSTALL', appId: app!.id, locationId: location.id })
  capture.clear()

  capture.answerNext(429)
  const token = await mintToken(mock, { locationId: location.id, scopes: ['contacts.write'] })
  const created = await apiRequest(mock, 'POST', '/contacts/', { token, body: { locationId: location.id, email: 'ada@example.com' } })
  expect(created.status).toBe(201)
  const [first] = await capture.waitFor(1)
  expect(first!.body).toMatchObject({ type: 'ContactCreate', locationId: location.id, email: 'ada@example.com', appId: app!.id })
  const keys = await (await fetch(`${mock.url}/_mock/keys`)).json()
  expect(verifyWebhookSignatures(first!, keys)).toEqual({ rsa: true, ed25519: true })

  await mock.clock.advance(RETRY_INTERVAL_MS - 1)
  expect(capture.requests).toHaveLength(1)
  await mock.clock.advance(RETRY_JITTER_MS + 1)
  const [, retry] = await capture.waitFor(2)
  expect(retry!.body.webhookId).toBe(first!.body.webhookId)
  expect(retry!.answered).toBe(200)
  expect(MAX_ATTEMPTS).toBe(6)
})
