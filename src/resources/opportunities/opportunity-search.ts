// Opportunity search: `GET /opportunities/search` (snake_case query, page or startAfter cursor,
// `meta`) and `POST /opportunities/search` (body with filters, page or searchAfter, `total`).
// Both answer per-pipeline/stage aggregations of everything that matched, not just the page.
import { objectBody } from '../kit/body.js'
import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.js'
import type { HandlerSet } from '../../handlers/handler.js'
import type { OpportunityFilter, StageTotal } from '../../storage/opportunities.js'
import type { Cursor } from '../../storage/records.js'
import type { Repos } from '../../storage/repos.js'
import { accessibleLocation, tokenOf } from '../kit/index.js'
import { FieldReader, OPPORTUNITY_STATUSES, parseMonthDayYear } from './opportunity-input.js'
import { viewOpportunities, type ViewOptions } from './opportunity-view.js'

type Json = Record<string, unknown>

const DAY = 86_400_000
const DEFAULT_LIMIT = 20
const MAX_LIMIT = 100
/** Keeps page × limit an exact integer offset. */
const MAX_PAGE = 1_000_000_000
/** Sorts after every alphanumeric id: a time-only cursor then skips the whole millisecond. */
const AFTER_ANY_ID = '~'

interface Bucket {
  count: number
  monetaryValue: number
}

/**
 * `{pipelines: {<pipelineId>: {count, monetaryValue, stages: {<stageId>: {count, monetaryValue}}}}}`
 * over every match. The real shape is undocumented (the spec says `object`); this one answers the
 * question a pipeline board asks.
 */
export function aggregationsOf(totals: readonly StageTotal[]): Json {
  const pipelines: Record<string, Bucket & { stages: Record<string, Bucket> }> = {}
  for (const row of totals) {
    const pipeline = (pipelines[row.pipelineId] ??= { count: 0, monetaryValue: 0, stages: {} })
    pipeline.count += row.count
    pipeline.monetaryValue += row.monetaryValue
    pipeline.stages[row.pipelineStageId] = { count: row.count, monetaryValue: row.monetaryValue }
  }
  return { pipelines }
}

/** The same per-stage totals as the repository's, from rows in hand. */
function totalsOfRows(rows: readonly Json[]): StageTotal[] {
  const byStage = new Map<string, StageTotal>()
  for (const o of rows) {
    const pipelineId = String(o.pipelineId)
    const pipelineStageId = typeof o.pipelineStageId === 'string' ? o.pipelineStageId : ''
    const key = `${pipelineId}\u0000${pipelineStageId}`
    const total = byStage.get(key) ?? { pipelineId, pipelineStageId, count: 0, monetaryValue: 0 }
    total.count += 1
    total.monetaryValue += typeof o.monetaryValue === 'number' ? o.monetaryValue : 0
    byStage.set(key, total)
  }
  return [...byStage.values()]
}

interface SearchResult {
  opportunities: Json[]
  total: number
  aggregations: Json
  hasMore: boolean
  last?: Cursor
}

function runSearch(
  repos: Repos,
  filter: OpportunityFilter,
  page: { order: 'asc' | 'desc'; limit: number; after?: Cursor; offset: number },
  view: ViewOptions,
): SearchResult {
  // One row more than asked says whether a next page exists without a second query.
  const rows = repos.opportunities.search(filter, { ...page, limit: page.limit + 1 })
  const hasMore = rows.length > page.limit
  const pageRows = rows.slice(0, page.limit)
  // A first page that is not full holds every match: count it here instead of a second pass.
  const complete = !hasMore && page.after === undefined && page.offset === 0
  const totals = complete ? totalsOfRows(pageRows.map((row) => row.data)) : repos.opportunities.totals(filter)
  const lastRow = pageRows.at(-1)
  return {
    opportunities: viewOpportunities(repos, pageRows.map((row) => row.data), view),
    total: totals.reduce((sum, row) => sum + row.count, 0),
    aggregations: aggregationsOf(totals),
    hasMore,
    last: lastRow ? { createdAt: lastRow.createdAt, id: lastRow.id } : undefined,
  }
}

/**
 * What free text searches: an e-mail address finds the opportunities of the contact with that
 * e-mail, a phone number those of the contact with that phone, anything else is a
 * case-insensitive substring of the opportunity name (contact names are not searched).
 */
export function textFilter(q: string | undefined): Pick<OpportunityFilter, 'text' | 'contactEmail' | 'contactPhone'> {
  if (q === undefined) return {}
  if (q.includes('@')) return { contactEmail: q }
  if (/^\+?\d[\d\s().-]{5,}$/.test(q)) return { contactPhone: q.replace(/[\s().-]/g, '') }
  return { text: q }
}

