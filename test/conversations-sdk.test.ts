// The official SDK's conversation methods against the mock: the request shapes it builds (paths,
// query names, Version header) reach the stateful handlers and its typed answers hold real data.
import { HighLevel } from '@gohighlevel/api-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type GhlMock } from '../src/server.js'
import { mintToken } from '../src/testing.js'

let mock: GhlMock
beforeAll(async () => {
  mock = await createServer({ port: 0, world: 'small', clock: 'manual', logLevel: 'error' })
})
afterAll(() => mock.close())

describe('the official SDK: conversations', () => {
  it('searches, sends, pages, updates and records an inbound reply', async () => {
    const locationId = mock.world().locations[0]!.id
    const ghl = new HighLevel({ privateIntegrationToken: await mintToken(mock, { locationId }), logLevel: 'error' })
    ghl.getHttpClient().defaults.baseURL = mock.url
    const { conversations } = ghl

    const inbox = await conversations.searchConversation({ locationId, limit: 10 })
    expect(inbox.total).toBe(2)
    const first = inbox.conversations![0]!

    // What real clients send: no subType, no status.
    const sent = await conversations.sendANewMessage({ type: 'SMS', contactId: first.contactId, message: 'Sent with the SDK' } as never)
    expect(sent).toMatchObject({ conversationId: first.id, status: 'pending' })

    const page = await conversations.getMessages({ conversationId: first.id, limit: 1 })
    expect(page.messages![0]).toMatchObject({ id: sent.messageId, body: 'Sent with the SDK' })
    expect(page.nextPage).toBe(true)
    const older = await conversations.getMessages({ conversationId: first.id, limit: 50, lastMessageId: page.lastMessageId })
    expect(older.messages!.map((m) => m.id)).not.toContain(sent.messageId)

    const updated = await conversations.updateConversation({ conversationId: first.id }, { locationId, starred: true, unreadCount: 0 })
    expect(updated.conversation).toMatchObject({ id: first.id, starred: true, unreadCount: 0 })
    expect(await conversations.getConversation({ conversationId: first.id })).toMatchObject({ id: first.id, starred: true })

    const reply = await conversations.addAnInboundMessage({ type: 'SMS', conversationId: first.id, contactId: first.contactId, conversationProviderId: 'sdk-provider', message: 'Reply' })
    expect(reply).toMatchObject({ success: true, conversationId: first.id })
    expect(await conversations.getMessage({ id: reply.messageId })).toMatchObject({ direction: 'inbound', body: 'Reply' })

    await mock.clock.advance(mock.options.messageDeliveryMs)
    expect(await conversations.getMessage({ id: sent.messageId })).toMatchObject({ status: 'delivered' })
  })
})
