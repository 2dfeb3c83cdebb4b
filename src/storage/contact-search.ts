// Contact search as SQL: turns a parsed filter tree, a sort and a page into one prepared query
// (cached by its SQL text) over the indexed columns of migration 5. It decides nothing about
// HTTP: the resource layer validates requests and builds the tree from API field names.
import type { Statement } from 'better-sqlite3'
import type { Db } from './db.js'
import { recordRowFromRaw, type RawRecordRow, type RecordRow } from './records.js'

type Json = Record<string, unknown>

/** Text fields a condition may name; each maps to one column (indexed where it matters). */
export type TextField =
  | 'id' | 'email' | 'phone' | 'firstName' | 'lastName' | 'fullName' | 'companyName' | 'assignedTo' | 'businessId'
  | 'source' | 'type' | 'city' | 'state' | 'country' | 'postalCode' | 'timezone' | 'address1' | 'website'
export type DateField = 'dateAdded' | 'dateUpdated'
export type SortField = DateField | 'firstName' | 'lastName' | 'companyName' | 'email'

/** One node of a filter tree; values of case-insensitive fields are compared lower-cased. */
export type Condition =
  | { kind: 'all' | 'any'; conditions: Condition[] }
  | { kind: 'text'; field: TextField; op: 'eq' | 'not_eq' | 'contains' | 'not_contains'; values: string[] }
  | { kind: 'exists'; field: TextField | 'tags'; negate: boolean }
  | { kind: 'range'; field: DateField; gt?: number; gte?: number; lt?: number; lte?: number }
  | { kind: 'dnd'; value: boolean }
  | { kind: 'tags'; op: 'all' | 'any' | 'none'; tags: string[] }
  /** Free text: every word must occur in the name, email, phone or company. */
  | { kind: 'query'; text: string }

export interface SortKey {
  field: SortField
  direction: 'asc' | 'desc'
}

export interface SearchSpec {
  locationId: string
  where: Condition[]
  sort: SortKey[]
  limit: number
  offset?: number
  /** Keyset cursor: the sort values of the last row seen, then its id. */
  after?: readonly (string | number)[]
}

export interface SearchPage {
  rows: RecordRow<Json>[]
  total: number
}

export interface ContactSearch {
  search(spec: SearchSpec): SearchPage
  /** How many rows of the filtered set sort at or before the cursor: the rows already paged past. */
  countThrough(spec: SearchSpec): number
  /** The sort values of a row, as a later `after` cursor expects them. */
  sortValues(row: RecordRow<Json>, sort: readonly SortKey[]): (string | number)[]
  /** The SQL and parameters a spec compiles to (for query-plan checks in tests). */
  explain(spec: SearchSpec): string[]
}

const caseless: ReadonlySet<TextField> = new Set(['email', 'firstName', 'lastName', 'fullName', 'companyName', 'source', 'type', 'city', 'state', 'country', 'postalCode', 'timezone', 'address1', 'website'])

const textColumns: Record<TextField, string> = {
  id: 'c.id',
  email: `coalesce(c.email, '')`,
  phone: `coalesce(c.phone, '')`,
  firstName: 'c.first_name_lc',
  lastName: 'c.last_name_lc',
  fullName: 'c.full_name_lc',
  companyName: 'c.company_lc',
  assignedTo: 'c.assigned_to',
  businessId: 'c.business_id',
  source: `lower(coalesce(json_extract(c.data, '$.source'), ''))`,
  type: `lower(coalesce(json_extract(c.data, '$.type'), ''))`,
  city: `lower(coalesce(json_extract(c.data, '$.city'), ''))`,
  state: `lower(coalesce(json_extract(c.data, '$.state'), ''))`,
  country: `lower(coalesce(json_extract(c.data, '$.country'), ''))`,
  postalCode: `lower(coalesce(json_extract(c.data, '$.postalCode'), ''))`,
  timezone: `lower(coalesce(json_extract(c.data, '$.timezone'), ''))`,
  address1: `lower(coalesce(json_extract(c.data, '$.address1'), ''))`,
  website: `lower(coalesce(json_extract(c.data, '$.website'), ''))`,
}
/** Equality on these uses the bare column, so the (location_id, column) index applies. */
const equalityColumns: Partial<Record<TextField, string>> = { email: 'c.email', phone: 'c.phone' }

