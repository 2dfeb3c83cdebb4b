import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectConformsToSpec } from '../../../test/support/spec-conformance.js'
import { startContactsKit, type ContactsKit } from '../../testing-internal/contacts-kit.js'

let kit: ContactsKit
beforeEach(async () => {
  kit = await startContactsKit()
})
afterEach(() => kit.close())

describe('contact tasks', () => {
  it('creates, lists by due date, reads, updates, completes and deletes tasks with Task* events', async () => {
    const contact = await kit.create({ firstName: 'Busy' })
    kit.clearEvents()
    const later = await expectConformsToSpec(
      'create-task',
      await kit.call('POST', `/contacts/${contact.id}/tasks`, {
        title: 'Send proposal',
        body: 'Pricing for 12 months',
        dueDate: '2030-02-01T10:00:00Z',
        completed: false,
        assignedTo: kit.user.id,
      }),
    )
    expect(later.task).toMatchObject({
      title: 'Send proposal',
      body: 'Pricing for 12 months',
      dueDate: '2030-02-01T10:00:00.000Z',
      completed: false,
      assignedTo: kit.user.id,
      contactId: contact.id,
    })
    const sooner = (await kit.json('POST', `/contacts/${contact.id}/tasks`, { title: 'Call', dueDate: '2030-01-15T09:00:00Z', completed: false })).body.task

    const list = await expectConformsToSpec('get-all-tasks', await kit.call('GET', `/contacts/${contact.id}/tasks`))
    expect(list.tasks.map((t: { id: string }) => t.id)).toEqual([sooner.id, later.task.id])
    const got = await expectConformsToSpec('get-task', await kit.call('GET', `/contacts/${contact.id}/tasks/${later.task.id}`))
    expect(got.task).toEqual(later.task)

    const updated = await expectConformsToSpec('update-task', await kit.call('PUT', `/contacts/${contact.id}/tasks/${later.task.id}`, { title: 'Send final proposal' }))
    expect(updated.task).toMatchObject({ title: 'Send final proposal', completed: false, body: 'Pricing for 12 months' })
    const done = await expectConformsToSpec('update-task-completed', await kit.call('PUT', `/contacts/${contact.id}/tasks/${later.task.id}/completed`, { completed: true }))
    expect(done.task.completed).toBe(true)
    const deleted = await expectConformsToSpec('delete-task', await kit.call('DELETE', `/contacts/${contact.id}/tasks/${later.task.id}`))
    expect(deleted).toEqual({ succeded: true })
    expect((await kit.json('GET', `/contacts/${contact.id}/tasks/${later.task.id}`)).body).toMatchObject({ statusCode: 400, message: 'Task not found' })

    const events = kit.events()
    expect(events.map((e) => e.type)).toEqual(['TaskCreate', 'TaskCreate', 'TaskUpdate', 'TaskComplete', 'TaskDelete'])
    expect(events[0]!.payload).toEqual({
      type: 'TaskCreate',
      locationId: kit.location.id,
      id: later.task.id,
      assignedTo: kit.user.id,
      body: 'Pricing for 12 months',
      contactId: contact.id,
      title: 'Send proposal',
      dateAdded: later.task.dateAdded,
      dueDate: '2030-02-01T10:00:00.000Z',
    })
    expect(events[3]!.payload).toMatchObject({ type: 'TaskComplete', id: later.task.id, completed: true, title: 'Send final proposal' })
  })

  it('emits TaskUpdate when a completed task is reopened, and nothing for a no-op', async () => {
    const contact = await kit.create({ firstName: 'Reopen' })
    const task = (await kit.json('POST', `/contacts/${contact.id}/tasks`, { title: 'T', dueDate: '2030-01-01T00:00:00Z', completed: true })).body.task
    kit.clearEvents()
    await kit.call('PUT', `/contacts/${contact.id}/tasks/${task.id}/completed`, { completed: true })
    expect(kit.events()).toEqual([])
    await kit.call('PUT', `/contacts/${contact.id}/tasks/${task.id}/completed`, { completed: false })
    expect(kit.events().map((e) => e.type)).toEqual(['TaskUpdate'])
  })

  it('keeps task columns in step for location-wide task search', async () => {
    const contact = await kit.create({ firstName: 'Columns' })
    const task = (await kit.json('POST', `/contacts/${contact.id}/tasks`, { title: 'T', dueDate: '2030-03-01T00:00:00Z', completed: false, assignedTo: kit.user.id })).body.task
    await kit.call('PUT', `/contacts/${contact.id}/tasks/${task.id}/completed`, { completed: true })
    const row = kit.mock.runtime.repos.db.prepare('SELECT location_id, assigned_to, completed, due_at FROM contact_tasks WHERE id = ?').get(task.id)
    expect(row).toEqual({ location_id: kit.location.id, assigned_to: kit.user.id, completed: 1, due_at: Date.parse('2030-03-01T00:00:00Z') })
  })

  it('names each missing or bad field', async () => {
    const contact = await kit.create({ firstName: 'Sloppy' })
    const res = await kit.json('POST', `/contacts/${contact.id}/tasks`, { dueDate: 'next week', assignedTo: kit.otherUser.id })
    expect(res.status).toBe(422)
    expect(res.body.message).toEqual([
      'title should not be empty',
      'dueDate must be a valid ISO 8601 date string',
      'completed should not be empty',
      'assignedTo must be the id of a user of this location',
    ])
    const completed = await kit.json('PUT', `/contacts/${contact.id}/tasks/nope/completed`, { completed: true })
    expect(completed.status).toBe(400)
  })
})
