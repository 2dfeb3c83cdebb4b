// GET and POST /opportunities/search: filters, order, page and cursor pagination (also while
// writing), aggregations, bad input, tenant isolation, and index use.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectError, expectSpec, startOpportunityKit, type OpportunityKit } from '../../../test/support/opportunity-kit.js'

type Json = Record<string, any>

let kit: OpportunityKit
let loc: string
let pipeline: Json
let contacts: Json[]
let users: string[]
/** The 3 seeded opportunities of the location plus 12 created below, newest first. */
let all: Json[]

const search = (query: string, as?: { locationId: string }) =>
  kit.call('GET', `/opportunities/search?location_id=${as?.locationId ?? loc}${query ? `&${query}` : ''}`, { as })
const ids = (body: Json) => (body.opportunities as Json[]).map((o) => o.id)

async function createAt(body: Json): Promise<Json> {
  await kit.mock.clock.advance(60_000)
  const res = await kit.call('POST', '/opportunities/', { body: { pipelineId: pipeline.id, locationId: loc, status: 'open', ...body } })
  return (await expectSpec('create-opportunity', res)).opportunity
}

beforeEach(async () => {
  kit = await startOpportunityKit()
  loc = kit.locations[0]!.id
  const location = kit.repos.locations.get(loc)!
  kit.repos.locations.update({ ...location, settings: { ...location.settings, allowDuplicateOpportunity: true } })
  pipeline = kit.repos.pipelines.listByLocation(loc, 10)[0]!.data
  contacts = kit.repos.contacts.listByLocation(loc, 100).map((c) => c.data)
  users = kit.usersOf(loc).map((u) => u.id)
  for (let i = 0; i < 12; i++) {
    await createAt({
      name: `Deal ${String(i).padStart(2, '0')}${i % 4 === 0 ? ' kitchen' : ''}`,
      contactId: contacts[i % contacts.length]!.id,
      pipelineStageId: pipeline.stages[i % pipeline.stages.length].id,
      assignedTo: users[i % users.length],
      monetaryValue: 100 * (i + 1),
      status: (['open', 'won', 'lost'] as const)[i % 3],
    })
  }
  all = kit.repos.opportunities.search({ locationId: loc }, { order: 'desc', limit: 100 }).map((r) => r.data)
  expect(all).toHaveLength(15)
  kit.mark()
})
afterEach(() => kit.close())

