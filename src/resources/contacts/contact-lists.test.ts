import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectConformsToSpec } from '../../../test/support/spec-conformance.js'
import { startContactsKit, type ContactsKit } from '../../testing-internal/contacts-kit.js'

type Json = Record<string, any>

let kit: ContactsKit
beforeEach(async () => {
  kit = await startContactsKit()
})
afterEach(() => kit.close())

/** Creates contacts one clock tick apart, so their dateAdded order is their creation order. */
async function seedContacts(items: Json[]): Promise<Json[]> {
  const made: Json[] = []
  for (const item of items) {
    await kit.mock.clock.advance(1000)
    made.push(await kit.create(item))
  }
  return made
}

const ids = (contacts: Json[]) => contacts.map((c) => c.id as string)

/** Follows meta.nextPageUrl from the first page to the end, returning every page's ids. */
async function walk(path: string): Promise<{ pages: string[][]; metas: Json[] }> {
  const pages: string[][] = []
  const metas: Json[] = []
  let next: string | null = path
  while (next) {
    const url = new URL(next, 'http://localhost')
    const body = await expectConformsToSpec('get-contacts', await kit.call('GET', url.pathname + url.search))
    pages.push(ids(body.contacts))
    metas.push(body.meta)
    next = body.meta.nextPageUrl
    if (pages.length > 50) throw new Error('pagination does not end')
  }
  return { pages, metas }
}

describe('GET /contacts/ (deprecated list)', () => {
  it('pages newest first with startAfter/startAfterId cursors and meta, ending with a null cursor', async () => {
    const seeded = kit.mock.runtime.repos.contacts.countByLocation(kit.location.id)
    await seedContacts(Array.from({ length: 7 }, (_, i) => ({ firstName: `Page${i}` })))
    const total = seeded + 7
    const { pages, metas } = await walk(`/contacts/?locationId=${kit.location.id}&limit=3`)
    expect(pages.flat()).toHaveLength(total)
    expect(new Set(pages.flat()).size).toBe(total)
    expect(pages.slice(0, -1).every((page) => page.length === 3)).toBe(true)
    expect(metas[0]).toMatchObject({ total, currentPage: 1, nextPage: 2, prevPage: null })
    expect(metas[1]).toMatchObject({ total, currentPage: 2, nextPage: 3, prevPage: 1 })
    // Without the page hint nextPageUrl carries, the page number is counted from the cursor.
    const bare = await kit.json('GET', `/contacts/?locationId=${kit.location.id}&limit=3&startAfter=${metas[1]!.startAfter}&startAfterId=${metas[1]!.startAfterId}`)
    expect(bare.body.meta).toMatchObject({ currentPage: 3, prevPage: 2 })
    expect(ids(bare.body.contacts)).toEqual(pages[2])
    const last = metas.at(-1)!
    expect(last).toMatchObject({ nextPageUrl: null, startAfterId: null, startAfter: null, nextPage: null, currentPage: pages.length })
    // Newest first: the seven new contacts lead, most recent at the top.
    const all = await kit.json('GET', `/contacts/?locationId=${kit.location.id}&limit=100`)
    expect(all.body.contacts.slice(0, 3).map((c: Json) => c.firstName)).toEqual(['Page6', 'Page5', 'Page4'])
    const added = all.body.contacts.map((c: Json) => Date.parse(c.dateAdded))
    expect(added).toEqual([...added].sort((a, b) => b - a))
  })

  it('keeps the cursor stable while contacts are written between pages', async () => {
    await seedContacts(Array.from({ length: 6 }, (_, i) => ({ firstName: `Stable${i}` })))
    const first = await kit.json('GET', `/contacts/?locationId=${kit.location.id}&limit=4`)
    // A new contact (newer than every page) and a deletion of one not yet seen.
    await seedContacts([{ firstName: 'Newcomer' }])
    const all = await kit.json('GET', `/contacts/?locationId=${kit.location.id}&limit=100`)
    const unseen = all.body.contacts.filter((c: Json) => !ids(first.body.contacts).includes(c.id) && c.firstName !== 'Newcomer')
    await kit.call('DELETE', `/contacts/${unseen[0].id}`)
    const { startAfter, startAfterId } = first.body.meta
    const rest = await walk(`/contacts/?locationId=${kit.location.id}&limit=4&startAfter=${startAfter}&startAfterId=${startAfterId}`)
    const seen = [...ids(first.body.contacts), ...rest.pages.flat()]
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen).not.toContain(unseen[0].id)
    expect(all.body.contacts.find((c: Json) => c.firstName === 'Newcomer')).toBeDefined()
    expect(seen.length).toBe(all.body.meta.total - 2)
  })

  it('matches `query` against name, email, phone and company, and answers an empty page', async () => {
    const [hopper, , lovelace] = await seedContacts([
      { firstName: 'Grace', lastName: 'Hopper', email: 'amazing.grace@navy.example', companyName: 'Cobol Works' },
      { firstName: 'Alan', lastName: 'Turing', phone: '+447700900123' },
      { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@engines.example' },
    ])
    const search = async (query: string) =>
      ids((await kit.json('GET', `/contacts/?locationId=${kit.location.id}&query=${encodeURIComponent(query)}`)).body.contacts)
    expect(await search('hopper')).toEqual([hopper!.id])
    expect(await search('NAVY.exam')).toEqual([hopper!.id])
    expect(await search('cobol')).toEqual([hopper!.id])
    expect(await search('grace hop')).toEqual([hopper!.id])
    expect(await search('+44 7700 900123')).toHaveLength(1)
    expect(await search('ada love')).toEqual([lovelace!.id])
    expect(await search('Ad')).toContain(lovelace!.id)
    const empty = await expectConformsToSpec('get-contacts', await kit.call('GET', `/contacts/?locationId=${kit.location.id}&query=zzzqqq`))
    expect(empty).toMatchObject({ contacts: [], meta: { total: 0, nextPageUrl: null, currentPage: 1, prevPage: null } })
  })

  it('rejects a limit above 100 and an unknown startAfterId', async () => {
    const res = await kit.json('GET', `/contacts/?locationId=${kit.location.id}&limit=101`)
    expect(res.status).toBe(422)
    expect(res.body.message).toContain('limit must not be greater than 100')
    const unknown = await kit.json('GET', `/contacts/?locationId=${kit.location.id}&startAfterId=nope`)
    expect(unknown.status).toBe(422)
  })
})

