import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectConformsToSpec } from '../../../test/support/spec-conformance.js'
import { startKit, type Kit } from '../../../test/support/location-kit.js'

let kit: Kit
beforeEach(async () => {
  kit = await startKit()
})
afterEach(() => kit.mock.close())

// The live API answers task objects; the spec types `tasks` as an array of arrays.
const TASKS = { ignore: ['/tasks'] }

describe('POST /locations/{locationId}/tasks/search', () => {
  it("searches the sub-account's contact tasks by contact, assignee, completion, text and business", async () => {
    const locationId = kit.locations[0]!.id
    const { repos } = kit.mock.runtime
    const [c1, c2] = repos.contacts.listByLocation(locationId, 2)
    const owner = kit.users.find((u) => u.roles.type === 'account' && u.roles.locationIds.includes(locationId))!
    const token = kit.token({ scopes: ['contacts.write', 'contacts.readonly', 'locations/tasks.readonly', 'businesses.write'] })
    const task = async (contactId: string, body: Record<string, unknown>) => {
      const res = await kit.call('POST', `/contacts/${contactId}/tasks`, { token, body: { completed: false, ...body } })
      expect(res.status).toBe(201)
      return (await res.json()).task as { id: string }
    }
    const call = await task(c1!.id, { title: 'Call back', body: 'About the quote', dueDate: '2030-01-03T10:00:00.000Z', assignedTo: owner.id })
    const email = await task(c1!.id, { title: 'Send email', dueDate: '2030-01-01T10:00:00.000Z' })
    const visit = await task(c2!.id, { title: 'Site visit', dueDate: '2030-01-02T10:00:00.000Z', completed: true })
    // Another sub-account's task never shows.
    const [, b] = kit.locations
    const cb = repos.contacts.listByLocation(b!.id, 1)[0]!
    await kit.call('POST', `/contacts/${cb.id}/tasks`, { token: kit.token({ locationId: b!.id, scopes: ['contacts.write'] }), body: { title: 'Call back', dueDate: '2030-01-01T00:00:00.000Z', completed: false } })

    const search = async (body: Record<string, unknown>) =>
      ((await expectConformsToSpec('task-search', await kit.call('POST', `/locations/${locationId}/tasks/search`, { token, body }), TASKS)).tasks as Array<{ id: string }>).map((t) => t.id)
    expect(await search({})).toEqual([email.id, visit.id, call.id])
    expect(await search({ contactId: [c1!.id] })).toEqual([email.id, call.id])
    expect(await search({ assignedTo: [owner.id] })).toEqual([call.id])
    expect(await search({ completed: true })).toEqual([visit.id])
    expect(await search({ query: 'QUOTE' })).toEqual([call.id])
    expect(await search({ limit: 1, skip: 1 })).toEqual([visit.id])
    const full = (await (await kit.call('POST', `/locations/${locationId}/tasks/search`, { token, body: { query: 'call' } })).json()).tasks
    expect(full).toEqual([expect.objectContaining({ id: call.id, title: 'Call back', contactId: c1!.id, assignedTo: owner.id, completed: false })])

    const biz = (await (await kit.call('POST', '/businesses/', { token, body: { name: 'Acme', locationId } })).json()).buiseness
    repos.contacts.update(c2!.id, { ...c2!.data, businessId: biz.id }, kit.mock.clock.now())
    expect(await search({ businessId: biz.id })).toEqual([visit.id])
  })
})
