import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectConformsToSpec } from '../../../test/support/spec-conformance.js'
import { startKit, type Kit } from '../../../test/support/location-kit.js'

let kit: Kit
beforeEach(async () => {
  kit = await startKit()
})
afterEach(() => kit.mock.close())

const rule = { intervalType: 'weekly', interval: 1, startDate: '2030-01-06T09:00:00.000Z', dayOfWeek: 'MO', dueAfterSeconds: 3600 }

describe('recurring tasks', () => {
  it('creates (201), reads, updates and deletes a rule', async () => {
    const locationId = kit.locations[0]!.id
    const base = `/locations/${locationId}/recurring-tasks`
    const contact = kit.mock.runtime.repos.contacts.listByLocation(locationId, 1)[0]!
    const owner = kit.users.find((u) => u.roles.type === 'account' && u.roles.locationIds.includes(locationId))!
    const created = await expectConformsToSpec('create-recurring-task', await kit.call('POST', base, {
      body: { title: 'Weekly check-in', description: 'Call the client', contactIds: [contact.id], owners: [owner.id], rruleOptions: rule },
    }))
    expect(created.recurringTask).toMatchObject({
      id: expect.stringMatching(/^[A-Za-z0-9]{20}$/), title: 'Weekly check-in', description: 'Call the client', locationId,
      rruleOptions: rule, totalOccurrence: 0, deleted: false, assignedTo: owner.id, contactId: contact.id,
    })
    const id = created.recurringTask.id
    expect((await expectConformsToSpec('get-recurring-task-by-id', await kit.call('GET', `${base}/${id}`))).recurringTask).toEqual(created.recurringTask)
    const updated = await expectConformsToSpec('update-recurring-task', await kit.call('PUT', `${base}/${id}`, {
      body: { title: 'Bi-weekly check-in', rruleOptions: { ...rule, interval: 2, count: 10 } },
    }))
    expect(updated.recurringTask).toMatchObject({ title: 'Bi-weekly check-in', rruleOptions: { interval: 2, count: 10 }, contactId: contact.id })
    expect(await expectConformsToSpec('delete-recurring-task', await kit.call('DELETE', `${base}/${id}`))).toEqual({ id, success: true })
    const gone = await kit.call('GET', `${base}/${id}`)
    expect(gone.status).toBe(400)
    expect((await gone.json()).message).toBe('Recurring task not found')
  })

  it('names every bad field, and rejects contacts and owners of another sub-account', async () => {
    const [a, b] = kit.locations
    const base = `/locations/${a!.id}/recurring-tasks`
    const bad = await kit.call('POST', base, { body: { rruleOptions: { intervalType: 'minutely', startDate: 'soon', dayOfWeek: 'XX' } } })
    expect(bad.status).toBe(422)
    expect((await bad.json()).message).toEqual([
      'title should not be empty',
      'rruleOptions.intervalType must be one of the following values: yearly, monthly, weekly, daily, hourly',
      'rruleOptions.interval should not be empty',
      'rruleOptions.startDate must be a valid ISO 8601 date string',
      'rruleOptions.dueAfterSeconds should not be empty',
      'rruleOptions.dayOfWeek must be one of the following values: MO, TU, WE, TH, FR, SA, SU',
    ])
    const contactOfB = kit.mock.runtime.repos.contacts.listByLocation(b!.id, 1)[0]!
    const res = await kit.call('POST', base, { body: { title: 'x', contactIds: [contactOfB.id], rruleOptions: rule } })
    expect(res.status).toBe(400)
    expect((await res.json()).message).toBe('Contact not found')
    const ownerOfB = kit.users.find((u) => u.roles.type === 'account' && u.roles.locationIds.includes(b!.id))!
    expect((await kit.call('POST', base, { body: { title: 'x', owners: [ownerOfB.id], rruleOptions: rule } })).status).toBe(400)
    // B's rule is unknown to A.
    const tokenB = kit.token({ locationId: b!.id })
    const ofB = (await (await kit.call('POST', `/locations/${b!.id}/recurring-tasks`, { token: tokenB, body: { title: 'b', rruleOptions: rule } })).json()).recurringTask
    expect((await kit.call('GET', `${base}/${ofB.id}`)).status).toBe(400)
    expect((await kit.call('DELETE', `${base}/${ofB.id}`)).status).toBe(400)
  })
})