const blankToUndefined = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim())

function searchByQuery(c: Context<AppEnv>): Response {
  const { repos } = c.var.runtime
  const auth = tokenOf(c)
  const query = new FieldReader(c.req.query() as Json)
  const locationId = query.string('location_id', { required: true })
  const status = query.oneOf('status', [...OPPORTUNITY_STATUSES, 'all'] as const)
  const order = query.oneOf('order', ['added_asc', 'added_desc'] as const) ?? 'added_desc'
  const page = query.integerParam('page', { min: 1, max: MAX_PAGE }) ?? 1
  const limit = query.integerParam('limit', { min: 1, max: MAX_LIMIT }) ?? DEFAULT_LIMIT
  const from = dayParam(query, 'date')
  const to = dayParam(query, 'endDate')
  const startAfter = query.integerParam('startAfter', { min: 0 })
  const startAfterId = blankToUndefined(query.string('startAfterId'))
  const view: ViewOptions = {
    extras: { tasks: query.booleanParam('getTasks'), notes: query.booleanParam('getNotes'), calendarEvents: query.booleanParam('getCalendarEvents') },
  }
  const filter: OpportunityFilter = {
    locationId: locationId!,
    ...textFilter(blankToUndefined(query.string('q'))),
    pipelineId: blankToUndefined(query.string('pipeline_id')),
    pipelineStageId: blankToUndefined(query.string('pipeline_stage_id')),
    statuses: status === undefined || status === 'all' ? undefined : [status],
    assignedTo: blankToUndefined(query.string('assigned_to')),
    contactId: blankToUndefined(query.string('contact_id')),
    id: blankToUndefined(query.string('id')),
    createdFrom: from,
    createdTo: to === undefined ? undefined : to + DAY - 1,
  }
  query.done()
  accessibleLocation(c, locationId!)

  let after: Cursor | undefined
  if (startAfter !== undefined) after = { createdAt: startAfter, id: startAfterId ?? (order === 'added_asc' ? AFTER_ANY_ID : '') }
  else if (startAfterId !== undefined) {
    const row = repos.opportunities.getInLocation(locationId!, startAfterId)
    if (!row) query.add('startAfterId must be the id of an opportunity in this location')
    query.done()
    after = { createdAt: row!.createdAt, id: row!.id }
  }
  const direction = order === 'added_asc' ? 'asc' : 'desc'
  const result = runSearch(repos, filter, { order: direction, limit, after, offset: after ? 0 : (page - 1) * limit }, view)
  const nextPage = result.hasMore ? page + 1 : null
  const meta = {
    total: result.total,
    nextPageUrl: nextPage !== null && result.last ? nextPageUrl(c.req.url, result.last, nextPage) : null,
    startAfterId: result.last?.id ?? null,
    startAfter: result.last?.createdAt ?? null,
    currentPage: page,
    nextPage,
    prevPage: page > 1 ? page - 1 : null,
  }
  return c.json({ opportunities: result.opportunities, meta, aggregations: result.aggregations })
}

/** A `mm-dd-yyyy` query parameter as the UTC start of that day. */
function dayParam(query: FieldReader, name: string): number | undefined {
  const value = blankToUndefined(query.string(name))
  if (value === undefined) return undefined
  const ms = parseMonthDayYear(value)
  if (ms === undefined) query.add(`${name} must be a date in mm-dd-yyyy format`)
  return ms
}

/** The same search continued after `last`: the caller's filters kept, the cursor and page moved on. */
function nextPageUrl(requestUrl: string, last: Cursor, nextPage: number): string {
  const url = new URL(requestUrl)
  url.searchParams.set('startAfter', String(last.createdAt))
  url.searchParams.set('startAfterId', last.id)
  url.searchParams.set('page', String(nextPage))
  return url.toString()
}

/** `POST /opportunities/search` filter fields, as HighLevel's own UI sends them (highlevel-api-docs#74). */
const FILTER_FIELDS = ['pipeline_id', 'pipeline_stage_id', 'status', 'assigned_to', 'contact_id', 'id', 'date_added'] as const
type FilterField = (typeof FILTER_FIELDS)[number]
const KEYS: Record<Exclude<FilterField, 'status' | 'date_added'>, 'pipelineId' | 'pipelineStageId' | 'assignedTo' | 'contactId' | 'id'> = {
  pipeline_id: 'pipelineId',
  pipeline_stage_id: 'pipelineStageId',
  assigned_to: 'assignedTo',
  contact_id: 'contactId',
  id: 'id',
}