describe('GET /opportunities/search', () => {
  it('lists the location newest first, 20 a page, with meta and aggregations over every match', async () => {
    const body = await expectSpec('search-opportunity', await search(''))
    expect(ids(body)).toEqual(all.map((o) => o.id))
    expect(body.meta).toEqual({ total: 15, nextPageUrl: null, startAfterId: all[14]!.id, startAfter: Date.parse(all[14]!.createdAt), currentPage: 1, nextPage: null, prevPage: null })
    const sum = all.reduce((s, o) => s + (o.monetaryValue ?? 0), 0)
    const agg = body.aggregations.pipelines[pipeline.id]
    expect(agg.count).toBe(15)
    expect(agg.monetaryValue).toBe(sum)
    const stageCounts = Object.values(agg.stages as Record<string, Json>).reduce((s, b) => s + b.count, 0)
    expect(stageCounts).toBe(15)
    const firstStage = all.filter((o) => o.pipelineStageId === pipeline.stages[0].id)
    expect(agg.stages[pipeline.stages[0].id]).toEqual({ count: firstStage.length, monetaryValue: firstStage.reduce((s, o) => s + (o.monetaryValue ?? 0), 0) })
  })

  it('embeds the contact summary in each result', async () => {
    const body = await expectSpec('search-opportunity', await search('limit=3'))
    for (const o of body.opportunities as Json[]) {
      const contact = contacts.find((c) => c.id === o.contactId)!
      expect(o.contact).toMatchObject({ id: contact.id, email: contact.email, phone: contact.phone, tags: contact.tags })
    }
  })

  const cases: [string, () => string, (o: Json, v: string) => boolean][] = [
    ['pipeline_stage_id', () => pipeline.stages[1].id, (o, v) => o.pipelineStageId === v],
    ['status', () => 'won', (o, v) => o.status === v],
    ['assigned_to', () => users[1]!, (o, v) => o.assignedTo === v],
    ['contact_id', () => contacts[2]!.id, (o, v) => o.contactId === v],
    ['pipeline_id', () => pipeline.id, () => true],
    ['id', () => all[4]!.id, (o, v) => o.id === v],
  ]
  it.each(cases)('filters by %s', async (param, value, keep) => {
    const v = value()
    const body = await expectSpec('search-opportunity', await search(`${param}=${encodeURIComponent(v)}&limit=100`))
    const expected = all.filter((o) => keep(o, v)).map((o) => o.id)
    expect(expected.length).toBeGreaterThan(0)
    expect(ids(body)).toEqual(expected)
    expect(body.meta.total).toBe(expected.length)
    const aggregated = Object.values(body.aggregations.pipelines as Record<string, Json>).reduce((s, p) => s + p.count, 0)
    expect(aggregated).toBe(expected.length)
  })

  it('combines filters, and status=all does not filter', async () => {
    const body = await expectSpec('search-opportunity', await search(`status=open&assigned_to=${users[0]}&limit=100`))
    expect(ids(body)).toEqual(all.filter((o) => o.status === 'open' && o.assignedTo === users[0]).map((o) => o.id))
    const everything = await expectSpec('search-opportunity', await search('status=all&limit=100'))
    expect(everything.meta.total).toBe(15)
    // A full first page is counted from its rows, a partial one by the repository: same answer.
    for (const filter of ['status=open', 'q=deal', `assigned_to=${users[1]}`, 'date=01-01-2000']) {
      const whole = await expectSpec('search-opportunity', await search(`${filter}&limit=100`))
      const part = await expectSpec('search-opportunity', await search(`${filter}&limit=1`))
      expect(part.aggregations, filter).toEqual(whole.aggregations)
      expect(part.meta.total, filter).toBe(whole.meta.total)
    }
  })

  it("q matches a name substring (any case), or finds by the contact's e-mail or phone", async () => {
    const kitchen = await expectSpec('search-opportunity', await search('q=KITCHEN'))
    expect(ids(kitchen)).toEqual(all.filter((o) => /kitchen/i.test(o.name)).map((o) => o.id))
    expect(kitchen.meta.total).toBe(3)
    const contact = contacts[1]!
    const byEmail = await expectSpec('search-opportunity', await search(`q=${encodeURIComponent(contact.email.toUpperCase())}&limit=100`))
    expect(ids(byEmail)).toEqual(all.filter((o) => o.contactId === contact.id).map((o) => o.id))
    const byPhone = await expectSpec('search-opportunity', await search(`q=${encodeURIComponent(contact.phone)}&limit=100`))
    expect(ids(byPhone)).toEqual(ids(byEmail))
    const formatted = contact.phone.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '+1 ($1) $2-$3')
    const byFormattedPhone = await expectSpec('search-opportunity', await search(`q=${encodeURIComponent(formatted)}&limit=100`))
    expect(ids(byFormattedPhone)).toEqual(ids(byEmail))
    const viaPost = await expectSpec('search-opportunities-advanced', await kit.call('POST', '/opportunities/search', { body: { locationId: loc, query: contact.email, limit: 100, page: 1, searchAfter: [], additionalDetails: {} } }))
    expect(ids(viaPost)).toEqual(ids(byEmail))
    const umlaut = await createAt({ name: 'Über Küche', contactId: contacts[0]!.id })
    const unicode = await expectSpec('search-opportunity', await search(`q=${encodeURIComponent('KÜCHE')}`))
    expect(ids(unicode)).toEqual([umlaut.id])
    const wildcard = await expectSpec('search-opportunity', await search('q=%25'))
    expect(wildcard.meta.total).toBe(0)
  })

  it('filters by date and endDate (mm-dd-yyyy, whole UTC days)', async () => {
    const day = (iso: string) => { const d = new Date(iso); return `${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}-${d.getUTCFullYear()}` }
    const newest = all[0]!
    const body = await expectSpec('search-opportunity', await search(`date=${day(newest.createdAt)}&endDate=${day(newest.createdAt)}&limit=100`))
    const sameDay = all.filter((o) => o.createdAt.slice(0, 10) === newest.createdAt.slice(0, 10))
    expect(ids(body)).toEqual(sameDay.map((o) => o.id))
    const none = await expectSpec('search-opportunity', await search('endDate=01-01-2000'))
    expect(none).toMatchObject({ opportunities: [], meta: { total: 0, nextPage: null }, aggregations: { pipelines: {} } })
  })

  it('orders oldest first with order=added_asc', async () => {
    const body = await expectSpec('search-opportunity', await search('order=added_asc&limit=100'))
    expect(ids(body)).toEqual(all.map((o) => o.id).reverse())
  })
})

