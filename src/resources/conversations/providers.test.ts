import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectMatchesEventPage } from '../../../test/support/event-schema.js'
import { expectConformsToSpec } from '../../../test/support/spec-conformance.js'
import { createServer, type GhlMock } from '../../server.js'
import { apiRequest, captureWebhooks, mintToken, verifyWebhookSignatures, webhooksSettled, type WebhookCapture } from '../../testing.js'
import type { App } from '../../world/model.js'

let capture: WebhookCapture
let mock: GhlMock
let provider: App
let locationId: string

beforeEach(async () => {
  capture = await captureWebhooks({ path: '/provider/outbound' })
  mock = await createServer({
    world: 'small', clock: 'manual', listen: false, logLevel: 'error',
    fixtures: {
      apps: [{
        name: 'Test SMS Gateway', scopes: ['conversations/message.readonly', 'conversations/message.write', 'conversations.readonly'],
        conversationProvider: { type: 'SMS', deliveryUrl: capture.url },
      }],
    },
  })
  provider = mock.runtime.repos.apps.list().find((app) => app.name === 'Test SMS Gateway')!
  locationId = mock.world().locations[0]!.id
  const installed = await mock.app.request('/_mock/installs', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ clientId: provider.clientId, locationId }),
  })
  expect(installed.status).toBeLessThan(300)
})
afterEach(async () => {
  await mock.close()
  await capture.close()
})

describe('conversation providers', () => {
  it('round trip: outbound → signed ProviderOutboundMessage → status from the provider → inbound reply', async () => {
    const contact = mock.runtime.repos.contacts.listByLocation(locationId, 50).find((c) => typeof c.data.phone === 'string')!
    const user = await mintToken(mock, { locationId })
    const sent = await (await apiRequest(mock, 'POST', '/conversations/messages', { token: user, body: { type: 'SMS', contactId: contact.id, message: 'Your code is 1234' } })).json() as Record<string, string>

    await webhooksSettled(mock)
    const [delivery] = await capture.waitFor(1)
    expect(verifyWebhookSignatures(delivery!, { webhookRsa: mock.keys.webhookRsa.publicPem, webhookEd25519: mock.keys.webhookEd25519.publicPem })).toEqual({ rsa: true, ed25519: true })
    expectMatchesEventPage('ProviderOutboundMessage', delivery!.body)
    expect(delivery!.body).toMatchObject({
      type: 'SMS', locationId, contactId: contact.id, messageId: sent.messageId, phone: contact.data.phone, message: 'Your code is 1234', attachments: [],
    })

    // The provider owns the status: the clock does not deliver it.
    await mock.clock.advance(mock.options.messageDeliveryMs * 2)
    const stored = mock.runtime.repos.messages.get(sent.messageId!)!.data
    expect(stored).toMatchObject({ status: 'pending', conversationProviderId: provider.conversationProvider!.id })

    const providerToken = await mintToken(mock, { locationId, clientId: provider.clientId })
    const status = await apiRequest(mock, 'PUT', `/conversations/messages/${sent.messageId}/status`, { token: providerToken, body: { status: 'delivered' } })
    await expectConformsToSpec('update-message-status', status)
    expect(mock.runtime.repos.messages.get(sent.messageId!)!.data.status).toBe('delivered')

    const reply = await apiRequest(mock, 'POST', '/conversations/messages/inbound', {
      token: providerToken,
      body: { type: 'SMS', contactId: contact.id, conversationId: sent.conversationId, conversationProviderId: provider.conversationProvider!.id, message: 'Thanks!' },
    })
    const replied = await expectConformsToSpec('add-an-inbound-message', reply)
    const inbound = mock.runtime.repos.events.list(100).filter((e) => e.type === 'InboundMessage').at(-1)!
    expect(inbound.payload).toMatchObject({ messageId: replied.messageId, conversationProviderId: provider.conversationProvider!.id, body: 'Thanks!', direction: 'inbound' })
    expect(capture.requests).toHaveLength(1)
  })

  it('leaves other channels and other locations to HighLevel', async () => {
    const user = await mintToken(mock, { locationId })
    const contact = mock.runtime.repos.contacts.listByLocation(locationId, 50).find((c) => typeof c.data.email === 'string')!
    const email = await (await apiRequest(mock, 'POST', '/conversations/messages', { token: user, body: { type: 'Email', contactId: contact.id, html: '<p>hi</p>', subject: 's' } })).json() as Record<string, string>
    const elsewhere = mock.world().locations[1]!.id
    const other = mock.runtime.repos.contacts.listByLocation(elsewhere, 50).find((c) => typeof c.data.phone === 'string')!
    const sms = await (await apiRequest(mock, 'POST', '/conversations/messages', { token: await mintToken(mock, { locationId: elsewhere }), body: { type: 'SMS', contactId: other.id, message: 'hi' } })).json() as Record<string, string>
    await webhooksSettled(mock)
    await mock.clock.advance(mock.options.messageDeliveryMs)
    expect(capture.requests).toHaveLength(0)
    expect(mock.runtime.repos.messages.get(email.messageId!)!.data.status).toBe('delivered')
    expect(mock.runtime.repos.messages.get(sms.messageId!)!.data.status).toBe('delivered')
  })
})
