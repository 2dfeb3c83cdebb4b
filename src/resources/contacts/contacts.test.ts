import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectConformsToSpec } from '../../../test/support/spec-conformance.js'
import { startContactsKit, type ContactsKit } from '../../testing-internal/contacts-kit.js'

let kit: ContactsKit
beforeEach(async () => {
  kit = await startContactsKit()
})
afterEach(() => kit.close())

describe('contact lifecycle', () => {
  it('creates, reads, updates and deletes a contact, each answer in the spec shape', async () => {
    const created = await expectConformsToSpec(
      'create-contact',
      await kit.call('POST', '/contacts/', {
        locationId: kit.location.id,
        firstName: 'Rosa',
        lastName: 'Parks',
        email: 'Rosa.Parks@Example.com',
        phone: '(555) 201-7788',
        tags: ['VIP ', 'vip', 'Newsletter'],
        dateOfBirth: '1990-09-25',
        assignedTo: kit.user.id,
        country: 'US',
        source: 'api test',
      }),
    )
    const contact = created.contact
    expect(contact).toMatchObject({
      locationId: kit.location.id,
      firstName: 'Rosa',
      lastName: 'Parks',
      firstNameLowerCase: 'rosa',
      lastNameLowerCase: 'parks',
      fullNameLowerCase: 'rosa parks',
      email: 'Rosa.Parks@Example.com',
      emailLowerCase: 'rosa.parks@example.com',
      phone: '+15552017788',
      tags: ['vip', 'newsletter'],
      dateOfBirth: '1990-09-25T00:00:00.000Z',
      birthMonth: 8,
      birthDay: 25,
      assignedTo: kit.user.id,
      dnd: false,
      type: 'lead',
    })
    expect(contact.id).toMatch(/^[A-Za-z0-9]{20}$/)
    expect(contact.dateAdded).toBe(new Date(kit.mock.clock.now()).toISOString())

    const got = await expectConformsToSpec('get-contact', await kit.call('GET', `/contacts/${contact.id}`))
    expect(got.contact).toMatchObject({ id: contact.id, name: 'Rosa Parks', email: 'Rosa.Parks@Example.com' })

    await kit.mock.clock.advance(60_000)
    const updated = await expectConformsToSpec(
      'update-contact',
      await kit.call('PUT', `/contacts/${contact.id}`, { firstName: 'Rosalind', tags: ['customer'], city: 'Montgomery' }),
    )
    expect(updated.succeded).toBe(true)
    expect(updated.contact).toMatchObject({
      firstName: 'Rosalind',
      firstNameLowerCase: 'rosalind',
      fullNameLowerCase: 'rosalind parks',
      lastName: 'Parks',
      tags: ['customer'],
      city: 'Montgomery',
      dateAdded: contact.dateAdded,
    })
    expect(Date.parse(updated.contact.dateUpdated) - Date.parse(contact.dateAdded)).toBe(60_000)

    const deleted = await expectConformsToSpec('delete-contact', await kit.call('DELETE', `/contacts/${contact.id}`))
    expect(deleted).toEqual({ succeded: true })
    const gone = await kit.json('GET', `/contacts/${contact.id}`)
    expect(gone.status).toBe(400)
    expect(gone.body).toMatchObject({ statusCode: 400, message: 'Contact not found' })
  })

  it('splits `name` into first and last name when the halves are not given', async () => {
    const contact = await kit.create({ name: 'Ada  King Lovelace' })
    expect(contact).toMatchObject({ firstName: 'Ada', lastName: 'King Lovelace', fullNameLowerCase: 'ada king lovelace' })
  })

  it('merges custom fields by id and resolves them by key', async () => {
    const fields = kit.mock.runtime.repos.customFields.listByLocation(kit.location.id, 10)
    const [first, second] = fields as [(typeof fields)[number], (typeof fields)[number]]
    const contact = await kit.create({ customFields: [{ id: first.id, field_value: 'alpha' }] })
    expect(contact.customFields).toEqual([{ id: first.id, value: 'alpha' }])
    const key = String(second.data.fieldKey).replace(/^contact\./, '')
    const { body } = await kit.json('PUT', `/contacts/${contact.id}`, { customFields: [{ key, field_value: 'beta' }] })
    expect(body.contact.customFields).toEqual([
      { id: first.id, value: 'alpha' },
      { id: second.id, value: 'beta' },
    ])
  })
})

