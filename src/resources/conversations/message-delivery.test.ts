import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { expectMatchesEventPage } from '../../../test/support/event-schema.js'
import { createServer } from '../../server.js'
import { apiRequest, mintToken } from '../../testing.js'
import { webhookPayload } from '../../webhooks/dispatcher.js'

const START = Date.parse('2026-03-02T09:00:00.000Z')
const open = (db: string) => createServer({ db, world: 'small', clock: 'manual', clockStart: START, listen: false, logLevel: 'error' })

describe('message delivery on the clock', () => {
  it('re-arms scheduled sends and pending deliveries from the database after a restart', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'ghl-mock-messages-')), 'm.db')
    const first = await open(db)
    const locationId = first.world().locations[0]!.id
    const contact = first.runtime.repos.contacts.listByLocation(locationId, 50).find((c) => c.data.phone)!
    const token = await mintToken(first, { locationId })
    const send = async (body: Record<string, unknown>) =>
      (await (await apiRequest(first, 'POST', '/conversations/messages', { token, body: { type: 'SMS', contactId: contact.id, ...body } })).json()) as { messageId: string }
    const scheduled = await send({ message: 'in an hour', scheduledTimestamp: Math.floor(START / 1000) + 3600 })
    const now = await send({ message: 'right away' })
    await first.close()

    const second = await open(db)
    const status = (id: string) => second.runtime.repos.messages.get(id)!.data.status
    expect([status(scheduled.messageId), status(now.messageId)]).toEqual(['scheduled', 'pending'])
    await second.clock.advance(second.options.messageDeliveryMs)
    expect(status(now.messageId)).toBe('delivered')
    await second.clock.advance(3600_000 - second.options.messageDeliveryMs)
    expect(status(scheduled.messageId)).toBe('pending')
    await second.clock.advance(second.options.messageDeliveryMs)
    expect(status(scheduled.messageId)).toBe('delivered')
    await second.close()
  })

  it('an e-mail delivered by LeadConnector reports LCEmailStats; messageDeliveryMs sets the delay', async () => {
    const mock = await createServer({ world: 'small', clock: 'manual', listen: false, logLevel: 'error', messageDeliveryMs: 50 })
    const locationId = mock.world().locations[0]!.id
    const contact = mock.runtime.repos.contacts.listByLocation(locationId, 50).find((c) => c.data.email)!
    const token = await mintToken(mock, { locationId })
    const res = await apiRequest(mock, 'POST', '/conversations/messages', { token, body: { type: 'Email', contactId: contact.id, subject: 'Welcome', html: '<p>Hi</p>' } })
    const { messageId, emailMessageId } = (await res.json()) as { messageId: string; emailMessageId: string }
    await mock.clock.advance(50)
    expect(mock.runtime.repos.messages.get(messageId)!.data.status).toBe('delivered')
    const event = mock.runtime.repos.events.list(100).find((e) => e.type === 'LCEmailStats')!
    const payload = webhookPayload(event, mock.runtime.repos.apps.list()[0]!, 'webhook-id')
    expectMatchesEventPage('LCEmailStats', payload)
    expect(payload).toMatchObject({ type: 'LCEmailStats', locationId, companyId: mock.world().locations[0]!.companyId, webhookPayload: { event: 'delivered', recipient: contact.data.email } })
    expect(JSON.stringify(payload)).toContain(emailMessageId)
    await mock.close()
  })
})
