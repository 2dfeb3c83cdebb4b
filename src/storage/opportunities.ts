// The opportunities repository: the generic record operations plus search, totals and the upsert
// match. Search SQL is assembled from fixed fragments per filter shape and prepared once per
// shape; values are always bound. Which filters exist and what they mean is the resource's call.
import type { Db } from './db.js'
import { createRecordRepo, recordRowFromRaw, type Cursor, type RawRecordRow, type RecordRepo, type RecordRow } from './records.js'

type Json = Record<string, unknown>
type Statement = ReturnType<Db['prepare']>

/** What a search keeps; absent fields do not filter. All equality except `text` and the date range. */
export interface OpportunityFilter {
  locationId: string
  id?: string
  pipelineId?: string
  pipelineStageId?: string
  /** Any of these statuses (empty or absent: every status). */
  statuses?: readonly string[]
  assignedTo?: string
  contactId?: string
  /** Case-insensitive substring of the name. */
  text?: string
  /** The opportunity's contact has this e-mail (compared lower-cased) or this exact phone. */
  contactEmail?: string
  contactPhone?: string
  /** Created at or after (ms). */
  createdFrom?: number
  /** Created at or before (ms). */
  createdTo?: number
}

export interface OpportunityPage {
  order: 'asc' | 'desc'
  limit: number
  /** Keyset cursor: rows strictly after this one in `order`. Takes precedence over `offset`. */
  after?: Cursor
  offset?: number
}

/** Count and value sum of the matching opportunities in one pipeline stage. */
export interface StageTotal {
  pipelineId: string
  pipelineStageId: string
  count: number
  monetaryValue: number
}

export interface OpportunityRepo extends RecordRepo<Json> {
  search(filter: OpportunityFilter, page: OpportunityPage): RecordRow<Json>[]
  /** Per-stage totals of everything `filter` matches (not just one page); their counts sum to the total. */
  totals(filter: OpportunityFilter): StageTotal[]
  /** The newest opportunity of this contact in this pipeline (the upsert match when duplicates are off). */
  findByContactAndPipeline(locationId: string, contactId: string, pipelineId: string): RecordRow<Json> | undefined
  /** The query plan SQLite picks for a search, for tests that guard against table scans. */
  explain(filter: OpportunityFilter, page: OpportunityPage): string[]
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)
const number = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0)

/** The indexed columns, derived from the API-shaped record on every write. */
function columnsOf(o: Json): Record<string, string | number | null> {
  return {
    pipeline_id: String(o.pipelineId),
    contact_id: text(o.contactId),
    name_lower: (text(o.name) ?? '').toLowerCase(),
    pipeline_stage_id: text(o.pipelineStageId),
    status: text(o.status) ?? 'open',
    assigned_to: text(o.assignedTo),
    monetary_value: number(o.monetaryValue),
  }
}
const columnNames = ['pipeline_id', 'contact_id', 'name_lower', 'pipeline_stage_id', 'status', 'assigned_to', 'monetary_value']

const ROW = 'id, location_id, data, created_at, updated_at'

type RawRow = RawRecordRow

/** The WHERE clause and its bound values for a filter; `key` names its shape for the statement cache. */
function whereOf(filter: OpportunityFilter, table: 'opportunities' | 'opportunity_totals') {
  const clauses = ['location_id = @locationId']
  const params: Record<string, string | number> = { locationId: filter.locationId }
  const shape: string[] = []
  function equal(column: string, name: string, value: string | undefined) {
    if (value === undefined) return
    clauses.push(`${column} = @${name}`)
    params[name] = value
    shape.push(name)
  }
  equal('id', 'id', filter.id)
  equal('pipeline_id', 'pipelineId', filter.pipelineId)
  equal('pipeline_stage_id', 'pipelineStageId', filter.pipelineStageId)
  equal('assigned_to', 'assignedTo', filter.assignedTo)
  equal('contact_id', 'contactId', filter.contactId)
  const statuses = filter.statuses ?? []
  if (statuses.length > 0) {
    clauses.push(`status IN (${statuses.map((_, i) => `@status${i}`).join(', ')})`)
    statuses.forEach((status, i) => (params[`status${i}`] = status))
    shape.push(`status${statuses.length}`)
  }
  if (table === 'opportunities') {
    if (filter.text !== undefined) {
      // Both sides lower-cased in JS (Unicode-aware, unlike SQLite's LIKE); instr is a literal match.
      clauses.push('instr(name_lower, @textLower) > 0')
      params.textLower = filter.text.toLowerCase()
      shape.push('text')
    }
    // Contacts are found through their own e-mail and phone indexes, then opportunities by contact.
    if (filter.contactEmail !== undefined) {
      clauses.push('contact_id IN (SELECT id FROM contacts WHERE location_id = @locationId AND email = @contactEmail)')
      params.contactEmail = filter.contactEmail.toLowerCase()
      shape.push('email')
    }
    if (filter.contactPhone !== undefined) {
      clauses.push('contact_id IN (SELECT id FROM contacts WHERE location_id = @locationId AND phone = @contactPhone)')
      params.contactPhone = filter.contactPhone
      shape.push('phone')
    }
    if (filter.createdFrom !== undefined) {
      clauses.push('created_at >= @createdFrom')
      params.createdFrom = filter.createdFrom
      shape.push('from')
    }
    if (filter.createdTo !== undefined) {
      clauses.push('created_at <= @createdTo')
      params.createdTo = filter.createdTo
      shape.push('to')
    }
  }
  return { sql: clauses.join(' AND '), params, key: shape.join(',') }
}

