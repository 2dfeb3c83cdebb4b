import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectMatchesEventPage } from '../../../test/support/event-schema.js'
import { expectConformsToSpec } from '../../../test/support/spec-conformance.js'
import { startKit, type Kit } from '../../../test/support/location-kit.js'
import { webhookPayload } from '../../webhooks/dispatcher.js'

let kit: Kit
beforeEach(async () => {
  kit = await startKit()
})
afterEach(() => kit.mock.close())

type Json = Record<string, any>
const loc = () => kit.locations[0]!.id
const repos = () => kit.mock.runtime.repos

/** A contact of the location with e-mail and phone and no conversation yet. */
function freshContact(locationId = loc()): Json {
  const contact = repos().contacts.listByLocation(locationId, 500).find((c) => c.data.email && c.data.phone && !repos().conversations.findByContact(locationId, c.id))
  if (!contact) throw new Error('no fresh contact')
  return contact.data
}

const eventsOf = (type: string) => repos().events.list(500).filter((e) => e.type === type)
/** What an app receives for the latest event of this type. */
const delivered = (type: string) => webhookPayload(eventsOf(type).at(-1)!, repos().apps.list()[0]!, 'webhook-id')

async function send(body: Json): Promise<Json> {
  return expectConformsToSpec('send-a-new-message', await kit.call('POST', '/conversations/messages', { body }))
}
async function messageOf(id: string): Promise<Json> {
  return expectConformsToSpec('get-message', await kit.call('GET', `/conversations/messages/${id}`))
}

