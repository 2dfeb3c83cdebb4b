import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectConformsToSpec } from '../../../test/support/spec-conformance.js'
import { startContactsKit, type ContactsKit } from '../../testing-internal/contacts-kit.js'

let kit: ContactsKit
beforeEach(async () => {
  kit = await startContactsKit()
})
afterEach(() => kit.close())

describe('contact notes', () => {
  it('creates, lists (newest first), reads, updates and deletes notes with Note* events', async () => {
    const contact = await kit.create({ firstName: 'Noted' })
    kit.clearEvents()
    const first = await expectConformsToSpec(
      'create-note',
      await kit.call('POST', `/contacts/${contact.id}/notes`, { body: 'Called, no answer', userId: kit.user.id, title: 'Call', pinned: true }),
    )
    expect(first.note).toMatchObject({ body: 'Called, no answer', userId: kit.user.id, contactId: contact.id, title: 'Call', pinned: true })
    expect(first.note.dateAdded).toBe(new Date(kit.mock.clock.now()).toISOString())
    await kit.mock.clock.advance(1000)
    const second = (await kit.json('POST', `/contacts/${contact.id}/notes`, { body: 'Left a voicemail' })).body

    const list = await expectConformsToSpec('get-all-notes', await kit.call('GET', `/contacts/${contact.id}/notes`))
    expect(list.notes.map((n: { id: string }) => n.id)).toEqual([second.note.id, first.note.id])

    const got = await expectConformsToSpec('get-note', await kit.call('GET', `/contacts/${contact.id}/notes/${first.note.id}`))
    expect(got.note).toEqual(first.note)

    const updated = await expectConformsToSpec('update-note', await kit.call('PUT', `/contacts/${contact.id}/notes/${first.note.id}`, { body: 'Called back', pinned: false }))
    expect(updated.note).toMatchObject({ id: first.note.id, body: 'Called back', pinned: false, title: 'Call', dateAdded: first.note.dateAdded })

    const deleted = await expectConformsToSpec('delete-note', await kit.call('DELETE', `/contacts/${contact.id}/notes/${first.note.id}`))
    expect(deleted).toEqual({ succeded: true })
    const gone = await kit.json('GET', `/contacts/${contact.id}/notes/${first.note.id}`)
    expect(gone.status).toBe(400)
    expect(gone.body.message).toBe('Note not found')

    const events = kit.events()
    expect(events.map((e) => e.type)).toEqual(['NoteCreate', 'NoteCreate', 'NoteUpdate', 'NoteDelete'])
    expect(events[0]!.payload).toEqual({
      type: 'NoteCreate',
      locationId: kit.location.id,
      id: first.note.id,
      body: 'Called, no answer',
      contactId: contact.id,
      dateAdded: first.note.dateAdded,
    })
    expect(events[2]!.payload).toMatchObject({ type: 'NoteUpdate', body: 'Called back' })
  })

  it('keeps notes to their contact and location', async () => {
    const mine = await kit.create({ firstName: 'Mine' })
    const sibling = await kit.create({ firstName: 'Sibling' })
    const note = (await kit.json('POST', `/contacts/${mine.id}/notes`, { body: 'private' })).body.note
    const viaSibling = await kit.json('GET', `/contacts/${sibling.id}/notes/${note.id}`)
    expect(viaSibling.status).toBe(400)
    const foreignToken = await kit.json('GET', `/contacts/${mine.id}/notes/${note.id}`, undefined, kit.otherToken)
    expect(foreignToken.status).toBe(400)
    expect(foreignToken.body.message).toBe('Contact not found')
  })

  it('deletes a contact’s notes with the contact', async () => {
    const contact = await kit.create({ firstName: 'Short-lived' })
    const note = (await kit.json('POST', `/contacts/${contact.id}/notes`, { body: 'gone soon' })).body.note
    await kit.call('DELETE', `/contacts/${contact.id}`)
    expect(kit.mock.runtime.repos.contactStore.notes.get(contact.id, note.id)).toBeUndefined()
  })

  it('rejects an empty body and a userId from elsewhere', async () => {
    const contact = await kit.create({ firstName: 'Picky' })
    const empty = await kit.json('POST', `/contacts/${contact.id}/notes`, { body: '  ' })
    expect(empty.status).toBe(422)
    expect(empty.body.message).toContain('body should not be empty')
    const stranger = await kit.json('POST', `/contacts/${contact.id}/notes`, { body: 'x', userId: kit.otherUser.id, pinned: 'yes' })
    expect(stranger.status).toBe(422)
    expect(stranger.body.message).toEqual(['pinned must be a boolean value', 'userId must be the id of a user of this location'])
  })
})
