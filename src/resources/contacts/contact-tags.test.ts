import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectConformsToSpec } from '../../../test/support/spec-conformance.js'
import { startContactsKit, type ContactsKit } from '../../testing-internal/contacts-kit.js'

let kit: ContactsKit
beforeEach(async () => {
  kit = await startContactsKit()
})
afterEach(() => kit.close())

const locationTags = (k: ContactsKit, locationId: string) =>
  k.mock.runtime.repos.tags.listByLocation(locationId, 1000).map((row) => String(row.data.name))

describe('contact tags', () => {
  it('adds (201) and removes tags, lower-cased and unique, emitting ContactTagUpdate only', async () => {
    const contact = await kit.create({ firstName: 'Tagged', tags: ['one'] })
    kit.clearEvents()
    const added = await expectConformsToSpec('add-tags', await kit.call('POST', `/contacts/${contact.id}/tags`, { tags: ['Two', 'one', ' three '] }))
    expect(added).toEqual({ tags: ['one', 'two', 'three'] })
    expect(kit.events().map((e) => e.type)).toEqual(['ContactTagUpdate'])
    expect(kit.events()[0]!.payload).toMatchObject({ type: 'ContactTagUpdate', id: contact.id, tags: ['one', 'two', 'three'] })
    expect(locationTags(kit, kit.location.id)).toEqual(expect.arrayContaining(['one', 'two', 'three']))

    kit.clearEvents()
    const removed = await expectConformsToSpec('remove-tags', await kit.call('DELETE', `/contacts/${contact.id}/tags`, { tags: ['ONE', 'absent'] }))
    expect(removed).toEqual({ tags: ['two', 'three'] })
    expect(kit.events().map((e) => e.type)).toEqual(['ContactTagUpdate'])

    kit.clearEvents()
    await kit.call('DELETE', `/contacts/${contact.id}/tags`, { tags: ['absent'] })
    expect(kit.events()).toEqual([])
    const got = await kit.json('GET', `/contacts/${contact.id}`)
    expect(got.body.contact.tags).toEqual(['two', 'three'])
  })

  it('finds contacts by a tag added through the tag endpoint', async () => {
    const contact = await kit.create({ firstName: 'Findable' })
    await kit.call('POST', `/contacts/${contact.id}/tags`, { tags: ['needle-tag'] })
    const found = await kit.json('POST', '/contacts/search', { locationId: kit.location.id, pageLimit: 10, filters: [{ field: 'tags', operator: 'eq', value: 'needle-tag' }] })
    expect(found.body.contacts.map((c: { id: string }) => c.id)).toEqual([contact.id])
    expect(found.body.total).toBe(1)
  })

  it('rejects a missing or empty tag list', async () => {
    const contact = await kit.create({ firstName: 'Strict' })
    for (const body of [{}, { tags: [] }, { tags: 'vip' }, { tags: [1] }]) {
      const res = await kit.json('POST', `/contacts/${contact.id}/tags`, body)
      expect(res.status, JSON.stringify(body)).toBe(422)
      expect(res.body.message.join(' ')).toContain('tags')
    }
  })
})

describe('bulk tag update', () => {
  it('adds and removes tags on many contacts, counting unknown and foreign ids as errors', async () => {
    const a = await kit.create({ firstName: 'A', tags: ['keep'] })
    const b = await kit.create({ firstName: 'B' })
    const foreign = await kit.create({ locationId: kit.other.id, firstName: 'F' }, kit.otherToken)
    kit.clearEvents()
    const added = await expectConformsToSpec(
      'contacts.create-association',
      await kit.call('POST', '/contacts/bulk/tags/update/add', { locationId: kit.location.id, contacts: [a.id, b.id, foreign.id], tags: ['Promo'] }),
    )
    expect(added).toMatchObject({ succeded: false, errorCount: 1 })
    expect(added.responses).toEqual([`Contact not found: ${foreign.id}`])
    expect(kit.events(['ContactTagUpdate']).map((e) => e.payload.id)).toEqual([a.id, b.id])
    expect((await kit.json('GET', `/contacts/${a.id}`)).body.contact.tags).toEqual(['keep', 'promo'])
    expect((await kit.json('GET', `/contacts/${foreign.id}`, undefined, kit.otherToken)).body.contact.tags).toEqual([])

    const removed = await kit.json('POST', '/contacts/bulk/tags/update/remove', { locationId: kit.location.id, contacts: [a.id, b.id], tags: ['promo'] })
    expect(removed.status).toBe(201)
    expect(removed.body).toEqual({ succeded: true, errorCount: 0, responses: [] })
    expect((await kit.json('GET', `/contacts/${a.id}`)).body.contact.tags).toEqual(['keep'])

    await kit.call('POST', '/contacts/bulk/tags/update/remove', { locationId: kit.location.id, contacts: [a.id], tags: [], removeAllTags: true })
    expect((await kit.json('GET', `/contacts/${a.id}`)).body.contact.tags).toEqual([])
  })

  it('rejects an unknown type, too many contacts and a foreign location', async () => {
    const bad = await kit.json('POST', '/contacts/bulk/tags/update/toggle', { locationId: kit.location.id, contacts: ['x'], tags: ['t'] })
    expect(bad.status).toBe(422)
    expect(bad.body.message).toEqual(['type must be one of the following values: add, remove'])
    const many = await kit.json('POST', '/contacts/bulk/tags/update/add', { locationId: kit.location.id, contacts: Array.from({ length: 101 }, (_, i) => `c${i}`), tags: ['t'] })
    expect(many.status).toBe(422)
    expect(many.body.message).toContain('contacts must contain no more than 100 elements')
    const foreign = await kit.json('POST', '/contacts/bulk/tags/update/add', { locationId: kit.other.id, contacts: ['x'], tags: ['t'] })
    expect(foreign.status).toBe(403)
  })
})

describe('followers', () => {
  it('adds (201) and removes followers who are users of the location', async () => {
    const contact = await kit.create({ firstName: 'Followed' })
    const added = await expectConformsToSpec('add-followers-contact', await kit.call('POST', `/contacts/${contact.id}/followers`, { followers: [kit.user.id] }))
    expect(added).toEqual({ followers: [kit.user.id], followersAdded: [kit.user.id] })
    const again = await kit.json('POST', `/contacts/${contact.id}/followers`, { followers: [kit.user.id] })
    expect(again.body).toEqual({ followers: [kit.user.id], followersAdded: [] })
    const outsider = await kit.json('POST', `/contacts/${contact.id}/followers`, { followers: [kit.otherUser.id] })
    expect(outsider.status).toBe(422)
    const removed = await expectConformsToSpec('remove-followers-contact', await kit.call('DELETE', `/contacts/${contact.id}/followers`, { followers: [kit.user.id] }))
    expect(removed).toEqual({ followers: [], followersRemoved: [kit.user.id] })
  })
})
