// Conversation create, get, update, delete and search (conversations.json). Each write and its
// events (ConversationUnreadWebhook when the unread count changes) commit in one transaction.
import type { HandlerSet, OperationHandler } from '../../handlers/handler.js'
import type { Runtime } from '../../runtime.js'
import type { ConversationFilter } from '../../storage/conversations.js'
import { ghlId } from '../../world/ids.js'
import { conversationUnreadPayload } from '../../webhooks/payloads/messages.js'
import { GhlError, namedLocation, nowOf, objectBody, pathParam, Problems, runtimeOf, type Ctx, type JsonObject } from '../kit/index.js'
import { createdView, detailView, loadContact, loadConversation, MESSAGE_TYPES, newConversation, updatedView } from './conversation-model.js'

type Json = Record<string, unknown>

export const conversationExists = () => new GhlError(400, 'Conversation already exists')

export function emitUnread(runtime: Runtime, conversation: Json): void {
  const payload = conversationUnreadPayload('ConversationUnreadWebhook', conversation)
  runtime.emit({ type: 'ConversationUnreadWebhook', locationId: String(conversation.locationId), payload })
}

/** The contact's conversation, created (and stored) when it has none; call inside a transaction. */
export function conversationOfContact(runtime: Runtime, contact: Json): { row: Json; created: boolean } {
  const locationId = String(contact.locationId)
  const existing = runtime.repos.conversations.findByContact(locationId, String(contact.id))
  if (existing) return { row: existing.data, created: false }
  const now = runtime.clock.now()
  const data = newConversation(ghlId(), contact, now, typeof contact.assignedTo === 'string' ? contact.assignedTo : undefined)
  runtime.repos.conversations.insert({ id: String(data.id), locationId, data, createdAt: now, updatedAt: now })
  return { row: data, created: true }
}

const createConversation: OperationHandler<'create-conversation'> = function createConversation(c, requestBody) {
  const runtime = runtimeOf(c)
  const body = objectBody(requestBody)
  const problems = new Problems()
  const contactId = problems.text('contactId', body.contactId, true)
  const location = namedLocation(c, body.locationId)
  problems.check()
  const contact = loadContact(c, contactId!)
  if (contact.locationId !== location.id) throw new GhlError(400, 'Contact not found')
  const result = runtime.repos.transaction(() => {
    if (runtime.repos.conversations.findByContact(location.id, contact.id)) return undefined
    return conversationOfContact(runtime, contact.data).row
  })
  if (!result) throw conversationExists()
  return c.json({ success: true, conversation: createdView(result) }, 201)
}

const getConversation: OperationHandler<'get-conversation'> = function getConversation(c) {
  const row = loadConversation(c, pathParam(c, 'conversationId'))
  return c.json(detailView(row.data))
}

const updateConversation: OperationHandler<'update-conversation'> = function updateConversation(c, requestBody) {
  const runtime = runtimeOf(c)
  const body = objectBody(requestBody) as JsonObject
  const problems = new Problems()
  const location = namedLocation(c, body.locationId)
  const unreadCount = body.unreadCount === undefined ? undefined : problems.number('unreadCount', body.unreadCount, { default: 0, min: 0 })
  const starred = problems.bool('starred', body.starred)
  // Not in UpdateConversationDto, but what the app and SDK users send to (un)assign a conversation.
  const assignedTo = body.assignedTo === null || body.assignedTo === '' ? null : problems.text('assignedTo', body.assignedTo, false)
  if (body.feedback !== undefined && (body.feedback === null || typeof body.feedback !== 'object')) problems.add('feedback must be an object')
  problems.check()
  const row = loadConversation(c, pathParam(c, 'conversationId'))
  if (row.locationId !== location.id) throw new GhlError(400, 'Conversation not found')
  const after: Json = { ...row.data, dateUpdated: nowOf(c).ms }
  if (unreadCount !== undefined) after.unreadCount = unreadCount
  if (starred !== undefined) after.starred = starred
  if (assignedTo === null) delete after.assignedTo
  else if (assignedTo !== undefined) after.assignedTo = assignedTo
  if (body.feedback !== undefined) after.feedback = body.feedback
  runtime.repos.transaction(() => {
    runtime.repos.conversations.update(row.id, after, nowOf(c).ms)
    if (after.unreadCount !== row.data.unreadCount) emitUnread(runtime, after)
  })
  return c.json({ success: true, conversation: updatedView(after) })
}

const deleteConversation: OperationHandler<'delete-conversation'> = function deleteConversation(c) {
  const { repos } = runtimeOf(c)
  const row = loadConversation(c, pathParam(c, 'conversationId'))
  repos.transaction(() => {
    repos.messages.removeByConversation(row.id)
    repos.conversations.remove(row.id)
  })
  return c.json({ success: true })
}

const STATUSES = ['all', 'read', 'unread', 'starred', 'recents'] as const
const SORT_BY = ['last_manual_message_date', 'last_message_date', 'score_profile', 'overdue_at', 'due_at'] as const

/** Reads the search query into a filter, collecting class-validator's wording for bad values. */
function searchQuery(c: Ctx) {
  const query = c.req.query()
  const problems = new Problems()
  const location = namedLocation(c, query.locationId)
  const status = problems.oneOf('status', query.status, STATUSES, 'all')
  const sort = problems.oneOf('sort', query.sort, ['asc', 'desc'] as const, 'desc')
  problems.oneOf('sortBy', query.sortBy, SORT_BY, 'last_message_date')
  const lastMessageType = problems.oneOf('lastMessageType', query.lastMessageType, MESSAGE_TYPES)
  const limit = problems.int('limit', query.limit, { default: 20, min: 1, max: 100 })
  let startAfter: number | undefined
  if (query.startAfterDate !== undefined && query.startAfterDate !== '') {
    // A number (ms) or, as some clients send it, a list of them: the first is the sort value.
    const first = query.startAfterDate.split(',')[0]!.trim()
    startAfter = /^\d+$/.test(first) ? Number(first) : Date.parse(first)
    if (!Number.isFinite(startAfter)) problems.add('startAfterDate must be a number')
  }
  problems.check()
  const filter: ConversationFilter = { locationId: location.id }
  if (query.contactId) filter.contactId = query.contactId
  if (query.id) filter.id = query.id
  if (lastMessageType) filter.lastMessageType = lastMessageType
  if (query.query) filter.text = query.query
  if (query.assignedTo) {
    filter.assignedTo = query.assignedTo.split(',').map((id) => id.trim()).filter(Boolean).map((id) => (id === 'unassigned' ? null : id))
  }
  if (status === 'unread') filter.unread = true
  if (status === 'read') filter.unread = false
  if (status === 'starred') filter.starred = true
  return { filter, page: { order: sort, limit, startAfter } }
}

const searchConversations: OperationHandler<'search-conversation'> = function searchConversations(c) {
  const { repos } = runtimeOf(c)
  const { filter, page } = searchQuery(c)
  const conversations = repos.conversations.search(filter, page).map((row) => row.data)
  return c.json({ conversations, total: repos.conversations.count(filter) })
}

export const conversationCrudHandlers: HandlerSet = {
  'create-conversation': createConversation,
  'get-conversation': getConversation,
  'update-conversation': updateConversation,
  'delete-conversation': deleteConversation,
  'search-conversation': searchConversations,
}
