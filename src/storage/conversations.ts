// The conversations and messages repositories: the generic record operations plus inbox search,
// newest-first message pages, e-mail id lookup and the persistent message job queue. Search SQL
// is assembled from fixed fragments per filter shape and prepared once per shape; values are bound.
import type { Db } from './db.js'
import { createRecordRepo, recordRowFromRaw, type RawRecordRow, type RecordRepo, type RecordRow } from './records.js'

type Json = Record<string, unknown>
type Statement = ReturnType<Db['prepare']>

/** What an inbox search keeps; absent fields do not filter. */
export interface ConversationFilter {
  locationId: string
  id?: string
  contactId?: string
  /** Any of these assignees; `null` in the list matches unassigned conversations. */
  assignedTo?: readonly (string | null)[]
  lastMessageType?: string
  unread?: boolean
  starred?: boolean
  /** Case-insensitive substring of name, e-mail, phone or last message. */
  text?: string
}

export interface ConversationPage {
  order: 'asc' | 'desc'
  limit: number
  /** Rows strictly after this last-message time, in `order` (HighLevel's `startAfterDate`). */
  startAfter?: number
}

export interface ConversationRepo extends RecordRepo<Json> {
  search(filter: ConversationFilter, page: ConversationPage): RecordRow<Json>[]
  count(filter: ConversationFilter): number
  /** The contact's most recent conversation in the location. */
  findByContact(locationId: string, contactId: string): RecordRow<Json> | undefined
  explain(filter: ConversationFilter, page: ConversationPage): string[]
}

/** Newest first: `before` is the (createdAt, id) of the last message of the previous page. */
export interface MessagePage {
  limit: number
  before?: { createdAt: number; id: string }
  types?: readonly string[]
}

export interface MessageRepo extends RecordRepo<Json> {
  page(conversationId: string, page: MessagePage): RecordRow<Json>[]
  getByEmailId(emailMessageId: string): RecordRow<Json> | undefined
  /** Oldest first within a location (export), after this (createdAt, id). */
  listByLocationAndType(locationId: string, types: readonly string[] | undefined, limit: number, after?: { createdAt: number; id: string }): RecordRow<Json>[]
  countByLocationAndType(locationId: string, types: readonly string[] | undefined): number
  removeByConversation(conversationId: string): number
  explainPage(conversationId: string, page: MessagePage): string[]
}

export type MessageJobKind = 'send' | 'deliver'

export interface MessageJob {
  messageId: string
  locationId: string
  kind: MessageJobKind
  dueAt: number
}

/** Work the clock owes messages; at most one job per message. */
export interface MessageJobRepo {
  put(job: MessageJob): void
  get(messageId: string): MessageJob | undefined
  remove(messageId: string): boolean
  due(now: number, limit: number): MessageJob[]
  nextDueAt(): number | undefined
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)
const ms = (value: unknown, fallback: number): number => {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && value !== '') {
    const parsed = /^\d+$/.test(value) ? Number(value) : Date.parse(value)
    if (Number.isFinite(parsed)) return parsed
  }
  return fallback
}

function conversationColumns(c: Json): Record<string, string | number | null> {
  const searchable = [c.fullName, c.contactName, c.email, c.phone, c.lastMessageBody].map((v) => (typeof v === 'string' ? v : ''))
  return {
    contact_id: text(c.contactId),
    last_message_at: ms(c.lastMessageDate, ms(c.dateAdded, 0)),
    last_message_type: text(c.lastMessageType),
    assigned_to: text(c.assignedTo),
    unread_count: typeof c.unreadCount === 'number' ? c.unreadCount : 0,
    starred: c.starred === true ? 1 : 0,
    search_text: searchable.join(' ').toLowerCase(),
  }
}
const conversationColumnNames = ['contact_id', 'last_message_at', 'last_message_type', 'assigned_to', 'unread_count', 'starred', 'search_text']

