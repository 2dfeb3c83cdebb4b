// The three ways to list contacts: GET /contacts/ (deprecated; cursor with meta), POST
// /contacts/search (filters, sort, page or searchAfter → {contacts, total}) and GET
// /contacts/business/{businessId} (skip/limit → {contacts, count}). All run on the indexed search.
import { objectBody } from '../kit/body.js'
import type { BodyOf, HandlerSet } from '../../handlers/handler.js'
import type { Condition, SearchSpec, SortKey } from '../../storage/contact-search.js'
import { Problems, assertValid, namedLocation, pathParam, type Ctx } from '../kit/index.js'
import { readFilters, readSearchAfter, readSort } from './contact-filters.js'
import { contactView } from './contact-shape.js'

const MAX_LIMIT = 100
/** Like HighLevel's search index, offset paging stops at 10,000 rows; searchAfter goes further. */
const MAX_WINDOW = 10_000
const NEWEST_FIRST: SortKey[] = [{ field: 'dateAdded', direction: 'desc' }]

/** A whole number from a query string or body, within bounds; `undefined` when absent. */
function whole(value: unknown, field: string, min: number, max: number, problems: Problems): number | undefined {
  if (value === undefined || value === '') return undefined
  const n = typeof value === 'string' ? Number(value) : value
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    problems.add(`${field} must be an integer number`)
    return undefined
  }
  if (n < min) problems.add(`${field} must not be less than ${min}`)
  if (n > max) problems.add(`${field} must not be greater than ${max}`)
  return n
}

/**
 * GET /contacts/ — newest first; `startAfter` (epoch ms) and `startAfterId` continue after a row.
 * `meta` carries the cursor of the next page, or nulls on the last one.
 */
function listContacts(c: Ctx): Response {
  const { runtime } = c.var
  const location = namedLocation(c, c.req.query('locationId'))
  const problems = new Problems()
  const limit = whole(c.req.query('limit'), 'limit', 1, MAX_LIMIT, problems) ?? 20
  const startAfter = whole(c.req.query('startAfter'), 'startAfter', 0, Number.MAX_SAFE_INTEGER, problems)
  const startAfterId = c.req.query('startAfterId') || undefined
  const query = c.req.query('query')?.trim() || undefined
  // Not in HighLevel's spec: nextPageUrl carries the page number so following it costs no count.
  const pageHint = whole(c.req.query('page'), 'page', 1, Number.MAX_SAFE_INTEGER, problems)
  problems.check()

  const where: Condition[] = query ? [{ kind: 'query', text: query }] : []
  let after: (string | number)[] | undefined
  if (startAfterId !== undefined && startAfter === undefined) {
    const row = runtime.repos.contacts.getInLocation(location.id, startAfterId)
    if (!row) assertValid(['startAfterId must be the id of a contact of this location'])
    after = [row!.createdAt, startAfterId]
  } else if (startAfter !== undefined) {
    // Without an id, the page starts strictly before `startAfter`: no id sorts below ''.
    after = [startAfter, startAfterId ?? '']
  }

  const store = runtime.repos.contactStore
  // One extra row tells whether another page follows, so the last page carries no cursor.
  const spec: SearchSpec = { locationId: location.id, where, sort: NEWEST_FIRST, limit: limit + 1, after }
  const { rows, total } = store.search(spec)
  const more = rows.length > limit
  const page = rows.slice(0, limit)
  const currentPage = !after ? 1 : (pageHint ?? Math.floor(store.countThrough(spec) / limit) + 1)
  const last = page.at(-1)
  const next = more && last ? { startAfter: last.createdAt, startAfterId: last.id } : undefined
  return c.json({
    contacts: page.map((row) => contactView(row.data)),
    count: total,
    meta: {
      total,
      nextPageUrl: next ? nextPageUrl(c, location.id, next, limit, query, currentPage + 1) : null,
      startAfterId: next?.startAfterId ?? null,
      startAfter: next?.startAfter ?? null,
      currentPage,
      nextPage: next ? currentPage + 1 : null,
      prevPage: currentPage > 1 ? currentPage - 1 : null,
    },
  })
}

function nextPageUrl(c: Ctx, locationId: string, next: { startAfter: number; startAfterId: string }, limit: number, query: string | undefined, page: number): string {
  const url = new URL('/contacts/', c.req.url)
  url.searchParams.set('locationId', locationId)
  url.searchParams.set('startAfter', String(next.startAfter))
  url.searchParams.set('startAfterId', next.startAfterId)
  url.searchParams.set('limit', String(limit))
  if (query) url.searchParams.set('query', query)
  url.searchParams.set('page', String(page))
  return url.toString()
}

/** POST /contacts/search. Each result carries `searchAfter`, the cursor that continues after it. */
async function searchContacts(c: Ctx, requestBody: BodyOf<'search-contacts-advanced'>): Promise<Response> {
  const { runtime } = c.var
  const body = objectBody(requestBody)
  const location = namedLocation(c, body.locationId)
  const problems = new Problems()
  const pageLimit = whole(body.pageLimit, 'pageLimit', 1, MAX_LIMIT, problems)
  if (body.pageLimit === undefined) problems.add('pageLimit should not be empty')
  const page = whole(body.page, 'page', 1, MAX_WINDOW, problems) ?? 1
  if (body.query !== undefined && body.query !== null && typeof body.query !== 'string') problems.add('query must be a string')
  const where = readFilters(body.filters, problems)
  const sort = readSort(body.sort, problems)
  const after = readSearchAfter(body.searchAfter, sort, problems)
  if (!after && pageLimit !== undefined && page * pageLimit > MAX_WINDOW) {
    problems.add(`page * pageLimit must not be greater than ${MAX_WINDOW}; use searchAfter to read further`)
  }
  problems.check()

  if (typeof body.query === 'string' && body.query.trim() !== '') where.push({ kind: 'query', text: body.query })
  const store = runtime.repos.contactStore
  const limit = pageLimit!
  const { rows, total } = store.search({ locationId: location.id, where, sort, limit, offset: (page - 1) * limit, after })
  const contacts = rows.map((row) => ({ ...contactView(row.data), searchAfter: store.sortValues(row, sort) }))
  return c.json({ contacts, total })
}

/** GET /contacts/business/{businessId}: the location's contacts of one business, newest first. */
function contactsOfBusiness(c: Ctx): Response {
  const { runtime } = c.var
  const location = namedLocation(c, c.req.query('locationId'))
  const problems = new Problems()
  const limit = whole(c.req.query('limit'), 'limit', 1, MAX_LIMIT, problems) ?? 25
  const skip = whole(c.req.query('skip'), 'skip', 0, MAX_WINDOW, problems) ?? 0
  problems.check()
  const where: Condition[] = [{ kind: 'text', field: 'businessId', op: 'eq', values: [pathParam(c, 'businessId')] }]
  const query = c.req.query('query')?.trim()
  if (query) where.push({ kind: 'query', text: query })
  const { rows, total } = runtime.repos.contactStore.search({ locationId: location.id, where, sort: NEWEST_FIRST, limit, offset: skip })
  return c.json({ contacts: rows.map((row) => contactView(row.data)), count: total })
}

export const contactListHandlers: HandlerSet = {
  'get-contacts': listContacts,
  'search-contacts-advanced': searchContacts,
  'get-contacts-by-businessId': contactsOfBusiness,
}