/** Filters the totals table can answer: it has no names, contacts, ids or dates. */
const totalsCanAnswer = (f: OpportunityFilter) =>
  f.id === undefined && f.contactId === undefined && f.text === undefined && f.contactEmail === undefined &&
  f.contactPhone === undefined && f.createdFrom === undefined && f.createdTo === undefined

/**
 * Which index a search reads. An id or a contact (by id, e-mail or phone) picks its own index (few
 * rows); so does a single equality filter (its index is in sort order, so a page stops after
 * `limit` rows). Anything else (text, dates, several filters, several statuses) walks the covering
 * index in sort order, testing every filter on the index entry and stopping after `limit`
 * matches: SQLite, without statistics, would otherwise pick one filter's index and read each
 * candidate's JSON row, or sort all matches.
 */
function indexFor(filter: OpportunityFilter): string {
  if (filter.id !== undefined) return ''
  const byContact = filter.contactId ?? filter.contactEmail ?? filter.contactPhone
  if (byContact !== undefined) return 'INDEXED BY opportunities_by_location_contact'
  const equalities = [filter.pipelineId, filter.pipelineStageId, filter.assignedTo].filter((v) => v !== undefined).length
  const statuses = filter.statuses?.length ?? 0
  const other = filter.text !== undefined || filter.createdFrom !== undefined || filter.createdTo !== undefined
  if (!other && equalities + statuses <= 1) return ''
  return COVERING
}

const COVERING = 'INDEXED BY opportunities_search'
/** Below this many rows, one filter's own index plus reading those rows beats walking the covering index. */
const SMALL_RANGE = 2000

interface TotalsRow {
  pipelineId: string
  stageId: string
  status: string
  assignedTo: string
  count: number
}

/**
 * Sizes a combined equality filter with the totals table before running it: nothing matches →
 * no query at all; one of its filters selects few rows → that filter's index (few rows to test);
 * otherwise the covering index in sort order (many matches: the page fills early).
 */
function planCombined(filter: OpportunityFilter, totals: TotalsRow[]): { index: string; empty: boolean } {
  const statuses = filter.statuses ?? []
  const candidates: { index: string; keep: (row: TotalsRow) => boolean }[] = []
  if (filter.pipelineId !== undefined) candidates.push({ index: 'opportunities_by_pipeline', keep: (r) => r.pipelineId === filter.pipelineId })
  if (filter.pipelineStageId !== undefined) candidates.push({ index: 'opportunities_by_stage', keep: (r) => r.stageId === filter.pipelineStageId })
  if (filter.assignedTo !== undefined) candidates.push({ index: 'opportunities_by_assignee', keep: (r) => r.assignedTo === filter.assignedTo })
  if (statuses.length === 1) candidates.push({ index: 'opportunities_by_status', keep: (r) => r.status === statuses[0] })
  const matchesAll = (r: TotalsRow) => candidates.every((c) => c.keep(r)) && (statuses.length === 0 || statuses.includes(r.status))
  const size = (keep: (row: TotalsRow) => boolean) => totals.reduce((sum, r) => (keep(r) ? sum + r.count : sum), 0)
  if (size(matchesAll) === 0) return { index: COVERING, empty: true }
  const smallest = candidates.map((c) => ({ index: c.index, size: size(c.keep) })).sort((a, b) => a.size - b.size)[0]
  if (smallest && smallest.size <= SMALL_RANGE) return { index: `INDEXED BY ${smallest.index}`, empty: false }
  return { index: COVERING, empty: false }
}

