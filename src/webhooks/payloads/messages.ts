// InboundMessage / OutboundMessage payloads from a stored conversation message, and
// ConversationUnreadWebhook from a stored conversation, as their pages document them. Pure.
// (The conversations work replaces this file with its own builders of the same signatures.)
type Json = Record<string, unknown>

export type MessageEventType = 'InboundMessage' | 'OutboundMessage'

/** Channel names the message events use (the InboundMessage page's table), by the API's `messageType`. */
const channels: Record<string, string> = {
  TYPE_SMS: 'SMS', TYPE_EMAIL: 'Email', TYPE_CALL: 'Call', TYPE_VOICEMAIL: 'Voicemail', TYPE_FACEBOOK: 'FB',
  TYPE_INSTAGRAM: 'IG', TYPE_GMB: 'GMB', TYPE_WHATSAPP: 'WhatsApp', TYPE_LIVE_CHAT: 'Live Chat', TYPE_WEBCHAT: 'Live Chat',
}
export const channelOf = (messageType: unknown): string =>
  typeof messageType === 'string' ? channels[messageType] ?? messageType.replace(/^TYPE_/, '') : 'SMS'

/** A message as InboundMessage / OutboundMessage; `userId` only when a user sent it. */
export function messagePayload(type: string, message: Json): Json {
  const payload: Json = {
    type,
    locationId: message.locationId,
    attachments: message.attachments ?? [],
    body: message.body ?? '',
    contactId: message.contactId,
    contentType: message.contentType ?? 'text/plain',
    conversationId: message.conversationId,
    dateAdded: message.dateAdded,
    direction: message.direction ?? (type === 'OutboundMessage' ? 'outbound' : 'inbound'),
    messageType: channelOf(message.messageType),
    messageId: message.id,
    status: message.status ?? 'delivered',
  }
  if (typeof message.userId === 'string') payload.userId = message.userId
  return payload
}

/** ConversationUnreadWebhook: `{type, locationId, id, contactId, unreadCount, inbox, starred, deleted}`, unset fields left out. */
export function conversationUnreadPayload(type: string, conversation: Json): Json {
  const payload: Json = { type, locationId: conversation.locationId }
  for (const field of ['id', 'contactId', 'unreadCount', 'inbox', 'starred', 'deleted'] as const) {
    if (conversation[field] !== undefined && conversation[field] !== null) payload[field] = conversation[field]
  }
  return payload
}