describe('POST /contacts/search', () => {
  async function search(body: Json): Promise<Json> {
    const res = await kit.json('POST', '/contacts/search', { locationId: kit.location.id, pageLimit: 100, ...body })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return res.body
  }
  const names = (body: Json) => (body.contacts as Json[]).map((c) => c.firstName).sort()

  it('filters on email, phone, names, tags, assignedTo, dnd and dates, combined and grouped', async () => {
    const t0 = kit.mock.clock.now()
    await seedContacts([
      { firstName: 'Ann', lastName: 'Lee', email: 'ann@acme.example', tags: ['vip', 'webinar'], assignedTo: kit.user.id, companyName: 'Acme' },
      { firstName: 'Bob', lastName: 'Lee', email: 'bob@acme.example', tags: ['vip'], dnd: true, phone: '+15557770001' },
      { firstName: 'Cid', lastName: 'Moe', email: 'cid@other.example', tags: ['webinar'] },
      { firstName: 'Dee', lastName: 'Moe' },
    ])
    // Every filter is combined with "added after t0", so the seeded contacts stay out of the way.
    const newOnes = { field: 'dateAdded', operator: 'gt', value: t0 }
    const filter = (field: string, operator: string, value?: unknown) => search({ filters: [newOnes, { field, operator, value }] })
    expect(names(await filter('email', 'eq', 'ANN@acme.example'))).toEqual(['Ann'])
    expect(names(await filter('email', 'contains', 'acme'))).toEqual(['Ann', 'Bob'])
    expect(names(await filter('phone', 'eq', '(555) 777-0001'))).toEqual(['Bob'])
    expect(names(await filter('lastName', 'eq', 'lee'))).toEqual(['Ann', 'Bob'])
    expect(names(await filter('firstNameLowerCase', 'contains', 'i'))).toEqual(['Cid'])
    expect(names(await filter('tags', 'eq', ['vip', 'webinar']))).toEqual(['Ann'])
    expect(names(await filter('tags', 'contains', ['vip', 'webinar']))).toEqual(['Ann', 'Bob', 'Cid'])
    expect(names(await filter('assignedTo', 'eq', kit.user.id))).toEqual(['Ann'])
    expect(names(await filter('dnd', 'eq', true))).toEqual(['Bob'])
    expect(names(await filter('companyName', 'exists'))).toEqual(['Ann'])
    expect(names(await filter('dateAdded', 'range', { gt: new Date(t0).toISOString() }))).toEqual(['Ann', 'Bob', 'Cid', 'Dee'])
    expect(names(await filter('dateAdded', 'gte', t0 + 3000))).toEqual(['Cid', 'Dee'])
    expect(names(await filter('dateAdded', 'lt', t0 + 2000))).toEqual(['Ann'])
    const everyone = await search({ filters: [{ field: 'dateAdded', operator: 'lt', value: t0 + 2000 }] })
    expect(everyone.total).toBe(kit.mock.runtime.repos.contacts.countByLocation(kit.location.id) - 3)
    expect(names(await search({ filters: [newOnes, { field: 'tags', operator: 'not_contains', value: 'vip' }] }))).toEqual(['Cid', 'Dee'])
    expect(names(await search({ filters: [newOnes, { field: 'email', operator: 'not_exists' }] }))).toEqual(['Dee'])
    const grouped = await search({
      filters: [
        newOnes,
        { group: 'OR', filters: [{ field: 'dnd', operator: 'eq', value: true }, { field: 'lastName', operator: 'eq', value: 'Moe' }] },
      ],
    })
    expect(names(grouped)).toEqual(['Bob', 'Cid', 'Dee'])
    expect(grouped.total).toBe(3)
  })

  it('sorts, pages by number and continues with searchAfter', async () => {
    const t0 = kit.mock.clock.now()
    await seedContacts(['Eve', 'Abe', 'Dan', 'Cal', 'Bea'].map((firstName) => ({ firstName })))
    const base = { filters: [{ field: 'dateAdded', operator: 'gt', value: t0 }], sort: [{ field: 'firstNameLowerCase', direction: 'asc' }] }
    const page1 = await search({ ...base, pageLimit: 2 })
    const page2 = await search({ ...base, pageLimit: 2, page: 2 })
    const page3 = await search({ ...base, pageLimit: 2, page: 3 })
    expect([page1, page2, page3].map((p) => p.contacts.map((c: Json) => c.firstName))).toEqual([['Abe', 'Bea'], ['Cal', 'Dan'], ['Eve']])
    expect(page1.total).toBe(5)
    const after = await search({ ...base, pageLimit: 2, searchAfter: page1.contacts[1].searchAfter })
    expect(after.contacts.map((c: Json) => c.firstName)).toEqual(['Cal', 'Dan'])
    expect(page1.contacts[1].searchAfter).toEqual(['bea', page1.contacts[1].id])
    const newest = await search({ filters: base.filters, pageLimit: 1 })
    expect(newest.contacts[0].firstName).toBe('Bea')
    expect(newest.contacts[0].searchAfter).toEqual([Date.parse(newest.contacts[0].dateAdded), newest.contacts[0].id])
    const last = await search({ ...base, pageLimit: 2, searchAfter: page3.contacts[0].searchAfter })
    expect(last.contacts).toEqual([])
  })

  it('uses the query on name, email, phone and company', async () => {
    await seedContacts([{ firstName: 'Quincy', email: 'q@jones.example' }, { firstName: 'Other', companyName: 'Quincy Labs' }])
    const found = await search({ query: 'quincy' })
    expect(names(found)).toEqual(['Other', 'Quincy'])
  })

  it('answers 422 naming each bad part of the body', async () => {
    const res = await kit.json('POST', '/contacts/search', {
      locationId: kit.location.id,
      page: 0,
      filters: [{ field: 'shoeSize', operator: 'eq', value: 9 }, { field: 'email', operator: 'between', value: 'x' }, { field: 'dateAdded', operator: 'gt', value: 'yesterday' }],
      sort: [{ field: 'favouriteColour', direction: 'up' }],
    })
    expect(res.status).toBe(422)
    const text = (res.body.message as string[]).join('\n')
    for (const part of ['pageLimit should not be empty', 'page must not be less than 1', 'filters[0].field', 'filters[1].operator', 'filters[2].value', 'sort[0].field', 'sort[0].direction']) {
      expect(text).toContain(part)
    }
    const big = await kit.json('POST', '/contacts/search', { locationId: kit.location.id, pageLimit: 101 })
    expect(big.body.message).toContain('pageLimit must not be greater than 100')
    const deep = await kit.json('POST', '/contacts/search', { locationId: kit.location.id, pageLimit: 100, page: 101 })
    expect(deep.status).toBe(422)
  })

  it("never returns another location's contacts", async () => {
    await kit.create({ locationId: kit.other.id, firstName: 'Foreigner', email: 'foreign@example.com' }, kit.otherToken)
    const mine = await search({ query: 'foreign' })
    expect(mine.contacts).toEqual([])
    const theirs = await kit.json('POST', '/contacts/search', { locationId: kit.other.id, pageLimit: 10 })
    expect(theirs.status).toBe(403)
  })

  it('plans every search on an index, never a scan of the contacts table', () => {
    const store = kit.mock.runtime.repos.contactStore
    const specs = [
      { where: [] },
      { where: [{ kind: 'text', field: 'email', op: 'eq', values: ['a@b.c'] }] },
      { where: [{ kind: 'tags', op: 'all', tags: ['vip'] }] },
      { where: [{ kind: 'query', text: 'grace hopper' }] },
      { where: [{ kind: 'dnd', value: true }] },
      { where: [{ kind: 'text', field: 'assignedTo', op: 'eq', values: ['u'] }] },
      { where: [], sort: [{ field: 'firstName', direction: 'asc' }] },
      { where: [], sort: [{ field: 'dateUpdated', direction: 'desc' }] },
    ] as const
    for (const spec of specs) {
      const plan = store.explain({ locationId: kit.location.id, sort: [{ field: 'dateAdded', direction: 'desc' }], limit: 20, ...spec } as never)
      expect(plan.join('\n'), JSON.stringify(spec)).not.toMatch(/SCAN c\b(?! USING)|SCAN contacts\b(?! USING)/)
    }
  })
})

