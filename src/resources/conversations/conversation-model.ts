// The conversation record and its views: what is stored (the seed's shape), what each operation
// answers (the spec has a different DTO per operation), tenant-safe loading and the message-type
// vocabulary shared by the message endpoints.
import { GhlError } from '../../errors.js'
import type { RecordRow } from '../../storage/records.js'
import { mayActOnLocationId, runtimeOf, type Ctx } from '../kit/index.js'

type Json = Record<string, unknown>

/** HighLevel answers unknown ids with 400 (the spec lists no 404 for these operations). */
export const conversationNotFound = () => new GhlError(400, 'Conversation not found')
export const messageNotFound = () => new GhlError(400, 'Message not found')
export const contactNotFound = () => new GhlError(400, 'Contact not found')

/** Every `messageType` in the spec's order; a message's numeric `type` is its position + 1 (SMS = 2, as seeded). */
export const MESSAGE_TYPES = [
  'TYPE_CALL', 'TYPE_SMS', 'TYPE_EMAIL', 'TYPE_SMS_REVIEW_REQUEST', 'TYPE_WEBCHAT', 'TYPE_SMS_NO_SHOW_REQUEST',
  'TYPE_CAMPAIGN_SMS', 'TYPE_CAMPAIGN_CALL', 'TYPE_CAMPAIGN_EMAIL', 'TYPE_CAMPAIGN_VOICEMAIL', 'TYPE_FACEBOOK',
  'TYPE_CAMPAIGN_FACEBOOK', 'TYPE_CAMPAIGN_MANUAL_CALL', 'TYPE_CAMPAIGN_MANUAL_SMS', 'TYPE_GMB', 'TYPE_CAMPAIGN_GMB',
  'TYPE_REVIEW', 'TYPE_INSTAGRAM', 'TYPE_WHATSAPP', 'TYPE_CUSTOM_SMS', 'TYPE_CUSTOM_EMAIL', 'TYPE_CUSTOM_PROVIDER_SMS',
  'TYPE_CUSTOM_PROVIDER_EMAIL', 'TYPE_IVR_CALL', 'TYPE_ACTIVITY_CONTACT', 'TYPE_ACTIVITY_INVOICE', 'TYPE_ACTIVITY_PAYMENT',
  'TYPE_ACTIVITY_OPPORTUNITY', 'TYPE_LIVE_CHAT', 'TYPE_LIVE_CHAT_INFO_MESSAGE', 'TYPE_ACTIVITY_APPOINTMENT',
  'TYPE_FACEBOOK_COMMENT', 'TYPE_INSTAGRAM_COMMENT', 'TYPE_CUSTOM_CALL', 'TYPE_INTERNAL_COMMENT',
  'TYPE_ACTIVITY_EMPLOYEE_ACTION_LOG', 'TYPE_TIKTOK', 'TYPE_TIKTOK_COMMENT', 'TYPE_ACTIVITY_WHATSAPP',
  'TYPE_FORM_SUBMISSION', 'TYPE_SMS_REACTION', 'TYPE_RCS',
] as const

export const messageTypeNumber = (messageType: string): number => MESSAGE_TYPES.indexOf(messageType as never) + 1 || 2

/** The `type` of a send/inbound body → the stored `messageType`. */
export const CHANNEL_MESSAGE_TYPES: Record<string, string> = {
  SMS: 'TYPE_SMS', RCS: 'TYPE_RCS', Email: 'TYPE_EMAIL', WhatsApp: 'TYPE_WHATSAPP', GMB: 'TYPE_GMB', IG: 'TYPE_INSTAGRAM',
  FB: 'TYPE_FACEBOOK', Custom: 'TYPE_CUSTOM_SMS', WebChat: 'TYPE_WEBCHAT', Live_Chat: 'TYPE_LIVE_CHAT', Call: 'TYPE_CALL',
  IVR_Call: 'TYPE_IVR_CALL', Campaign_Call: 'TYPE_CAMPAIGN_CALL', Campaign_VoiceMail: 'TYPE_CAMPAIGN_VOICEMAIL',
  TIKTOK: 'TYPE_TIKTOK', ALL_IN_ONE_CHAT: 'TYPE_LIVE_CHAT', FORM_SUBMISSION: 'TYPE_FORM_SUBMISSION',
}

