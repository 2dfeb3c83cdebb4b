// Messages that arrive from outside: inbound messages (a contact wrote; what a conversation
// provider posts for replies), outbound call logs, and status reports from providers.
import type { HandlerSet, OperationHandler } from '../../handlers/handler.js'
import type { Runtime } from '../../runtime.js'
import { ghlId } from '../../world/ids.js'
import { messagePayload } from '../../webhooks/payloads/messages.js'
import { GhlError, objectBody, pathParam, Problems, runtimeOf, tokenOf, type JsonObject } from '../kit/index.js'
import { CHANNEL_MESSAGE_TYPES, conversationNotFound, loadContact, loadConversation, loadMessage, messageTypeNumber } from './conversation-model.js'
import { conversationOfContact, emitUnread } from './conversations.js'
import { messageClockOf, touchConversation } from './message-delivery.js'

type Json = Record<string, unknown>

const INBOUND_TYPES = Object.keys(CHANNEL_MESSAGE_TYPES)
const CALL_STATUSES = ['pending', 'completed', 'answered', 'busy', 'no-answer', 'failed', 'canceled', 'voicemail'] as const
export const MESSAGE_STATUSES = ['delivered', 'failed', 'pending', 'read'] as const

/** The conversation the body names (or the contact's own), which must belong to the contact. */
function targetConversation(runtime: Runtime, contact: Json, conversationId: string | undefined): Json {
  if (conversationId === undefined) return conversationOfContact(runtime, contact).row
  const row = runtime.repos.conversations.get(conversationId)
  if (!row || row.locationId !== contact.locationId || row.data.contactId !== contact.id) throw conversationNotFound()
  return row.data
}

function readCall(problems: Problems, raw: unknown): Json | undefined {
  if (raw === undefined) return undefined
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.add('call must be an object')
    return undefined
  }
  const call = raw as JsonObject
  return {
    to: problems.text('call.to', call.to, false),
    from: problems.text('call.from', call.from, false),
    status: problems.oneOf('call.status', call.status, CALL_STATUSES),
  }
}

/** Records a message from a provider (inbound, or an outbound call log) and answers ProcessMessageResponseDto. */
function recordExternal(runtime: Runtime, input: { direction: 'inbound' | 'outbound'; contact: Json; conversationId?: string; record: Json; date?: number }) {
  const now = runtime.clock.now()
  const at = input.date ?? now
  const id = ghlId()
  const saved = runtime.repos.transaction(() => {
    const conversation = targetConversation(runtime, input.contact, input.conversationId)
    const record: Json = {
      id,
      locationId: input.contact.locationId,
      contactId: input.contact.id,
      conversationId: conversation.id,
      dateAdded: new Date(at).toISOString(),
      direction: input.direction,
      status: 'delivered',
      attachments: [],
      ...input.record,
    }
    runtime.repos.messages.insert({ id, locationId: String(record.locationId), data: record, createdAt: at, updatedAt: now })
    const type = input.direction === 'inbound' ? 'InboundMessage' : 'OutboundMessage'
    runtime.emit({ type, locationId: String(record.locationId), payload: messagePayload(type, record) })
    const after = touchConversation(runtime, record, now, input.direction === 'inbound' ? 1 : 0)
    if (after && input.direction === 'inbound') emitUnread(runtime, after)
    return record
  })
  const answer: Json = { success: true, conversationId: saved.conversationId, messageId: id, message: 'Message added successfully', contactId: saved.contactId, dateAdded: saved.dateAdded }
  if (typeof saved.emailMessageId === 'string') answer.emailMessageId = saved.emailMessageId
  return answer
}

function readDate(problems: Problems, raw: unknown): number | undefined {
  if (raw === undefined) return undefined
  const at = typeof raw === 'string' ? Date.parse(raw) : NaN
  if (!Number.isFinite(at)) problems.add('date must be a valid ISO 8601 date string')
  return Number.isFinite(at) ? at : undefined
}