describe('GET /contacts/business/:businessId', () => {
  it("lists the business's contacts, set through the bulk business endpoint", async () => {
    const [a, b] = await seedContacts([{ firstName: 'Biz1' }, { firstName: 'Biz2' }, { firstName: 'NoBiz' }])
    const bulk = await expectConformsToSpec(
      'add-remove-contact-from-business',
      await kit.call('POST', '/contacts/bulk/business', { locationId: kit.location.id, ids: [a!.id, b!.id, 'unknownContact000000'], businessId: 'biz-123' }),
    )
    expect(bulk).toEqual({ success: true, ids: [a!.id, b!.id] })
    const listed = await expectConformsToSpec('get-contacts-by-businessId', await kit.call('GET', `/contacts/business/biz-123?locationId=${kit.location.id}`))
    expect(listed.count).toBe(2)
    expect(ids(listed.contacts).sort()).toEqual([a!.id, b!.id].sort())
    const paged = await kit.json('GET', `/contacts/business/biz-123?locationId=${kit.location.id}&limit=1&skip=1`)
    expect(paged.body.contacts).toHaveLength(1)
    expect(paged.body.count).toBe(2)
    await kit.call('POST', '/contacts/bulk/business', { locationId: kit.location.id, ids: [a!.id], businessId: null })
    const after = await kit.json('GET', `/contacts/business/biz-123?locationId=${kit.location.id}`)
    expect(ids(after.body.contacts)).toEqual([b!.id])
  })
})