describe('pagination', () => {
  it('pages by page number, with currentPage, nextPage and prevPage', async () => {
    const seen: string[] = []
    for (let page = 1; page <= 4; page++) {
      const body = await expectSpec('search-opportunity', await search(`limit=4&page=${page}`))
      expect(body.meta).toMatchObject({ total: 15, currentPage: page, nextPage: page < 4 ? page + 1 : null, prevPage: page > 1 ? page - 1 : null })
      seen.push(...ids(body))
    }
    expect(seen).toEqual(all.map((o) => o.id))
    const beyond = await expectSpec('search-opportunity', await search('limit=4&page=9'))
    expect(beyond.opportunities).toEqual([])
    expect(beyond.meta).toMatchObject({ total: 15, nextPage: null, startAfterId: null, startAfter: null })
  })

  it('follows nextPageUrl (startAfter/startAfterId cursor), stable while opportunities are added and removed', async () => {
    const first = await expectSpec('search-opportunity', await search('limit=5&status=all'))
    expect(first.meta.startAfterId).toBe(all[4]!.id)
    const next = new URL(first.meta.nextPageUrl)
    expect(next.pathname).toBe('/opportunities/search')
    expect(Object.fromEntries(next.searchParams)).toMatchObject({ location_id: loc, limit: '5', status: 'all', startAfterId: all[4]!.id, startAfter: String(Date.parse(all[4]!.createdAt)), page: '2' })

    // Writes between pages: a newer opportunity and the deletion of one already seen.
    await createAt({ name: 'Arrived while paging', contactId: contacts[0]!.id })
    await expectSpec('delete-opportunity', await kit.call('DELETE', `/opportunities/${all[1]!.id}`))

    const seen = [...ids(first)]
    let url: string | null = first.meta.nextPageUrl
    while (url) {
      const u = new URL(url)
      const body = await expectSpec('search-opportunity', await kit.call('GET', `${u.pathname}${u.search}`))
      seen.push(...ids(body))
      url = body.meta.nextPageUrl
    }
    expect(seen).toEqual(all.map((o) => o.id))
  })

  it('accepts startAfterId alone, and rejects one that is not in the location', async () => {
    const body = await expectSpec('search-opportunity', await search(`limit=3&startAfterId=${all[2]!.id}`))
    expect(ids(body)).toEqual(all.slice(3, 6).map((o) => o.id))
    await expectError(await search('startAfterId=NoSuchOpportunity00'), 422, 'startAfterId must be the id of an opportunity in this location')
  })

  it('answers an empty location with an empty page', async () => {
    const empty = kit.locations[2]!.id
    for (const row of kit.repos.opportunities.listByLocation(empty, 100)) kit.repos.opportunities.remove(row.id)
    const body = await expectSpec('search-opportunity', await search('', { locationId: empty }))
    expect(body).toEqual({
      opportunities: [],
      meta: { total: 0, nextPageUrl: null, startAfterId: null, startAfter: null, currentPage: 1, nextPage: null, prevPage: null },
      aggregations: { pipelines: {} },
    })
  })
})

describe('bad input and isolation', () => {
  it('names each bad query parameter in one 422', async () => {
    const body = await expectError(await search('limit=101&page=0&status=closed&order=newest&date=2024-01-01&startAfter=soon'), 422)
    expect(body.message).toEqual([
      'status must be one of the following values: open, won, lost, abandoned, all',
      'order must be one of the following values: added_asc, added_desc',
      'page must not be less than 1',
      'limit must not be greater than 100',
      'date must be a date in mm-dd-yyyy format',
      'startAfter must be an integer number',
    ])
    await expectError(await kit.call('GET', '/opportunities/search'), 422, 'location_id should not be empty')
    await expectError(await search('limit=0'), 422, 'limit must not be less than 1')
    await expectError(await search('date=02-30-2024'), 422, 'date must be a date in mm-dd-yyyy format')
  })

  it("never returns another location's opportunities, and refuses a location_id the token cannot act in", async () => {
    const other = kit.locations[1]!.id
    const theirs = await expectSpec('search-opportunity', await search('limit=100', { locationId: other }))
    expect(theirs.meta.total).toBe(3)
    expect(ids(theirs).some((id) => all.some((o) => o.id === id))).toBe(false)
    await expectError(await kit.call('GET', `/opportunities/search?location_id=${other}`), 403, 'The token does not have access to this location.')
    const foreignContact = kit.repos.opportunities.listByLocation(other, 1)[0]!.data.contactId as string
    const probe = await expectSpec('search-opportunity', await search(`contact_id=${foreignContact}`))
    expect(probe.meta.total).toBe(0)
  })
})