describe('messages', () => {
  it('sends an SMS into a new conversation: pending, OutboundMessage, then delivered on the clock', async () => {
    const contact = freshContact()
    const sent = await send({ type: 'SMS', contactId: contact.id, message: 'Hello from the API' })
    expect(sent).toMatchObject({ status: 'pending', msg: 'Message queued successfully.' })
    const conversation = repos().conversations.findByContact(loc(), contact.id)!
    expect(sent.conversationId).toBe(conversation.id)
    expect(conversation.data).toMatchObject({ lastMessageBody: 'Hello from the API', lastMessageType: 'TYPE_SMS', lastMessageDirection: 'outbound' })
    expect(await messageOf(sent.messageId)).toMatchObject({ id: sent.messageId, status: 'pending', direction: 'outbound', messageType: 'TYPE_SMS', type: 2, body: 'Hello from the API' })

    const outbound = delivered('OutboundMessage')
    expectMatchesEventPage('OutboundMessage', outbound)
    expect(outbound).toMatchObject({ type: 'OutboundMessage', locationId: loc(), messageId: sent.messageId, contactId: contact.id, conversationId: sent.conversationId, direction: 'outbound', messageType: 'SMS', body: 'Hello from the API' })

    await kit.mock.clock.advance(kit.mock.options.messageDeliveryMs - 1)
    expect((await messageOf(sent.messageId)).status).toBe('pending')
    await kit.mock.clock.advance(1)
    expect((await messageOf(sent.messageId)).status).toBe('delivered')

    // The conversation is at the top of the inbox.
    const inbox = await expectConformsToSpec('search-conversation', await kit.call('GET', `/conversations/search?locationId=${loc()}&limit=1`))
    expect(inbox.conversations[0].id).toBe(sent.conversationId)
  })

  it('accepts every type the spec lists, with only type, contactId and message (or subject/html)', async () => {
    const contact = freshContact()
    const expected: Record<string, string> = {
      SMS: 'TYPE_SMS', RCS: 'TYPE_RCS', Email: 'TYPE_EMAIL', WhatsApp: 'TYPE_WHATSAPP', IG: 'TYPE_INSTAGRAM', FB: 'TYPE_FACEBOOK',
      Custom: 'TYPE_CUSTOM_SMS', Live_Chat: 'TYPE_LIVE_CHAT', TIKTOK: 'TYPE_TIKTOK',
    }
    const ids = new Set<string>()
    for (const [type, messageType] of Object.entries(expected)) {
      const body = type === 'Email' ? { type, contactId: contact.id, subject: 'Hi', html: '<p>Hi</p>' } : { type, contactId: contact.id, message: `via ${type}` }
      const sent = await send(body)
      ids.add(sent.conversationId)
      const stored = await messageOf(sent.messageId)
      expect(stored.messageType, type).toBe(messageType)
      if (type === 'Email') {
        expect(sent.emailMessageId).toBeTruthy()
        const email = await expectConformsToSpec('get-email-by-id', await kit.call('GET', `/conversations/messages/email/${sent.emailMessageId}`))
        expect(email).toMatchObject({ id: sent.emailMessageId, subject: 'Hi', body: '<p>Hi</p>', to: [contact.email], direction: 'outbound' })
      }
    }
    expect(ids.size).toBe(1) // one conversation per contact, whatever the channel
  })

  it('sends a scheduled message when the clock reaches it; a cancelled one never goes', async () => {
    const contact = freshContact()
    const at = Math.floor((kit.mock.clock.now() + 60_000) / 1000)
    const later = await send({ type: 'SMS', contactId: contact.id, message: 'later', scheduledTimestamp: at })
    const never = await send({ type: 'SMS', contactId: contact.id, message: 'never', scheduledTimestamp: at })
    expect((await messageOf(later.messageId)).status).toBe('scheduled')
    expect(eventsOf('OutboundMessage')).toHaveLength(0)

    const cancelled = await expectConformsToSpec('cancel-scheduled-message', await kit.call('DELETE', `/conversations/messages/${never.messageId}/schedule`))
    expect(cancelled).toMatchObject({ status: 200 })
    const twice = await kit.call('DELETE', `/conversations/messages/${never.messageId}/schedule`)
    expect(twice.status).toBe(400)

    await kit.mock.clock.advance(59_000)
    expect((await messageOf(later.messageId)).status).toBe('scheduled')
    await kit.mock.clock.advance(1_000)
    expect((await messageOf(later.messageId)).status).toBe('pending')
    expect(eventsOf('OutboundMessage').map((e) => e.payload.messageId)).toEqual([later.messageId])
    await kit.mock.clock.advance(kit.mock.options.messageDeliveryMs)
    expect((await messageOf(later.messageId)).status).toBe('delivered')
    expect((await kit.call('GET', `/conversations/messages/${never.messageId}`)).status).toBe(400)
    expect(repos().conversations.findByContact(loc(), contact.id)!.data.lastMessageBody).toBe('later')
  })

  it('records an inbound message: InboundMessage, unread count up, conversation to the top', async () => {
    const inbox = await expectConformsToSpec('search-conversation', await kit.call('GET', `/conversations/search?locationId=${loc()}&sort=asc`))
    const oldest = inbox.conversations[0]
    const reply = await expectConformsToSpec('add-an-inbound-message', await kit.call('POST', '/conversations/messages/inbound', {
      body: { type: 'SMS', conversationId: oldest.id, contactId: oldest.contactId, conversationProviderId: 'prov-1', message: 'Inbound hello' },
    }))
    expect(reply).toMatchObject({ success: true, conversationId: oldest.id, contactId: oldest.contactId })
    const conversation = await expectConformsToSpec('get-conversation', await kit.call('GET', `/conversations/${oldest.id}`))
    expect(conversation.unreadCount).toBe(oldest.unreadCount + 1)
    const top = await expectConformsToSpec('search-conversation', await kit.call('GET', `/conversations/search?locationId=${loc()}`))
    expect(top.conversations[0]).toMatchObject({ id: oldest.id, lastMessageBody: 'Inbound hello' })

    const inbound = delivered('InboundMessage')
    expectMatchesEventPage('InboundMessage', inbound)
    expect(inbound).toMatchObject({ type: 'InboundMessage', messageId: reply.messageId, direction: 'inbound', messageType: 'SMS', conversationProviderId: 'prov-1', body: 'Inbound hello' })
    const unread = delivered('ConversationUnreadWebhook')
    expectMatchesEventPage('ConversationUnreadWebhook', unread)
    expect(unread).toMatchObject({ id: oldest.id, unreadCount: oldest.unreadCount + 1 })

    const email = await kit.call('POST', '/conversations/messages/inbound', {
      body: { type: 'Email', conversationId: oldest.id, contactId: oldest.contactId, conversationProviderId: 'prov-1', subject: 'Re: hi', html: '<p>Thanks</p>', emailFrom: 'a@b.test' },
    })
    expect(email.status).toBe(200)
    expectMatchesEventPage('InboundMessage', delivered('InboundMessage'), 1)
  })

  it('logs outbound calls and takes status reports', async () => {
    const conversation = repos().conversations.listByLocation(loc(), 1)[0]!
    const call = await expectConformsToSpec('add-an-outbound-message', await kit.call('POST', '/conversations/messages/outbound', {
      body: { type: 'Call', conversationId: conversation.id, conversationProviderId: 'prov-1', call: { to: '+15550001111', from: '+15550002222', status: 'completed' } },
    }))
    const logged = await messageOf(call.messageId)
    expect(logged).toMatchObject({ messageType: 'TYPE_CALL', direction: 'outbound', meta: { callStatus: 'completed' } })
    expectMatchesEventPage('OutboundMessage', delivered('OutboundMessage'))

    const sent = await send({ type: 'SMS', contactId: conversation.data.contactId, message: 'status me' })
    const failed = await expectConformsToSpec('update-message-status', await kit.call('PUT', `/conversations/messages/${sent.messageId}/status`, {
      body: { status: 'failed', error: { code: '1', type: 'saas', message: 'carrier rejected' } },
    }))
    expect(failed).toMatchObject({ messageId: sent.messageId, status: 'failed' })
    // A reported status is final: the clock does not make it delivered.
    await kit.mock.clock.advance(kit.mock.options.messageDeliveryMs)
    expect(await messageOf(sent.messageId)).toMatchObject({ status: 'failed' })
    const bad = await kit.call('PUT', `/conversations/messages/${sent.messageId}/status`, { body: { status: 'lost' } })
    expect(bad.status).toBe(422)
    expect((await bad.json()).message).toEqual(['status must be one of the following values: delivered, failed, pending, read'])
  })

  it('pages a conversation newest first with lastMessageId, unaffected by messages arriving meanwhile', async () => {
    const contact = freshContact()
    const sent: string[] = []
    for (let i = 0; i < 25; i++) {
      sent.push((await send({ type: 'SMS', contactId: contact.id, message: `m${i}` })).messageId)
      await kit.mock.clock.advance(1000)
    }
    const conversationId = repos().conversations.findByContact(loc(), contact.id)!.id
    const seen: string[] = []
    let lastMessageId = ''
    for (let pageNo = 0; pageNo < 10; pageNo++) {
      const qs = `limit=10${lastMessageId ? `&lastMessageId=${lastMessageId}` : ''}`
      const page = await expectConformsToSpec('get-messages', await kit.call('GET', `/conversations/${conversationId}/messages?${qs}`))
      seen.push(...page.messages.map((m: Json) => m.id))
      // Concurrent writes land at the top, never inside the pages still to come.
      await send({ type: 'SMS', contactId: contact.id, message: `during ${pageNo}` })
      if (!page.nextPage) break
      lastMessageId = page.lastMessageId
    }
    expect(seen).toEqual([...sent].reverse())
    const typed = await expectConformsToSpec('get-messages', await kit.call('GET', `/conversations/${conversationId}/messages?type=TYPE_EMAIL`))
    expect(typed).toEqual({ lastMessageId: '', nextPage: false, messages: [] })
  })

  it('keeps tenants apart and refuses bad input', async () => {
    const foreignLocation = kit.locations[1]!.id
    const foreignConversation = repos().conversations.listByLocation(foreignLocation, 1)[0]!
    const foreignMessage = repos().messages.page(foreignConversation.id, { limit: 1 })[0]!
    const foreignContact = repos().contacts.listByLocation(foreignLocation, 1)[0]!
    const cases: [string, string, unknown, string][] = [
      ['GET', `/conversations/messages/${foreignMessage.id}`, undefined, 'Message not found'],
      ['GET', `/conversations/${foreignConversation.id}/messages`, undefined, 'Conversation not found'],
      ['PUT', `/conversations/messages/${foreignMessage.id}/status`, { status: 'read' }, 'Message not found'],
      ['POST', '/conversations/messages', { type: 'SMS', contactId: foreignContact.id, message: 'x' }, 'Contact not found'],
      ['POST', '/conversations/messages/inbound', { type: 'SMS', contactId: foreignContact.id, conversationId: foreignConversation.id, conversationProviderId: 'p', message: 'x' }, 'Contact not found'],
    ]
    for (const [method, path, body, message] of cases) {
      const res = await kit.call(method, path, { body })
      expect(res.status, `${method} ${path}`).toBe(400)
      expect(await res.json()).toMatchObject({ statusCode: 400, message })
    }
    const contact = freshContact()
    const invalid = await kit.call('POST', '/conversations/messages', { body: { type: 'Pigeon', contactId: contact.id, message: 'x' } })
    expect(invalid.status).toBe(422)
    expect((await invalid.json()).message).toEqual(['type must be one of the following values: SMS, RCS, Email, WhatsApp, IG, FB, Custom, Live_Chat, TIKTOK'])
    const empty = await kit.call('POST', '/conversations/messages', { body: { type: 'SMS', contactId: contact.id } })
    expect(empty.status).toBe(422)
    const noProvider = await kit.call('POST', '/conversations/messages/inbound', { body: { type: 'SMS', contactId: contact.id, message: 'x' } })
    expect(noProvider.status).toBe(422)
    expect((await noProvider.json()).message).toEqual(['conversationProviderId should not be empty'])
    const badPage = await kit.call('GET', `/conversations/${foreignConversation.id}/messages?limit=abc`)
    expect(badPage.status).toBe(422)
  })
})