function messageColumns(m: Json): Record<string, string | number | null> {
  return { conversation_id: String(m.conversationId), message_type: text(m.messageType), email_message_id: text(m.emailMessageId) }
}

const ROW = 'id, location_id, data, created_at, updated_at'

function cached(db: Db) {
  const cache = new Map<string, Statement>()
  return (key: string, build: () => string): Statement => {
    let statement = cache.get(key)
    if (!statement) {
      statement = db.prepare(build())
      cache.set(key, statement)
    }
    return statement
  }
}

function conversationWhere(filter: ConversationFilter) {
  const clauses = ['location_id = @locationId']
  const params: Record<string, string | number> = { locationId: filter.locationId }
  const shape: string[] = []
  const equal = (column: string, name: string, value: string | number | undefined) => {
    if (value === undefined) return
    clauses.push(`${column} = @${name}`)
    params[name] = value
    shape.push(name)
  }
  equal('id', 'id', filter.id)
  equal('contact_id', 'contactId', filter.contactId)
  equal('last_message_type', 'lastMessageType', filter.lastMessageType)
  if (filter.starred !== undefined) equal('starred', 'starred', filter.starred ? 1 : 0)
  if (filter.unread !== undefined) {
    clauses.push(filter.unread ? 'unread_count > 0' : 'unread_count = 0')
    shape.push(filter.unread ? 'unread' : 'read')
  }
  if (filter.assignedTo !== undefined) {
    const ids = filter.assignedTo.filter((id): id is string => id !== null)
    const parts = ids.map((_, i) => `@assignee${i}`)
    ids.forEach((id, i) => (params[`assignee${i}`] = id))
    const alternatives = [parts.length > 0 ? `assigned_to IN (${parts.join(', ')})` : '', filter.assignedTo.includes(null) ? 'assigned_to IS NULL' : '']
    clauses.push(`(${alternatives.filter(Boolean).join(' OR ') || '0'})`)
    shape.push(`assignees${ids.length}${filter.assignedTo.includes(null) ? 'null' : ''}`)
  }
  if (filter.text !== undefined) {
    clauses.push('instr(search_text, @text) > 0')
    params.text = filter.text.toLowerCase()
    shape.push('text')
  }
  return { sql: clauses.join(' AND '), params, key: shape.join(',') }
}