describe('POST /opportunities/search', () => {
  const post = (body: Json) =>
    kit.call('POST', '/opportunities/search', { body: { locationId: loc, query: '', limit: 20, page: 1, searchAfter: [], additionalDetails: {}, ...body } })

  it('filters with [{field, operator, value}], answers total and aggregations', async () => {
    const body = await expectSpec(
      'search-opportunities-advanced',
      await post({
        filters: [
          { field: 'pipeline_id', operator: 'eq', value: pipeline.id },
          { field: 'status', operator: 'eq', value: ['open', 'won'] },
        ],
      }),
    )
    const expected = all.filter((o) => o.status === 'open' || o.status === 'won')
    expect(ids(body)).toEqual(expected.map((o) => o.id))
    expect(body.total).toBe(expected.length)
    expect(body.aggregations.pipelines[pipeline.id].count).toBe(expected.length)
  })

  it('sorts oldest first, continues with searchAfter, and pages', async () => {
    const asc = all.map((o) => o.id).reverse()
    const first = await expectSpec('search-opportunities-advanced', await post({ limit: 6, sort: [{ field: 'date_added', direction: 'asc' }] }))
    expect(ids(first)).toEqual(asc.slice(0, 6))
    const last = first.opportunities[5]
    const next = await expectSpec('search-opportunities-advanced', await post({ limit: 6, sort: [{ field: 'date_added', direction: 'asc' }], searchAfter: [String(Date.parse(last.createdAt)), last.id] }))
    expect(ids(next)).toEqual(asc.slice(6, 12))
    const page3 = await expectSpec('search-opportunities-advanced', await post({ limit: 6, page: 3, sort: [{ field: 'date_added', direction: 'asc' }] }))
    expect(ids(page3)).toEqual(asc.slice(12))
    expect(page3.total).toBe(15)
  })

  it('filters a date_added range and adds empty notes/tasks when asked', async () => {
    const from = all[5]!.createdAt
    const to = all[2]!.createdAt
    const body = await expectSpec('search-opportunities-advanced', await post({ filters: [{ field: 'date_added', operator: 'range', value: { gte: from, lte: to } }], additionalDetails: { notes: true, tasks: true } }))
    expect(ids(body)).toEqual(all.slice(2, 6).map((o) => o.id))
    expect(body.opportunities[0]).toMatchObject({ notes: [], tasks: [] })
    expect(body.opportunities[0].calendarEvents).toBeUndefined()
  })

  it('names bad filters, sorts and limits', async () => {
    const body = await expectError(
      await post({ limit: 500, filters: [{ field: 'colour', operator: 'eq', value: 'red' }, { field: 'status', operator: 'eq', value: 'closed' }, { field: 'assigned_to', operator: 'gt', value: 'x' }], sort: [{ field: 'name', direction: 'asc' }] }),
      422,
    )
    expect(body.message).toEqual([
      'limit must be an integer from 1 to 100',
      'filters.0.field must be one of the following values: pipeline_id, pipeline_stage_id, status, assigned_to, contact_id, id, date_added',
      'filters.1.value must be one or more of: open, won, lost, abandoned, all',
      'filters.2.operator must be one of the following values: eq',
      'sort.0.field must be one of the following values: date_added',
    ])
    await expectError(await post({ locationId: kit.locations[1]!.id }), 403)
  })
})

describe('indexes', () => {
  it('answers every filter from an index, never a scan of the opportunities table', () => {
    const filters = [
      {},
      { statuses: ['open'] },
      { pipelineId: pipeline.id },
      { pipelineStageId: 'x' },
      { assignedTo: 'x' },
      { contactId: 'x' },
      { text: 'kitchen' },
      { contactEmail: 'someone@example.com' },
      { contactPhone: '+15550001111' },
      { text: 'kitchen', statuses: ['open'] },
      { createdFrom: 0, createdTo: 1 },
      { pipelineId: pipeline.id, statuses: ['open', 'won'], assignedTo: 'x' },
      { id: 'x' },
    ]
    for (const filter of filters) {
      for (const page of [{ order: 'desc' as const, limit: 20 }, { order: 'asc' as const, limit: 20, after: { createdAt: 1, id: 'x' } }]) {
        const plan = kit.repos.opportunities.explain({ locationId: loc, ...filter }, page)
        // A scan, or a non-covering read of the location's whole index range, reads every row.
        const wholeLocation = (step: string) =>
          /^SCAN (opportunities|contacts)\b/.test(step) || /^SEARCH (opportunities|contacts) USING INDEX \w+ \(location_id=\?\)$/.test(step)
        expect(plan.filter(wholeLocation), JSON.stringify({ filter, plan })).toEqual([])
      }
    }
  })
})
