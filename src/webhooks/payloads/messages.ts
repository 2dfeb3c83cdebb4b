// Payload builders of the messaging events, one pure function per family: `(type, record) =>
// payload`, shaped as the pages in ghl-docs/webhook events/ document them. No storage, no I/O;
// the dispatcher adds the envelope (appId, timestamp, webhookId) and signs.
type Json = Record<string, unknown>

export type MessageEventType = 'InboundMessage' | 'OutboundMessage'

/** Channel names the message events use (the InboundMessage page's table), by the API's `messageType`. */
const channels: Record<string, string> = {
  TYPE_SMS: 'SMS', TYPE_EMAIL: 'Email', TYPE_CALL: 'CALL', TYPE_IVR_CALL: 'CALL', TYPE_CAMPAIGN_VOICEMAIL: 'Voicemail',
  TYPE_FACEBOOK: 'FB', TYPE_INSTAGRAM: 'IG', TYPE_GMB: 'GMB', TYPE_WHATSAPP: 'WhatsApp', TYPE_LIVE_CHAT: 'Live Chat',
  TYPE_WEBCHAT: 'Live Chat', TYPE_CUSTOM_SMS: 'SMS', TYPE_CUSTOM_PROVIDER_SMS: 'SMS', TYPE_CUSTOM_EMAIL: 'Email',
  TYPE_CUSTOM_PROVIDER_EMAIL: 'Email', TYPE_RCS: 'RCS', TYPE_TIKTOK: 'TikTok',
}

/** The event's channel name for a stored `messageType`. */
export const channelOf = (messageType: unknown): string =>
  typeof messageType === 'string' ? channels[messageType] ?? messageType.replace(/^TYPE_/, '') : 'SMS'

const isEmail = (m: Json) => channelOf(m.messageType) === 'Email'
const meta = (m: Json): Json => (m.meta !== null && typeof m.meta === 'object' ? (m.meta as Json) : {})

/**
 * InboundMessage / OutboundMessage for a stored message. E-mails carry the Email Message Schema's
 * extra fields (emailMessageId, threadId, subject, from, provider); calls their duration and status.
 */
export function messagePayload(type: string, m: Json): Json {
  const payload: Json = {
    type,
    locationId: m.locationId,
    attachments: Array.isArray(m.attachments) ? m.attachments : [],
    body: typeof m.body === 'string' ? m.body : '',
    contactId: m.contactId,
    contentType: m.contentType ?? 'text/plain',
    conversationId: m.conversationId,
    dateAdded: m.dateAdded,
    direction: m.direction,
    messageType: channelOf(m.messageType),
    messageId: m.id,
    status: m.status,
  }
  if (typeof m.userId === 'string') payload.userId = m.userId
  if (typeof m.conversationProviderId === 'string') payload.conversationProviderId = m.conversationProviderId
  if (isEmail(m)) {
    if (typeof m.emailMessageId === 'string') payload.emailMessageId = m.emailMessageId
    payload.threadId = m.threadId ?? m.emailMessageId
    if (typeof m.subject === 'string') payload.subject = m.subject
    if (typeof m.from === 'string') payload.from = m.from
    payload.provider = m.provider ?? 'Leadconnector'
  }
  const { callDuration, callStatus } = meta(m)
  if (callDuration !== undefined) payload.callDuration = Number(callDuration)
  if (typeof callStatus === 'string') payload.callStatus = callStatus
  return payload
}

/**
 * ProviderOutboundMessage: what a custom conversation provider receives to send a message on its
 * channel. Only the documented fields (the page says the shape differs from other webhooks);
 * `type` is the channel, `SMS` or `Email`.
 */
export function providerOutboundPayload(_type: 'ProviderOutboundMessage', m: Json, contact: Json): Json {
  const email = isEmail(m)
  const payload: Json = {
    contactId: m.contactId,
    locationId: m.locationId,
    messageId: m.id,
    type: email ? 'Email' : 'SMS',
    attachments: Array.isArray(m.attachments) ? m.attachments : [],
  }
  if (email) {
    if (typeof m.emailMessageId === 'string') payload.emailMessageId = m.emailMessageId
    const to = Array.isArray(m.to) ? m.to : []
    if (typeof to[0] === 'string') payload.emailTo = to[0]
    if (typeof m.from === 'string') payload.emailFrom = m.from
    payload.html = typeof m.body === 'string' ? m.body : ''
    if (typeof m.subject === 'string') payload.subject = m.subject
  } else {
    payload.message = typeof m.body === 'string' ? m.body : ''
    const phone = typeof m.toNumber === 'string' ? m.toNumber : contact.phone
    if (typeof phone === 'string') payload.phone = phone
  }
  if (typeof m.userId === 'string') payload.userId = m.userId
  return payload
}

/** ConversationUnreadWebhook: a conversation's unread state changed. */
export function conversationUnreadPayload(type: string, c: Json): Json {
  return {
    type,
    locationId: c.locationId,
    id: c.id,
    contactId: c.contactId,
    unreadCount: typeof c.unreadCount === 'number' ? c.unreadCount : 0,
    inbox: c.inbox !== false,
    starred: c.starred === true,
    deleted: c.deleted === true,
  }
}

export type EmailStatsEvent = 'delivered' | 'opened' | 'clicked'

/**
 * LCEmailStats: the mail provider's event for an e-mail sent through LeadConnector's own e-mail
 * service, in the provider's (Mailgun-style) shape under `webhookPayload`.
 */
export function emailStatsPayload(type: 'LCEmailStats', m: Json, event: EmailStatsEvent, at: number, companyId: string): Json {
  const recipient = Array.isArray(m.to) && typeof m.to[0] === 'string' ? m.to[0] : ''
  return {
    type,
    locationId: m.locationId,
    companyId,
    webhookPayload: {
      event,
      id: `${String(m.emailMessageId ?? m.id)}-${event}`,
      timestamp: Math.floor(at / 1000),
      flags: { 'is-authenticated': true, 'is-routed': false, 'is-big': false, 'is-system-test': false, 'is-test-mode': false },
      message: {
        attachments: [],
        headers: { 'message-id': `${String(m.emailMessageId ?? m.id)}@mock.leadconnectorhq.com`, from: String(m.from ?? ''), to: recipient },
        size: typeof m.body === 'string' ? m.body.length : 0,
      },
      'log-level': 'info',
      recipient,
      'recipient-domain': recipient.split('@')[1] ?? '',
      tags: [],
      'recipient-provider': 'Other',
      campaigns: [],
      'delivery-status': { 'attempt-no': 1, code: 250, message: 'OK', description: '', 'session-seconds': 0.4 },
      'user-variables': { email_message_id: m.emailMessageId, message_id: m.id },
    },
  }
}