const sortColumns: Record<SortField, string> = {
  dateAdded: 'c.created_at',
  dateUpdated: 'c.updated_at',
  firstName: 'c.first_name_lc',
  lastName: 'c.last_name_lc',
  companyName: 'c.company_lc',
  email: `coalesce(c.email, '')`,
}
const sortReaders: Record<SortField, (row: RecordRow<Json>) => string | number> = {
  dateAdded: (row) => row.createdAt,
  dateUpdated: (row) => row.updatedAt,
  firstName: (row) => lowerText(row.data.firstNameLowerCase),
  lastName: (row) => lowerText(row.data.lastNameLowerCase),
  companyName: (row) => lowerText(row.data.companyName),
  email: (row) => lowerText(row.data.email),
}

/** Words shorter than a trigram cannot use the full-text index; see `queryCondition`. */
const TRIGRAM = 3
/** Up to this many tagged contacts, a tag filter drives the query; above it, it only filters. */
const DRIVING_TAG_ROWS = 2_000
const STATEMENT_CACHE_SIZE = 256

/** How many (contact, tag) rows the location has for these tags; an index-only count. */
type TagCounter = (locationId: string, tags: readonly string[]) => number

interface Compiled {
  sql: string
  params: unknown[]
}

type RawRow = RawRecordRow

export function createContactSearch(db: Db): ContactSearch {
  const cache = new Map<string, Statement>()

  /** Prepares each distinct query shape once; values always travel as parameters. */
  function prepared(sql: string): Statement {
    let statement = cache.get(sql)
    if (statement) return statement
    statement = db.prepare(sql)
    if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!)
    cache.set(sql, statement)
    return statement
  }

  /**
   * A deferred join: the inner query finds and orders the page's rowids from indexes alone; only
   * the page's rows are then read. Sorting whole rows would copy every match's JSON into the sorter.
   */
  function pageQuery(spec: SearchSpec, counter: TagCounter): Compiled {
    const where = whereClause(spec, 'after', counter)
    const order = orderClause(spec.sort)
    const params = [...where.params, spec.limit]
    let inner = `SELECT c.rowid FROM contacts c WHERE ${where.sql} ORDER BY ${order} LIMIT ?`
    if (spec.offset && !spec.after) {
      inner += ' OFFSET ?'
      params.push(spec.offset)
    }
    const sql = `SELECT c.id, c.location_id, c.data, c.created_at, c.updated_at FROM contacts c WHERE c.rowid IN (${inner}) ORDER BY ${order}`
    return { sql, params }
  }

  function countQuery(spec: SearchSpec, cursor: 'none' | 'through', counter: TagCounter): Compiled {
    const where = whereClause(spec, cursor === 'none' ? false : 'through', counter)
    return { sql: `SELECT count(*) FROM contacts c WHERE ${where.sql}`, params: where.params }
  }

  const locationCount = db.prepare('SELECT n FROM contact_counts WHERE location_id = ?').pluck()
  /** Contacts carrying any of the tags; one tag needs no DISTINCT (its rows are one per contact). */
  function tagCount(locationId: string, tags: readonly string[]): number {
    const marks = tags.map(() => '?').join(', ')
    const sql = `SELECT count(${tags.length === 1 ? '*' : 'DISTINCT contact_id'}) FROM contact_tags WHERE location_id = ? AND tag IN (${marks})`
    return prepared(sql).pluck().get(locationId, ...tags) as number
  }
  /** Unfiltered totals come from the per-location counter, a lone tag filter from the tag index. */
  function total(spec: SearchSpec, counter: TagCounter): number {
    if (spec.where.length === 0) return (locationCount.get(spec.locationId) as number | undefined) ?? 0
    const [only] = spec.where
    if (spec.where.length === 1 && only?.kind === 'tags' && only.op !== 'none' && (only.op === 'any' || only.tags.length === 1)) {
      return counter(spec.locationId, only.tags.map((tag) => tag.trim().toLowerCase()))
    }
    const count = countQuery(spec, 'none', counter)
    return prepared(count.sql).pluck().get(...count.params) as number
  }

  /** One request's tag counter: each tag list is counted once however often the query asks. */
  function memoCounter(): TagCounter {
    const seen = new Map<string, number>()
    return (locationId, tags) => {
      const key = JSON.stringify(tags)
      let n = seen.get(key)
      if (n === undefined) seen.set(key, (n = tagCount(locationId, tags)))
      return n
    }
  }

  return {
    search(spec) {
      const counter = memoCounter()
      const page = pageQuery(spec, counter)
      const raws = prepared(page.sql).all(...page.params) as RawRow[]
      return { rows: raws.map(toRow), total: total(spec, counter) }
    },
    countThrough(spec) {
      const count = countQuery(spec, 'through', memoCounter())
      return prepared(count.sql).pluck().get(...count.params) as number
    },
    sortValues: (row, sort) => [...sort.map((key) => sortReaders[key.field](row)), row.id],
    explain(spec) {
      const page = pageQuery(spec, memoCounter())
      return (db.prepare(`EXPLAIN QUERY PLAN ${page.sql}`).all(...page.params) as { detail: string }[]).map((r) => r.detail)
    },
  }
}