/** The conversation's channel family, by its first message (search's `type`). */
export function conversationTypeFor(messageType: string): string {
  if (messageType.includes('EMAIL')) return 'TYPE_EMAIL'
  if (messageType === 'TYPE_FACEBOOK' || messageType === 'TYPE_INSTAGRAM') return 'TYPE_FB_MESSENGER'
  return 'TYPE_PHONE'
}

const CONVERSATION_TYPE_NUMBERS: Record<string, number> = { TYPE_PHONE: 1, TYPE_EMAIL: 2, TYPE_FB_MESSENGER: 3, TYPE_REVIEW: 4, TYPE_GROUP_SMS: 5 }

const iso = (value: unknown): string => new Date(typeof value === 'number' ? value : Date.parse(String(value))).toISOString()

/** A new, empty conversation of a contact. Dates are ms, as search answers them. */
export function newConversation(id: string, contact: Json, now: number, assignedTo?: string): Json {
  const name = [contact.firstName, contact.lastName].filter((p) => typeof p === 'string' && p !== '').join(' ')
  const conversation: Json = {
    id,
    contactId: contact.id,
    locationId: contact.locationId,
    lastMessageBody: '',
    type: 'TYPE_PHONE',
    unreadCount: 0,
    fullName: name || String(contact.contactName ?? ''),
    contactName: String(contact.contactName ?? name),
    inbox: true,
    starred: false,
    deleted: false,
    dateAdded: now,
    dateUpdated: now,
    lastMessageDate: now,
  }
  if (typeof contact.email === 'string') conversation.email = contact.email
  if (typeof contact.phone === 'string') conversation.phone = contact.phone
  if (assignedTo) conversation.assignedTo = assignedTo
  return conversation
}

/** POST /conversations/ answers ISO dates (ConversationCreateResponseDto). */
export function createdView(c: Json): Json {
  const view: Json = {
    id: c.id, dateUpdated: iso(c.dateUpdated), dateAdded: iso(c.dateAdded), deleted: c.deleted === true,
    contactId: c.contactId, locationId: c.locationId, lastMessageDate: iso(c.lastMessageDate),
  }
  if (typeof c.assignedTo === 'string') view.assignedTo = c.assignedTo
  return view
}

/** GET /conversations/:id (GetConversationByIdResponse: `type` is a number). */
export function detailView(c: Json): Json {
  const view: Json = { ...c, type: CONVERSATION_TYPE_NUMBERS[String(c.type)] ?? 1 }
  return view
}

/** PUT /conversations/:id (ConversationDto: lastMessageDate is a string of ms). */
export function updatedView(c: Json): Json {
  const view: Json = {
    id: c.id, locationId: c.locationId, contactId: c.contactId, lastMessageBody: c.lastMessageBody ?? '',
    lastMessageDate: String(c.lastMessageDate), unreadCount: c.unreadCount ?? 0, inbox: c.inbox !== false,
    starred: c.starred === true, deleted: c.deleted === true,
  }
  if (typeof c.assignedTo === 'string') view.assignedTo = c.assignedTo
  if (typeof c.userId === 'string') view.userId = c.userId
  if (typeof c.lastMessageType === 'string') view.lastMessageType = c.lastMessageType
  return view
}

/** The conversation if the caller may see it; another tenant's id reads as an unknown one. */
export function loadConversation(c: Ctx, id: string): RecordRow<Json> {
  const row = runtimeOf(c).repos.conversations.get(id)
  if (!row || !mayActOnLocationId(c, row.locationId)) throw conversationNotFound()
  return row
}

export function loadMessage(c: Ctx, id: string): RecordRow<Json> {
  const row = runtimeOf(c).repos.messages.get(id)
  if (!row || !mayActOnLocationId(c, row.locationId)) throw messageNotFound()
  return row
}

export function loadContact(c: Ctx, id: string): RecordRow<Json> {
  const row = runtimeOf(c).repos.contacts.get(id)
  if (!row || !mayActOnLocationId(c, row.locationId)) throw contactNotFound()
  return row
}