describe('contact events', () => {
  it('emits ContactCreate, ContactUpdate, ContactDndUpdate, ContactTagUpdate and ContactDelete with the documented fields', async () => {
    const contact = await kit.create({ firstName: 'Ida', lastName: 'Wells', email: 'ida@example.com', tags: ['press'] })
    const [create] = kit.events(['ContactCreate'])
    expect(create).toMatchObject({ type: 'ContactCreate', locationId: kit.location.id })
    expect(create!.payload).toMatchObject({
      type: 'ContactCreate',
      locationId: kit.location.id,
      id: contact.id,
      firstName: 'Ida',
      lastName: 'Wells',
      name: 'Ida Wells',
      email: 'ida@example.com',
      tags: ['press'],
      dnd: false,
      attachments: [],
      customFields: [],
      dateAdded: contact.dateAdded,
    })

    kit.clearEvents()
    await kit.call('PUT', `/contacts/${contact.id}`, { city: 'Memphis' })
    expect(kit.events().map((e) => e.type)).toEqual(['ContactUpdate'])

    kit.clearEvents()
    await kit.call('PUT', `/contacts/${contact.id}`, { dnd: true, dndSettings: { SMS: { status: 'active', message: 'opted out' } } })
    expect(kit.events().map((e) => e.type)).toEqual(['ContactUpdate', 'ContactDndUpdate'])
    expect(kit.events(['ContactDndUpdate'])[0]!.payload).toMatchObject({ id: contact.id, dnd: true, dndSettings: { SMS: { status: 'active', message: 'opted out' } } })

    kit.clearEvents()
    await kit.call('PUT', `/contacts/${contact.id}`, { tags: ['press', 'speaker'] })
    expect(kit.events().map((e) => e.type)).toEqual(['ContactUpdate', 'ContactTagUpdate'])

    kit.clearEvents()
    await kit.call('DELETE', `/contacts/${contact.id}`)
    const deletes = kit.events()
    expect(deletes.map((e) => e.type)).toEqual(['ContactDelete'])
    expect(deletes[0]!.payload).toMatchObject({ id: contact.id, city: 'Memphis', tags: ['press', 'speaker'] })
  })

  it('writes nothing and emits nothing when a request is rejected', async () => {
    const before = kit.mock.runtime.repos.contacts.countByLocation(kit.location.id)
    const res = await kit.json('POST', '/contacts/', { locationId: kit.location.id, email: 'not-an-email' })
    expect(res.status).toBe(422)
    expect(kit.mock.runtime.repos.contacts.countByLocation(kit.location.id)).toBe(before)
    expect(kit.events()).toEqual([])
  })
})