const toRow = (raw: RawRow): RecordRow<Json> => recordRowFromRaw(raw)

function lowerText(value: unknown): string {
  return typeof value === 'string' ? value.toLowerCase() : ''
}

function whereClause(spec: SearchSpec, cursor: false | 'after' | 'through', tagCount: TagCounter): Compiled {
  const params: unknown[] = [spec.locationId]
  const parts = ['c.location_id = ?']
  for (const condition of spec.where) parts.push(compile(condition, spec.locationId, params, tagCount))
  if (cursor && spec.after) parts.push(keyset(spec.sort, spec.after, params, cursor === 'through'))
  return { sql: parts.join(' AND '), params }
}

function compile(condition: Condition, locationId: string, params: unknown[], tagCount: TagCounter): string {
  switch (condition.kind) {
    case 'all':
    case 'any': {
      if (condition.conditions.length === 0) return condition.kind === 'all' ? '1' : '0'
      const joiner = condition.kind === 'all' ? ' AND ' : ' OR '
      return `(${condition.conditions.map((inner) => compile(inner, locationId, params, tagCount)).join(joiner)})`
    }
    case 'text':
      return textCondition(condition, params)
    case 'exists': {
      if (condition.field === 'tags') {
        return `${condition.negate ? 'NOT ' : ''}EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = c.id)`
      }
      return `${textColumns[condition.field]} ${condition.negate ? '=' : '<>'} ''`
    }
    case 'range': {
      const column = sortColumns[condition.field]
      const bounds: string[] = []
      for (const [key, operator] of [['gt', '>'], ['gte', '>='], ['lt', '<'], ['lte', '<=']] as const) {
        const value = condition[key]
        if (value === undefined) continue
        bounds.push(`${column} ${operator} ?`)
        params.push(value)
      }
      return bounds.length > 0 ? `(${bounds.join(' AND ')})` : '1'
    }
    case 'dnd':
      params.push(condition.value ? 1 : 0)
      return 'c.dnd = ?'
    case 'tags':
      return tagCondition(condition, locationId, params, tagCount)
    case 'query':
      return queryCondition(condition.text, params)
  }
}

function textCondition(condition: Extract<Condition, { kind: 'text' }>, params: unknown[]): string {
  const values = caseless.has(condition.field) ? condition.values.map((v) => v.toLowerCase()) : condition.values
  const column = textColumns[condition.field]
  if (condition.op === 'eq' || condition.op === 'not_eq') {
    params.push(...values)
    const marks = values.map(() => '?').join(', ')
    if (condition.op === 'eq') return `${equalityColumns[condition.field] ?? column} IN (${marks})`
    return `${column} NOT IN (${marks})`
  }
  const likes = values.map((value) => {
    params.push(`%${escapeLike(value)}%`)
    return `${column} LIKE ? ESCAPE '\\'`
  })
  const any = `(${likes.join(' OR ')})`
  return condition.op === 'contains' ? any : `NOT ${any}`
}

/**
 * Tag filters. A tag carried by few contacts drives the query (its id list is probed in the
 * covering id index, then sorted); a common one is only a filter (`+c.id` keeps SQLite from
 * driving with it) while the location is walked in sort order, which stops after one page.
 */