async function searchByBody(c: Context<AppEnv>, requestBody: unknown): Promise<Response> {
  const { repos } = c.var.runtime
  const auth = tokenOf(c)
  const raw = objectBody(requestBody)
  const body = new FieldReader(raw)
  const locationId = body.string('locationId', { required: true })
  const limit = body.number('limit') ?? DEFAULT_LIMIT
  const page = body.number('page') ?? 1
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) body.add(`limit must be an integer from 1 to ${MAX_LIMIT}`)
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) body.add(`page must be an integer from 1 to ${MAX_PAGE}`)
  const searchAfter = body.stringArray('searchAfter') ?? []
  const details = (raw.additionalDetails ?? {}) as Json
  const filter: OpportunityFilter = { locationId: locationId!, ...textFilter(blankToUndefined(body.string('query'))) }
  readFilters(body, body.objectArray('filters') ?? [], filter)
  const order = readSort(body, body.objectArray('sort') ?? [])
  let after: Cursor | undefined
  if (searchAfter.length > 0) {
    const [at, id] = searchAfter
    const createdAt = /^\d+$/.test(at ?? '') ? Number(at) : Date.parse(at ?? '')
    if (searchAfter.length !== 2 || !Number.isFinite(createdAt)) body.add('searchAfter must be [dateAdded in ms, opportunity id] of the last opportunity seen')
    else after = { createdAt, id: id! }
  }
  body.done()
  accessibleLocation(c, locationId!)
  const view: ViewOptions = { extras: { notes: details.notes === true, tasks: details.tasks === true, calendarEvents: details.calendarEvents === true } }
  const result = runSearch(repos, filter, { order, limit, after, offset: after ? 0 : (page - 1) * limit }, view)
  return c.json({ opportunities: result.opportunities, total: result.total, aggregations: result.aggregations })
}

/** `[{field, operator, value}]` into the filter; one problem per bad entry, naming its index. */
function readFilters(body: FieldReader, filters: Json[], filter: OpportunityFilter): void {
  filters.forEach((entry, i) => {
    const field = entry.field as FilterField
    if (!FILTER_FIELDS.includes(field)) {
      body.add(`filters.${i}.field must be one of the following values: ${FILTER_FIELDS.join(', ')}`)
      return
    }
    if (field === 'date_added') {
      const range = entry.value as Json | null
      const gte = toMs(range?.gte)
      const lte = toMs(range?.lte)
      if (entry.operator !== 'range' || gte === null || lte === null || (gte === undefined && lte === undefined)) {
        body.add(`filters.${i} on date_added must be {operator: "range", value: {gte?, lte?}} with ISO dates or ms`)
        return
      }
      filter.createdFrom = gte
      filter.createdTo = lte
      return
    }
    if (entry.operator !== 'eq') {
      body.add(`filters.${i}.operator must be one of the following values: eq`)
      return
    }
    if (field === 'status') {
      const values = Array.isArray(entry.value) ? entry.value : [entry.value]
      const known = [...OPPORTUNITY_STATUSES, 'all'] as readonly unknown[]
      if (values.length === 0 || !values.every((v) => known.includes(v))) {
        body.add(`filters.${i}.value must be one or more of: ${known.join(', ')}`)
        return
      }
      filter.statuses = values.includes('all') ? undefined : (values as string[])
      return
    }
    if (typeof entry.value !== 'string' || entry.value === '') {
      body.add(`filters.${i}.value must be a non-empty string`)
      return
    }
    filter[KEYS[field]] = entry.value
  })
}

/** Undefined when absent, null when present but not a date. */
function toMs(value: unknown): number | undefined | null {
  if (value === undefined) return undefined
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && Number.isFinite(Date.parse(value))) return Date.parse(value)
  return null
}

/** Sorting is by date added only (the index order); the default is newest first. */
function readSort(body: FieldReader, sort: Json[]): 'asc' | 'desc' {
  let order: 'asc' | 'desc' = 'desc'
  sort.forEach((entry, i) => {
    if (entry.field !== 'date_added') body.add(`sort.${i}.field must be one of the following values: date_added`)
    else if (entry.direction !== 'asc' && entry.direction !== 'desc') body.add(`sort.${i}.direction must be one of the following values: asc, desc`)
    else order = entry.direction
  })
  return order
}

export const searchHandlers: HandlerSet = {
  'search-opportunity': searchByQuery,
  'search-opportunities-advanced': searchByBody,
}