describe('duplicates and upsert', () => {
  it('refuses a second contact with the same email or phone while the location disallows duplicates', async () => {
    const first = await kit.create({ email: 'dup@example.com', phone: '+1 555 000 1111' })
    const byEmail = await kit.json('POST', '/contacts/', { locationId: kit.location.id, email: 'DUP@example.com' })
    expect(byEmail.status).toBe(400)
    expect(byEmail.body).toMatchObject({
      statusCode: 400,
      message: 'This location does not allow duplicated contacts.',
      meta: { contactId: first.id, matchingField: 'email' },
    })
    const byPhone = await kit.json('POST', '/contacts/', { locationId: kit.location.id, phone: '5550001111' })
    expect(byPhone.body.meta).toEqual({ contactId: first.id, matchingField: 'phone' })

    const second = await kit.create({ email: 'other@example.com' })
    const update = await kit.json('PUT', `/contacts/${second.id}`, { email: 'dup@example.com' })
    expect(update.status).toBe(400)
    expect(update.body.meta).toEqual({ contactId: first.id, matchingField: 'email' })
  })

  it('allows duplicates once the location setting is on', async () => {
    const location = kit.mock.runtime.repos.locations.get(kit.location.id)!
    kit.mock.runtime.repos.locations.update({ ...location, settings: { ...location.settings, allowDuplicateContact: true } })
    const first = await kit.create({ email: 'twin@example.com' })
    const second = await kit.create({ email: 'twin@example.com' })
    expect(second.id).not.toBe(first.id)
  })

  it('upserts by email, then by phone, and creates when nothing matches', async () => {
    const existing = await kit.create({ firstName: 'Old', email: 'upsert@example.com', phone: '+15550002222' })
    kit.clearEvents()
    const byEmail = await expectConformsToSpec(
      'upsert-contact',
      await kit.call('POST', '/contacts/upsert', { locationId: kit.location.id, email: 'UPSERT@example.com', firstName: 'New' }),
    )
    expect(byEmail).toMatchObject({ new: false, contact: { id: existing.id, firstName: 'New' } })
    expect(typeof byEmail.traceId).toBe('string')
    expect(kit.events().map((e) => e.type)).toEqual(['ContactUpdate'])

    const byPhone = await kit.json('POST', '/contacts/upsert', { locationId: kit.location.id, phone: '555-000-2222', city: 'Austin' })
    expect(byPhone.body).toMatchObject({ new: false, contact: { id: existing.id, city: 'Austin' } })

    kit.clearEvents()
    const fresh = await kit.json('POST', '/contacts/upsert', { locationId: kit.location.id, email: 'brand.new@example.com' })
    expect(fresh.status).toBe(200)
    expect(fresh.body.new).toBe(true)
    expect(fresh.body.contact.id).not.toBe(existing.id)
    expect(kit.events().map((e) => e.type)).toEqual(['ContactCreate'])
  })

  it('keeps the email match and drops a phone that belongs to another contact', async () => {
    const withEmail = await kit.create({ email: 'mail-only@example.com' })
    const withPhone = await kit.create({ phone: '+15550003333' })
    const { body } = await kit.json('POST', '/contacts/upsert', {
      locationId: kit.location.id,
      email: 'mail-only@example.com',
      phone: '+15550003333',
      lastName: 'Merged',
    })
    expect(body.new).toBe(false)
    expect(body.contact.id).toBe(withEmail.id)
    expect(body.contact.lastName).toBe('Merged')
    expect(body.contact.phone).toBeUndefined()
    const phoneOwner = await kit.json('GET', `/contacts/${withPhone.id}`)
    expect(phoneOwner.body.contact.phone).toBe('+15550003333')
  })

  it('creates a new contact on upsert when duplicates are allowed and asked for', async () => {
    const location = kit.mock.runtime.repos.locations.get(kit.location.id)!
    kit.mock.runtime.repos.locations.update({ ...location, settings: { ...location.settings, allowDuplicateContact: true } })
    const existing = await kit.create({ email: 'again@example.com' })
    const matched = await kit.json('POST', '/contacts/upsert', { locationId: kit.location.id, email: 'again@example.com' })
    expect(matched.body.contact.id).toBe(existing.id)
    const forced = await kit.json('POST', '/contacts/upsert', { locationId: kit.location.id, email: 'again@example.com', createNewIfDuplicateAllowed: true })
    expect(forced.body.new).toBe(true)
    expect(forced.body.contact.id).not.toBe(existing.id)
  })

  it('finds the duplicate by email first, then by number, and answers null when there is none', async () => {
    const byMail = await kit.create({ email: 'find.me@example.com' })
    const byPhone = await kit.create({ phone: '+15550004444' })
    const query = (params: string) => kit.json('GET', `/contacts/search/duplicate?locationId=${kit.location.id}&${params}`)
    expect((await query('email=Find.Me%40example.com')).body.contact.id).toBe(byMail.id)
    expect((await query('number=%2B15550004444')).body.contact.id).toBe(byPhone.id)
    // An unencoded "+" arrives as a space; the number still matches.
    expect((await query('number=+15550004444')).body.contact.id).toBe(byPhone.id)
    expect((await query('email=find.me%40example.com&number=%2B15550004444')).body.contact.id).toBe(byMail.id)
    expect((await query('email=nobody%40example.com')).body).toEqual({ contact: null })
  })
})

