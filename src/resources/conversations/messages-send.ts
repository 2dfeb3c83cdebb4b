// POST /conversations/messages (every `type` of SendMessageBodyDto) and cancelling scheduled
// messages. A message lands in the contact's conversation (created when missing); sending,
// delivery and scheduled sends are message-delivery.ts's, on the clock.
import type { HandlerSet, OperationHandler } from '../../handlers/handler.js'
import type { RecordRow } from '../../storage/records.js'
import { ghlId } from '../../world/ids.js'
import { GhlError, mayActOnLocationId, objectBody, pathParam, Problems, runtimeOf, tokenOf, type Ctx } from '../kit/index.js'
import { CHANNEL_MESSAGE_TYPES, conversationTypeFor, loadContact, messageNotFound, messageTypeNumber } from './conversation-model.js'
import { conversationOfContact } from './conversations.js'
import { messageClockOf, sendNow } from './message-delivery.js'

type Json = Record<string, unknown>

export const SEND_TYPES = ['SMS', 'RCS', 'Email', 'WhatsApp', 'IG', 'FB', 'Custom', 'Live_Chat', 'TIKTOK'] as const

/** `scheduledTimestamp` is in seconds (the spec's example); a value that can only be ms is taken as ms. */
const scheduledAt = (value: number): number => (value > 100_000_000_000 ? value : value * 1000)

const sendMessage: OperationHandler<'send-a-new-message'> = function sendMessage(c, requestBody) {
  const runtime = runtimeOf(c)
  const body = objectBody(requestBody)
  const problems = new Problems()
  const type = problems.oneOf('type', body.type, SEND_TYPES)
  if (body.type === undefined) problems.add('type should not be empty')
  const contactId = problems.text('contactId', body.contactId, true)
  const message = problems.text('message', body.message, false)
  const html = problems.text('html', body.html, false)
  const subject = problems.text('subject', body.subject, false)
  const attachments = problems.strings('attachments', body.attachments) ?? []
  const emailCc = problems.strings('emailCc', body.emailCc)
  const emailBcc = problems.strings('emailBcc', body.emailBcc)
  const emailFrom = problems.text('emailFrom', body.emailFrom, false)
  const emailTo = problems.text('emailTo', body.emailTo, false)
  const fromNumber = problems.text('fromNumber', body.fromNumber, false)
  const toNumber = problems.text('toNumber', body.toNumber, false)
  const threadId = problems.text('threadId', body.threadId, false)
  const providerId = problems.text('conversationProviderId', body.conversationProviderId, false)
  const scheduled = body.scheduledTimestamp === undefined ? undefined : problems.number('scheduledTimestamp', body.scheduledTimestamp, { default: 0, min: 0 })
  problems.check()
  const email = type === 'Email'
  if (email ? !html && !message && attachments.length === 0 : !message && attachments.length === 0) {
    throw new GhlError(422, [email ? 'html or message should not be empty' : 'message should not be empty'])
  }
  const contact = loadContact(c, contactId!)
  const to = emailTo ?? (typeof contact.data.email === 'string' ? contact.data.email : undefined)
  if (email && !to) throw new GhlError(400, 'Contact does not have an email address')
  const phone = toNumber ?? contact.data.phone
  if ((type === 'SMS' || type === 'WhatsApp' || type === 'RCS') && typeof phone !== 'string') throw new GhlError(400, 'Contact does not have a phone number')

  const now = runtime.clock.now()
  const dueAt = scheduled !== undefined && scheduled > 0 ? scheduledAt(scheduled) : undefined
  const messageType = CHANNEL_MESSAGE_TYPES[type!]!
  const auth = tokenOf(c)
  const id = ghlId()
  const record: Json = {
    id,
    type: messageTypeNumber(messageType),
    messageType,
    locationId: contact.locationId,
    contactId: contact.id,
    conversationId: '',
    dateAdded: new Date(now).toISOString(),
    body: email ? html ?? message ?? '' : message ?? '',
    direction: 'outbound',
    status: dueAt !== undefined && dueAt > now ? 'scheduled' : 'pending',
    contentType: email ? 'text/html' : 'text/plain',
    attachments,
    source: 'api',
  }
  if (auth.userId) record.userId = auth.userId
  if (providerId) record.conversationProviderId = providerId
  if (fromNumber) record.fromNumber = fromNumber
  if (toNumber) record.toNumber = toNumber
  if (typeof body.appointmentId === 'string') record.appointmentId = body.appointmentId
  if (typeof body.replyMessageId === 'string') record.replyMessageId = body.replyMessageId
  if (email) {
    record.emailMessageId = ghlId()
    record.threadId = threadId ?? record.emailMessageId
    if (subject) record.subject = subject
    record.from = emailFrom ?? auth.userId ?? ''
    record.to = [to]
    if (emailCc) record.cc = emailCc
    if (emailBcc) record.bcc = emailBcc
    record.meta = { email: { messageIds: [record.emailMessageId] } }
  }

  const saved = runtime.repos.transaction(() => {
    const { row: conversation } = conversationOfContact(runtime, contact.data)
    record.conversationId = conversation.id
    if (conversation.lastMessageType === undefined) {
      runtime.repos.conversations.update(String(conversation.id), { ...conversation, type: conversationTypeFor(messageType) }, now)
    }
    runtime.repos.messages.insert({ id, locationId: contact.locationId, data: record, createdAt: now, updatedAt: now })
    if (record.status === 'scheduled') {
      runtime.repos.messageJobs.put({ messageId: id, locationId: contact.locationId, kind: 'send', dueAt: dueAt! })
      return record
    }
    return sendNow(runtime, record)
  })
  messageClockOf(runtime).kick()
  const answer: Json = { conversationId: saved.conversationId, messageId: id, msg: 'Message queued successfully.', status: 'pending' }
  if (email) {
    answer.emailMessageId = saved.emailMessageId
    answer.messageIds = [id]
  }
  return c.json(answer)
}

/** Cancels a message whose send is still waiting for the clock: the message is removed. */
function cancelScheduled(c: Ctx, row: RecordRow<Json> | undefined): Response {
  const runtime = runtimeOf(c)
  if (!row) throw messageNotFound()
  const job = runtime.repos.messageJobs.get(row.id)
  if (row.data.status !== 'scheduled' || job?.kind !== 'send') throw new GhlError(400, 'Failed cancel the scheduled message')
  // A cancelled send leaves nothing in the conversation (its job goes with it: ON DELETE CASCADE).
  runtime.repos.messages.remove(row.id)
  messageClockOf(runtime).kick()
  return c.json({ status: 200, message: 'Scheduled message cancelled successfully' })
}

/** Another tenant's message reads as an unknown one. */
const visible = (c: Ctx, row: RecordRow<Json> | undefined) => (row && mayActOnLocationId(c, row.locationId) ? row : undefined)

const cancelScheduledMessage: OperationHandler<'cancel-scheduled-message'> = (c) =>
  cancelScheduled(c, visible(c, runtimeOf(c).repos.messages.get(pathParam(c, 'messageId'))))

const cancelScheduledEmail: OperationHandler<'cancel-scheduled-email-message'> = (c) =>
  cancelScheduled(c, visible(c, runtimeOf(c).repos.messages.getByEmailId(pathParam(c, 'emailMessageId'))))

export const sendHandlers: HandlerSet = {
  'send-a-new-message': sendMessage,
  'cancel-scheduled-message': cancelScheduledMessage,
  'cancel-scheduled-email-message': cancelScheduledEmail,
}
