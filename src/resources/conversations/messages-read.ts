// Reading messages: one by id, one e-mail by its e-mail id, a conversation's messages newest
// first (lastMessageId paging), and a location's export (cursor paging).
import type { HandlerSet, OperationHandler } from '../../handlers/handler.js'
import { GhlError, mayActOnLocationId, namedLocation, pathParam, Problems, runtimeOf } from '../kit/index.js'
import { CHANNEL_MESSAGE_TYPES, loadConversation, loadMessage, MESSAGE_TYPES, messageNotFound } from './conversation-model.js'

type Json = Record<string, unknown>

/** The spec's `type` filter also names TYPE_INTERNAL_COMMENTS (plural); stored comments are singular. */
const typeAliases: Record<string, string> = { TYPE_INTERNAL_COMMENTS: 'TYPE_INTERNAL_COMMENT' }

function readTypes(problems: Problems, raw: string | undefined, name = 'type'): string[] | undefined {
  if (raw === undefined || raw === '') return undefined
  const types = raw.split(',').map((t) => t.trim()).filter(Boolean).map((t) => typeAliases[t] ?? t)
  for (const type of types) if (!(MESSAGE_TYPES as readonly string[]).includes(type)) problems.add(`${name} must be one of the following values: ${MESSAGE_TYPES.join(', ')}`)
  return types
}

const getMessage: OperationHandler<'get-message'> = (c) => c.json(loadMessage(c, pathParam(c, 'id')).data)

const getMessages: OperationHandler<'get-messages'> = function getMessages(c) {
  const { repos } = runtimeOf(c)
  const query = c.req.query()
  const problems = new Problems()
  const limit = problems.int('limit', query.limit, { default: 20, min: 1, max: 100 })
  const types = readTypes(problems, query.type)
  problems.check()
  const conversation = loadConversation(c, pathParam(c, 'conversationId'))
  let before: { createdAt: number; id: string } | undefined
  if (query.lastMessageId) {
    const last = repos.messages.get(query.lastMessageId)
    if (!last || last.data.conversationId !== conversation.id) throw messageNotFound()
    before = { createdAt: last.createdAt, id: last.id }
  }
  // One row more than the page says whether another page follows.
  const rows = repos.messages.page(conversation.id, { limit: limit + 1, before, types })
  const page = rows.slice(0, limit)
  return c.json({ lastMessageId: page.at(-1)?.id ?? '', nextPage: rows.length > limit, messages: page.map((row) => row.data) })
}

const getEmail: OperationHandler<'get-email-by-id'> = function getEmail(c) {
  const { repos } = runtimeOf(c)
  const id = pathParam(c, 'id')
  const row = repos.messages.getByEmailId(id) ?? repos.messages.get(id)
  if (!row || row.data.messageType !== 'TYPE_EMAIL' || !mayActOnLocationId(c, row.locationId)) throw new GhlError(400, 'Email not found')
  const m = row.data
  const view: Json = {
    id: m.emailMessageId ?? m.id,
    threadId: m.threadId ?? m.emailMessageId ?? m.id,
    locationId: m.locationId,
    contactId: m.contactId,
    conversationId: m.conversationId,
    dateAdded: m.dateAdded,
    body: m.body ?? '',
    direction: m.direction,
    status: m.status,
    contentType: m.contentType ?? 'text/html',
    attachments: m.attachments ?? [],
    provider: typeof m.conversationProviderId === 'string' ? 'custom' : 'Leadconnector',
    from: m.from ?? '',
    to: m.to ?? [],
    source: m.source ?? 'api',
  }
  for (const key of ['subject', 'cc', 'bcc', 'altId', 'conversationProviderId'] as const) if (m[key] !== undefined) view[key] = m[key]
  if (typeof m.replyMessageId === 'string') view.replyToMessageId = m.replyMessageId
  return c.json(view)
}

const CHANNELS = Object.keys(CHANNEL_MESSAGE_TYPES)

/** Export: a location's messages oldest first; `cursor` is the id of the last message of the previous page. */
const exportMessages: OperationHandler<'export-messages-by-location'> = function exportMessages(c) {
  const { repos } = runtimeOf(c)
  const query = c.req.query()
  const problems = new Problems()
  const location = namedLocation(c, query.locationId)
  const limit = problems.int('limit', query.limit, { default: 100, min: 10, max: 500 })
  const channel = problems.oneOf('channel', query.channel, CHANNELS)
  problems.check()
  const types = channel ? [CHANNEL_MESSAGE_TYPES[channel]!] : undefined
  let after: { createdAt: number; id: string } | undefined
  if (query.cursor) {
    const last = repos.messages.getInLocation(location.id, query.cursor)
    if (!last) throw new GhlError(400, 'Invalid cursor')
    after = { createdAt: last.createdAt, id: last.id }
  }
  const rows = repos.messages.listByLocationAndType(location.id, types, limit + 1, after)
  const page = rows.slice(0, limit)
  const answer: Json = { messages: page.map((row) => row.data), total: repos.messages.countByLocationAndType(location.id, types) }
  if (rows.length > limit) answer.nextCursor = page.at(-1)!.id
  return c.json(answer)
}

export const readHandlers: HandlerSet = {
  'get-message': getMessage,
  'get-messages': getMessages,
  'get-email-by-id': getEmail,
  'export-messages-by-location': exportMessages,
}