describe('tenant isolation', () => {
  it("answers another location's contact exactly like an unknown id", async () => {
    const foreign = await kit.create({ locationId: kit.other.id, firstName: 'Theirs' }, kit.otherToken)
    const unknown = await kit.json('GET', '/contacts/NoSuchContact0000000')
    for (const [method, path, body] of [
      ['GET', `/contacts/${foreign.id}`, undefined],
      ['PUT', `/contacts/${foreign.id}`, { firstName: 'Mine' }],
      ['DELETE', `/contacts/${foreign.id}`, undefined],
      ['POST', `/contacts/${foreign.id}/tags`, { tags: ['x'] }],
      ['GET', `/contacts/${foreign.id}/notes`, undefined],
      ['POST', `/contacts/${foreign.id}/tasks`, { title: 't', dueDate: '2030-01-01T00:00:00Z', completed: false }],
    ] as const) {
      const res = await kit.json(method, path, body)
      expect(res.status, `${method} ${path}`).toBe(unknown.status)
      expect({ ...res.body, traceId: undefined }).toEqual({ ...unknown.body, traceId: undefined })
    }
    const still = await kit.json('GET', `/contacts/${foreign.id}`, undefined, kit.otherToken)
    expect(still.body.contact.firstName).toBe('Theirs')
    expect(still.body.contact.tags).toEqual([])
  })

  it('never lets upsert or duplicate lookup reach into another location', async () => {
    await kit.create({ locationId: kit.other.id, email: 'shared@example.com' }, kit.otherToken)
    const dup = await kit.json('GET', `/contacts/search/duplicate?locationId=${kit.location.id}&email=shared%40example.com`)
    expect(dup.body.contact).toBeNull()
    const mine = await kit.json('POST', '/contacts/upsert', { locationId: kit.location.id, email: 'shared@example.com' })
    expect(mine.body.new).toBe(true)
    const forbidden = await kit.json('POST', '/contacts/', { locationId: kit.other.id, firstName: 'Sneaky' })
    expect(forbidden.status).toBe(403)
  })
})

describe('bad input', () => {
  it('names every bad field in one 422', async () => {
    const res = await kit.json('POST', '/contacts/', {
      locationId: kit.location.id,
      email: 'nope',
      phone: 'call me',
      timezone: 'Mars/Olympus',
      country: 'USA',
      dateOfBirth: 'someday',
      assignedTo: kit.otherUser.id,
      dndSettings: { Pager: { status: 'active' }, SMS: { status: 'sometimes' } },
      customFields: [{ id: 'missingField00000000' }, { nothing: true }],
    })
    expect(res.status).toBe(422)
    expect(res.body.statusCode).toBe(422)
    const text = (res.body.message as string[]).join('\n')
    for (const field of ['email', 'phone', 'timezone', 'country', 'dateOfBirth', 'assignedTo', 'dndSettings.Pager', 'dndSettings.SMS.status', 'customFields.0.id', 'customFields.1']) {
      expect(text).toContain(field)
    }
  })

  it('answers malformed JSON with 400 and never a 500', async () => {
    const res = await kit.mock.app.request('/contacts/', {
      method: 'POST',
      headers: { Authorization: `Bearer ${kit.token}`, Version: '2021-07-28', 'Content-Type': 'application/json' },
      body: '{"locationId": ',
    })
    expect(res.status).toBe(400)
  })
})

describe('reset', () => {
  it('leaves search, totals and the duplicate check consistent after POST /_mock/reset', async () => {
    const seeded = kit.mock.runtime.repos.contacts.countByLocation(kit.location.id)
    await kit.create({ firstName: 'Ephemeral', email: 'ephemeral@example.com', tags: ['temp'] })
    expect((await kit.mock.app.request('/_mock/reset', { method: 'POST' })).status).toBe(200)
    const token = await kit.mint(kit.location.id)
    const search = (body: object) => kit.json('POST', '/contacts/search', { locationId: kit.location.id, pageLimit: 100, ...body }, token)
    expect((await search({})).body.total).toBe(seeded)
    expect((await search({ query: 'ephemeral' })).body.contacts).toEqual([])
    expect((await search({ filters: [{ field: 'tags', operator: 'eq', value: 'temp' }] })).body.total).toBe(0)
    const again = await kit.json('POST', '/contacts/', { locationId: kit.location.id, email: 'ephemeral@example.com', firstName: 'Again' }, token)
    expect(again.status).toBe(201)
    expect((await search({ query: 'again' })).body.total).toBe(1)
  })
})