export function createConversationRepo(db: Db): ConversationRepo {
  const base = createRecordRepo<Json>(db, 'conversations', conversationColumns, conversationColumnNames)
  const prepared = cached(db)
  // A contact's conversations are few: their own index; anything else walks the inbox in order.
  const indexFor = (filter: ConversationFilter) =>
    filter.id !== undefined ? '' : filter.contactId !== undefined ? 'INDEXED BY conversations_by_location_contact' : 'INDEXED BY conversations_inbox'

  function searchStatement(filter: ConversationFilter, page: ConversationPage) {
    const where = conversationWhere(filter)
    const direction = page.order === 'asc' ? 'ASC' : 'DESC'
    const params: Record<string, string | number> = { ...where.params, limit: page.limit }
    const cursor = page.startAfter === undefined ? '' : ` AND last_message_at ${page.order === 'asc' ? '>' : '<'} @startAfter`
    if (page.startAfter !== undefined) params.startAfter = page.startAfter
    const index = indexFor(filter)
    const statement = prepared(`search|${where.key}|${direction}|${cursor !== ''}|${index}`, () => {
      const ids = `SELECT rowid FROM conversations ${index} WHERE ${where.sql}${cursor}
        ORDER BY last_message_at ${direction}, id ${direction} LIMIT @limit`
      return `SELECT ${ROW} FROM conversations WHERE rowid IN (${ids}) ORDER BY last_message_at ${direction}, id ${direction}`
    })
    return { statement, params }
  }

  /** Equality filters read the totals table: the same clauses over its columns ('' = none). */
  function countFromTotals(filter: ConversationFilter): number {
    const clauses = ['location_id = @locationId']
    const params: Record<string, string | number> = { locationId: filter.locationId }
    const shape: string[] = []
    if (filter.lastMessageType !== undefined) {
      clauses.push('last_message_type = @lastMessageType')
      params.lastMessageType = filter.lastMessageType
      shape.push('type')
    }
    if (filter.starred !== undefined) {
      clauses.push('starred = @starred')
      params.starred = filter.starred ? 1 : 0
      shape.push('starred')
    }
    if (filter.unread !== undefined) {
      clauses.push('unread = @unread')
      params.unread = filter.unread ? 1 : 0
      shape.push('unread')
    }
    if (filter.assignedTo !== undefined) {
      const ids = filter.assignedTo.map((id) => id ?? '')
      clauses.push(ids.length > 0 ? `assigned_to IN (${ids.map((_, i) => `@assignee${i}`).join(', ')})` : '0')
      ids.forEach((id, i) => (params[`assignee${i}`] = id))
      shape.push(`assignees${ids.length}`)
    }
    const statement = prepared(`totals|${shape.join(',')}`, () => `SELECT coalesce(sum(count), 0) AS n FROM conversation_totals WHERE ${clauses.join(' AND ')}`)
    return (statement.get(params) as { n: number }).n
  }

  const byContact = db.prepare(
    `SELECT ${ROW} FROM conversations WHERE location_id = ? AND contact_id = ? ORDER BY last_message_at DESC, id DESC LIMIT 1`,
  )

  return {
    ...base,
    search(filter, page) {
      const { statement, params } = searchStatement(filter, page)
      return (statement.all(params) as RawRecordRow[]).map((raw) => recordRowFromRaw<Json>(raw))
    },
    count(filter) {
      if (filter.id === undefined && filter.contactId === undefined && filter.text === undefined) return countFromTotals(filter)
      const where = conversationWhere(filter)
      const index = indexFor(filter)
      const statement = prepared(`count|${where.key}|${index}`, () => `SELECT count(*) AS n FROM conversations ${index} WHERE ${where.sql}`)
      return (statement.get(where.params) as { n: number }).n
    },
    findByContact(locationId, contactId) {
      const raw = byContact.get(locationId, contactId) as RawRecordRow | undefined
      return raw ? recordRowFromRaw<Json>(raw) : undefined
    },
    explain(filter, page) {
      const { statement, params } = searchStatement(filter, page)
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${statement.source}`).all(params) as { detail: string }[]
      return plan.map((row) => row.detail)
    },
  }
}

export function createMessageRepo(db: Db): MessageRepo {
  const base = createRecordRepo<Json>(db, 'messages', messageColumns, ['conversation_id', 'message_type', 'email_message_id'])
  const prepared = cached(db)
  const byEmailId = db.prepare(`SELECT ${ROW} FROM messages WHERE email_message_id = ?`)
  const removeByConversation = db.prepare('DELETE FROM messages WHERE conversation_id = ?')

  function pageStatement(conversationId: string, page: MessagePage) {
    const params: Record<string, string | number> = { conversationId, limit: page.limit }
    const clauses = ['conversation_id = @conversationId']
    if (page.before) {
      clauses.push('(created_at, id) < (@beforeAt, @beforeId)')
      params.beforeAt = page.before.createdAt
      params.beforeId = page.before.id
    }
    const types = page.types ?? []
    if (types.length > 0) {
      clauses.push(`message_type IN (${types.map((_, i) => `@type${i}`).join(', ')})`)
      types.forEach((type, i) => (params[`type${i}`] = type))
    }
    const statement = prepared(`page|${page.before ? 'before' : 'first'}|${types.length}`, () => {
      const ids = `SELECT rowid FROM messages INDEXED BY messages_page WHERE ${clauses.join(' AND ')}
        ORDER BY created_at DESC, id DESC LIMIT @limit`
      return `SELECT ${ROW} FROM messages WHERE rowid IN (${ids}) ORDER BY created_at DESC, id DESC`
    })
    return { statement, params }
  }

  function locationWhere(locationId: string, types: readonly string[] | undefined) {
    const params: Record<string, string | number> = { locationId }
    const list = types ?? []
    list.forEach((type, i) => (params[`type${i}`] = type))
    const sql = list.length > 0 ? `location_id = @locationId AND message_type IN (${list.map((_, i) => `@type${i}`).join(', ')})` : 'location_id = @locationId'
    return { sql, params, key: String(list.length) }
  }

  return {
    ...base,
    page(conversationId, page) {
      const { statement, params } = pageStatement(conversationId, page)
      return (statement.all(params) as RawRecordRow[]).map((raw) => recordRowFromRaw<Json>(raw))
    },
    getByEmailId(emailMessageId) {
      const raw = byEmailId.get(emailMessageId) as RawRecordRow | undefined
      return raw ? recordRowFromRaw<Json>(raw) : undefined
    },
    listByLocationAndType(locationId, types, limit, after) {
      const where = locationWhere(locationId, types)
      const params: Record<string, string | number> = { ...where.params, limit }
      if (after) {
        params.afterAt = after.createdAt
        params.afterId = after.id
      }
      const statement = prepared(`export|${where.key}|${after !== undefined}`, () =>
        `SELECT ${ROW} FROM messages WHERE ${where.sql}${after ? ' AND (created_at, id) > (@afterAt, @afterId)' : ''}
         ORDER BY created_at, id LIMIT @limit`,
      )
      return (statement.all(params) as RawRecordRow[]).map((raw) => recordRowFromRaw<Json>(raw))
    },
    countByLocationAndType(locationId, types) {
      const where = locationWhere(locationId, types)
      const statement = prepared(`exportCount|${where.key}`, () => `SELECT count(*) AS n FROM messages WHERE ${where.sql}`)
      return (statement.get(where.params) as { n: number }).n
    },
    removeByConversation: (conversationId) => removeByConversation.run(conversationId).changes,
    explainPage(conversationId, page) {
      const { statement, params } = pageStatement(conversationId, page)
      return (db.prepare(`EXPLAIN QUERY PLAN ${statement.source}`).all(params) as { detail: string }[]).map((row) => row.detail)
    },
  }
}

interface RawJob {
  message_id: string
  location_id: string
  kind: MessageJobKind
  due_at: number
}
const jobOf = (raw: RawJob): MessageJob => ({ messageId: raw.message_id, locationId: raw.location_id, kind: raw.kind, dueAt: raw.due_at })

export function createMessageJobRepo(db: Db): MessageJobRepo {
  const statements = {
    put: db.prepare(
      `INSERT INTO message_jobs (message_id, location_id, kind, due_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(message_id) DO UPDATE SET kind = excluded.kind, due_at = excluded.due_at`,
    ),
    get: db.prepare('SELECT message_id, location_id, kind, due_at FROM message_jobs WHERE message_id = ?'),
    remove: db.prepare('DELETE FROM message_jobs WHERE message_id = ?'),
    due: db.prepare('SELECT message_id, location_id, kind, due_at FROM message_jobs WHERE due_at <= ? ORDER BY due_at, message_id LIMIT ?'),
    next: db.prepare('SELECT min(due_at) AS at FROM message_jobs'),
  }
  return {
    put: (job) => void statements.put.run(job.messageId, job.locationId, job.kind, job.dueAt),
    get(messageId) {
      const raw = statements.get.get(messageId) as RawJob | undefined
      return raw ? jobOf(raw) : undefined
    },
    remove: (messageId) => statements.remove.run(messageId).changes > 0,
    due: (now, limit) => (statements.due.all(now, limit) as RawJob[]).map(jobOf),
    nextDueAt: () => (statements.next.get() as { at: number | null }).at ?? undefined,
  }
}