function tagCondition(condition: Extract<Condition, { kind: 'tags' }>, locationId: string, params: unknown[], tagCount: TagCounter): string {
  const tags = condition.tags.map((tag) => tag.trim().toLowerCase())
  const having = (list: string[]) => {
    params.push(locationId, ...list)
    return `SELECT t.contact_id FROM contact_tags t WHERE t.location_id = ? AND t.tag IN (${list.map(() => '?').join(', ')})`
  }
  const member = (list: string[]) => `${tagCount(locationId, list) > DRIVING_TAG_ROWS ? '+' : ''}c.id IN (${having(list)})`
  if (condition.op === 'any') return member(tags)
  if (condition.op === 'none') return `c.id NOT IN (${having(tags)})`
  return `(${tags.map((tag) => member([tag])).join(' AND ')})`
}

/**
 * Free text. Words of three or more characters go through the trigram index (candidates), then
 * every word is checked exactly with instr(). When all words are shorter, they match the start of
 * the first name, last name, email or phone instead: a substring test would scan the location.
 */
function queryCondition(text: string, params: unknown[]): string {
  const words = queryWords(text)
  if (words.length === 0) return '1'
  const long = words.filter((word) => word.length >= TRIGRAM)
  if (long.length > 0) {
    // LIKE finds candidates through the index; instr() then rules out what a `%` or `_` inside a
    // word let through. Both read the index's own copy of the text.
    params.push(...long.map((word) => `%${word}%`), ...words)
    const likes = long.map(() => 'search_text LIKE ?').join(' AND ')
    const exact = words.map(() => 'instr(search_text, ?) > 0').join(' AND ')
    return `c.id IN (SELECT contact_id FROM contacts_fts WHERE ${likes} AND ${exact})`
  }
  const exact = words.map(() => 'instr(c.search_text, ?) > 0').join(' AND ')
  const prefixes = words.map((word) => {
    const upper = word.slice(0, -1) + String.fromCodePoint(word.codePointAt(word.length - 1)! + 1)
    params.push(word, upper, word, upper, word, upper, `+${word}`, `+${upper}`)
    return `((c.first_name_lc >= ? AND c.first_name_lc < ?) OR (c.last_name_lc >= ? AND c.last_name_lc < ?) OR (c.email >= ? AND c.email < ?) OR (c.phone >= ? AND c.phone < ?))`
  })
  params.push(...words)
  return `(${prefixes.join(' AND ')} AND ${exact})`
}

/** Lower-cased words of a free-text query; a phone number-looking query becomes its digits. */
export function queryWords(text: string): string[] {
  const trimmed = text.trim().toLowerCase()
  if (/^\+?[\d\s().-]{7,}$/.test(trimmed)) return [trimmed.replace(/\D/g, '')]
  return trimmed.split(/\s+/).filter((word) => word !== '').slice(0, 10)
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`)
}

function orderClause(sort: readonly SortKey[]): string {
  const last = sort.at(-1)?.direction ?? 'desc'
  return [...sort.map((key) => `${sortColumns[key.field]} ${key.direction.toUpperCase()}`), `c.id ${last.toUpperCase()}`].join(', ')
}

/**
 * Rows strictly after the cursor in the sort order: (k1 > v1) OR (k1 = v1 AND k2 > v2) … then id;
 * with `through`, the complement: rows before the cursor and the cursor row itself.
 */
function keyset(sort: readonly SortKey[], after: readonly (string | number)[], params: unknown[], through = false): string {
  const last = sort.at(-1)?.direction ?? 'desc'
  const keys = [...sort.map((key) => ({ column: sortColumns[key.field], direction: key.direction })), { column: 'c.id', direction: last }]
  const alternatives = keys.map((key, i) => {
    const parts = keys.slice(0, i).map((prior, j) => {
      params.push(after[j])
      return `${prior.column} = ?`
    })
    params.push(after[i])
    const forward = key.direction === 'desc' ? '<' : '>'
    const backward = key.direction === 'desc' ? '>' : '<'
    const last = i === keys.length - 1
    parts.push(`${key.column} ${through ? (last ? `${backward}=` : backward) : forward} ?`)
    return `(${parts.join(' AND ')})`
  })
  return `(${alternatives.join(' OR ')})`
}