export function createOpportunityRepo(db: Db): OpportunityRepo {
  const base = createRecordRepo<Json>(db, 'opportunities', columnsOf, columnNames)
  const cache = new Map<string, Statement>()
  const prepared = (key: string, build: () => string) => {
    let statement = cache.get(key)
    if (!statement) {
      statement = db.prepare(build())
      cache.set(key, statement)
    }
    return statement
  }
  const locationTotals = db.prepare(
    `SELECT pipeline_id AS pipelineId, pipeline_stage_id AS stageId, status, assigned_to AS assignedTo, count
     FROM opportunity_totals WHERE location_id = ? AND count > 0`,
  )
  function plan(filter: OpportunityFilter): { index: string; empty: boolean } {
    const index = indexFor(filter)
    if (index !== COVERING || !totalsCanAnswer(filter)) return { index, empty: false }
    return planCombined(filter, locationTotals.all(filter.locationId) as TotalsRow[])
  }
  const byContactAndPipeline = db.prepare(
    `SELECT ${ROW} FROM opportunities WHERE location_id = ? AND contact_id = ? AND pipeline_id = ?
     ORDER BY created_at DESC, id DESC LIMIT 1`,
  )

  const toRow = (raw: RawRow): RecordRow<Json> => recordRowFromRaw(raw)

  function searchStatement(filter: OpportunityFilter, page: OpportunityPage) {
    const where = whereOf(filter, 'opportunities')
    const direction = page.order === 'asc' ? 'ASC' : 'DESC'
    const params: Record<string, string | number> = { ...where.params, limit: page.limit }
    let cursor = ''
    if (page.after) {
      cursor = ` AND (created_at, id) ${page.order === 'asc' ? '>' : '<'} (@afterCreatedAt, @afterId)`
      params.afterCreatedAt = page.after.createdAt
      params.afterId = page.after.id
    } else {
      params.offset = page.offset ?? 0
    }
    const { index, empty } = plan(filter)
    const key = `search|${where.key}|${direction}|${page.after ? 'cursor' : 'offset'}|${index}`
    // Filter and order on the index, then read the JSON of the page's rows only.
    const statement = prepared(key, () => {
      const ids = `SELECT rowid FROM opportunities ${index} WHERE ${where.sql}${cursor}
        ORDER BY created_at ${direction}, id ${direction} LIMIT @limit${page.after ? '' : ' OFFSET @offset'}`
      return `SELECT ${ROW} FROM opportunities WHERE rowid IN (${ids}) ORDER BY created_at ${direction}, id ${direction}`
    })
    return { statement, params, empty }
  }

  function totalsStatement(filter: OpportunityFilter) {
    if (totalsCanAnswer(filter)) {
      const where = whereOf(filter, 'opportunity_totals')
      const statement = prepared(`totals|table|${where.key}`, () =>
        `SELECT pipeline_id AS pipelineId, pipeline_stage_id AS pipelineStageId, sum(count) AS count,
           sum(monetary_value) AS monetaryValue
         FROM opportunity_totals WHERE ${where.sql} GROUP BY 1, 2 HAVING sum(count) > 0 ORDER BY 1, 2`,
      )
      return { statement, params: where.params }
    }
    const where = whereOf(filter, 'opportunities')
    const index = indexFor(filter)
    const statement = prepared(`totals|scan|${where.key}`, () =>
      `SELECT pipeline_id AS pipelineId, coalesce(pipeline_stage_id, '') AS pipelineStageId, count(*) AS count,
         sum(monetary_value) AS monetaryValue
       FROM opportunities ${index} WHERE ${where.sql} GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    return { statement, params: where.params }
  }

  return {
    ...base,
    search(filter, page) {
      const { statement, params, empty } = searchStatement(filter, page)
      return empty ? [] : (statement.all(params) as RawRow[]).map(toRow)
    },
    totals(filter) {
      const { statement, params } = totalsStatement(filter)
      return statement.all(params) as StageTotal[]
    },
    findByContactAndPipeline(locationId, contactId, pipelineId) {
      const raw = byContactAndPipeline.get(locationId, contactId, pipelineId) as RawRow | undefined
      return raw ? toRow(raw) : undefined
    },
    explain(filter, page) {
      const search = searchStatement(filter, page)
      const totals = totalsStatement(filter)
      const steps = (sql: string, params: Record<string, string | number>) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((step) => step.detail)
      const searchSteps = search.empty ? ['NO QUERY: the totals show no match'] : steps(search.statement.source, search.params)
      return [...searchSteps, ...steps(totals.statement.source, totals.params)]
    },
  }
}