const addInbound: OperationHandler<'add-an-inbound-message'> = function addInbound(c, requestBody) {
  const runtime = runtimeOf(c)
  const body = objectBody(requestBody)
  const problems = new Problems()
  const type = problems.oneOf('type', body.type, INBOUND_TYPES)
  if (body.type === undefined) problems.add('type should not be empty')
  const contactId = problems.text('contactId', body.contactId, true)
  const conversationId = problems.text('conversationId', body.conversationId, false)
  const providerId = problems.text('conversationProviderId', body.conversationProviderId, true)
  const message = problems.text('message', body.message, false)
  const html = problems.text('html', body.html, false)
  const subject = problems.text('subject', body.subject, false)
  const attachments = problems.strings('attachments', body.attachments) ?? []
  const emailFrom = problems.text('emailFrom', body.emailFrom, false)
  const emailTo = problems.text('emailTo', body.emailTo, false)
  const altId = problems.text('altId', body.altId, false)
  const call = readCall(problems, body.call)
  const date = readDate(problems, body.date)
  problems.check()
  const contact = loadContact(c, contactId!)
  const messageType = CHANNEL_MESSAGE_TYPES[type!]!
  const email = messageType === 'TYPE_EMAIL'
  const record: Json = {
    type: messageTypeNumber(messageType),
    messageType,
    body: email ? html ?? message ?? '' : message ?? '',
    contentType: email ? 'text/html' : 'text/plain',
    attachments,
    conversationProviderId: providerId,
  }
  if (altId) record.altId = altId
  if (email) {
    record.emailMessageId = ghlId()
    record.threadId = record.emailMessageId
    if (subject) record.subject = subject
    record.from = emailFrom ?? String(contact.data.email ?? '')
    record.to = emailTo ? [emailTo] : []
  }
  if (call) record.meta = { callStatus: call.status ?? 'completed' }
  return c.json(recordExternal(runtime, { direction: 'inbound', contact: contact.data, conversationId, record, date }))
}

const addOutboundCall: OperationHandler<'add-an-outbound-message'> = function addOutboundCall(c, requestBody) {
  const runtime = runtimeOf(c)
  const body = objectBody(requestBody)
  const problems = new Problems()
  problems.oneOf('type', body.type, ['Call'] as const)
  if (body.type === undefined) problems.add('type should not be empty')
  const conversationId = problems.text('conversationId', body.conversationId, true)
  const providerId = problems.text('conversationProviderId', body.conversationProviderId, true)
  const attachments = problems.strings('attachments', body.attachments) ?? []
  const altId = problems.text('altId', body.altId, false)
  const call = readCall(problems, body.call) ?? {}
  const date = readDate(problems, body.date)
  problems.check()
  const conversation = loadConversation(c, conversationId!)
  const contact = loadContact(c, String(conversation.data.contactId))
  const record: Json = {
    type: messageTypeNumber('TYPE_CALL'),
    messageType: 'TYPE_CALL',
    body: '',
    contentType: 'text/plain',
    attachments,
    conversationProviderId: providerId,
    meta: { callStatus: call.status ?? 'completed' },
  }
  if (tokenOf(c).userId) record.userId = tokenOf(c).userId
  if (altId) record.altId = altId
  return c.json(recordExternal(runtime, { direction: 'outbound', contact: contact.data, conversationId, record, date }))
}

/** A provider (or the app that sent it) reports what became of a message. */
const updateStatus: OperationHandler<'update-message-status'> = function updateStatus(c, requestBody) {
  const runtime = runtimeOf(c)
  const body = objectBody(requestBody)
  const problems = new Problems()
  const status = problems.oneOf('status', body.status, MESSAGE_STATUSES)
  if (body.status === undefined || body.status === '') problems.add('status should not be empty')
  const recipients = problems.strings('recipients', body.recipients)
  const error = body.error
  if (error !== undefined && (error === null || typeof error !== 'object')) problems.add('error must be an object')
  problems.check()
  const row = loadMessage(c, pathParam(c, 'messageId'))
  if (row.data.direction !== 'outbound') throw new GhlError(400, 'Only outbound messages can be updated')
  const after: Json = { ...row.data, status }
  if (status === 'failed' && error) after.error = error
  if (recipients) after.recipients = recipients
  runtime.repos.transaction(() => {
    // The reported status wins over a delivery the clock would otherwise have made up.
    if (runtime.repos.messageJobs.get(row.id)?.kind === 'deliver') runtime.repos.messageJobs.remove(row.id)
    runtime.repos.messages.update(row.id, after, runtime.clock.now())
  })
  messageClockOf(runtime).kick()
  const answer: Json = { conversationId: after.conversationId, messageId: row.id, status }
  if (typeof after.emailMessageId === 'string') answer.emailMessageId = after.emailMessageId
  return c.json(answer)
}

export const inboundHandlers: HandlerSet = {
  'add-an-inbound-message': addInbound,
  'add-an-outbound-message': addOutboundCall,
  'update-message-status': updateStatus,
}