describe('POST /locations/{locationId}/tasks/search', () => {
  it('answers the spec shape and checks its filters', async () => {
    const locationId = kit.locations[0]!.id
    const res = await kit.call('POST', `/locations/${locationId}/tasks/search`, { body: { completed: false, limit: 10 } })
    expect(await expectConformsToSpec('task-search', res)).toEqual({ tasks: [] })
    const bad = await kit.call('POST', `/locations/${locationId}/tasks/search`, { body: { contactId: 'abc', limit: 0, completed: 'maybe' } })
    expect(bad.status).toBe(422)
    expect((await bad.json()).message).toEqual([
      'each value in contactId must be a string',
      'completed must be a boolean value',
      'limit must not be less than 1',
    ])
  })
})

// The spec's `oneOf` of the SMS and email template schemas cannot be met by any object: neither
// has required fields nor forbids extra ones, so every template matches both. The items are
// checked field by field instead.
const TEMPLATES = { ignore: ['/templates'] }

describe('templates', () => {
  it('lists stored templates by type, newest first, and soft-deletes them', async () => {
    const locationId = kit.locations[0]!.id
    const { repos } = kit.mock.runtime
    const add = (id: string, type: 'sms' | 'email', at: number) => {
      const template = type === 'sms'
        ? { id, name: `SMS ${id}`, type, template: { body: 'Hi {{contact.first_name}}', attachments: [] }, dateAdded: new Date(at).toISOString(), locationId, urlAttachments: [] }
        : { id, name: `Email ${id}`, type, template: { subject: 'Welcome', html: '<p>Hi</p>', attachments: [] }, dateAdded: new Date(at).toISOString(), locationId }
      repos.templates.insert({ id, locationId, data: template, createdAt: at, updatedAt: at })
    }
    add('tplSms0000000000001', 'sms', 1_000)
    add('tplEmail00000000002', 'email', 2_000)
    add('tplSms0000000000003', 'sms', 3_000)
    const base = `/locations/${locationId}/templates?originId=${locationId}`
    const listed = await expectConformsToSpec('GET-all-or-email-sms-templates', await kit.call('GET', base), TEMPLATES)
    expect(listed.templates.map((t: { id: string }) => t.id)).toEqual(['tplSms0000000000003', 'tplEmail00000000002', 'tplSms0000000000001'])
    expect(listed.templates[1]).toEqual({
      id: 'tplEmail00000000002', name: 'Email tplEmail00000000002', type: 'email', locationId, dateAdded: new Date(2_000).toISOString(),
      template: { subject: 'Welcome', html: '<p>Hi</p>', attachments: [] },
    })
    expect(listed.totalCount).toBe(3)
    const sms = await expectConformsToSpec('GET-all-or-email-sms-templates', await kit.call('GET', `${base}&type=sms&limit=1`), TEMPLATES)
    expect(sms).toMatchObject({ templates: [{ id: 'tplSms0000000000003' }], totalCount: 2 })

    const del = await kit.call('DELETE', `/locations/${locationId}/templates/tplSms0000000000003`)
    expect(del.status).toBe(200)
    expect((await kit.call('DELETE', `/locations/${locationId}/templates/tplSms0000000000003`)).status).toBe(400)
    expect((await (await kit.call('GET', base)).json()).totalCount).toBe(2)
    const deleted = await (await kit.call('GET', `${base}&deleted=true`)).json()
    expect(deleted.templates.map((t: { id: string }) => t.id)).toEqual(['tplSms0000000000003'])

    const noOrigin = await kit.call('GET', `/locations/${locationId}/templates`)
    expect(noOrigin.status).toBe(422)
    expect((await noOrigin.json()).message).toEqual(['originId should not be empty'])
    const other = kit.locations[1]!.id
    expect(await (await kit.call('GET', `/locations/${other}/templates?originId=${other}`, { token: kit.token({ locationId: other }) })).json()).toEqual({ templates: [], totalCount: 0 })
  })
})
