import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectConformsToSpec } from '../../../test/support/spec-conformance.js'
import { startContactsKit, type ContactsKit } from '../../testing-internal/contacts-kit.js'

let kit: ContactsKit
beforeEach(async () => {
  kit = await startContactsKit()
})
afterEach(() => kit.close())

describe('contact appointments', () => {
  it("lists a seeded contact's appointments from the calendar records, earliest first", async () => {
    const { repos } = kit.mock.runtime
    const appointments = repos.appointments.listByLocation(kit.location.id, 100)
    const withContact = appointments.find((a) => a.data.contactId)!
    const contactId = String(withContact.data.contactId)
    const expected = appointments.filter((a) => a.data.contactId === contactId).sort((a, b) => Date.parse(String(a.data.startTime)) - Date.parse(String(b.data.startTime)))
    const body = await expectConformsToSpec('get-appointments-for-contact', await kit.call('GET', `/contacts/${contactId}/appointments`))
    expect(body.events.map((e: { id: string }) => e.id)).toEqual(expected.map((a) => a.id))
    expect(body.events[0]).toMatchObject({
      id: expected[0]!.id,
      contactId,
      locationId: kit.location.id,
      calendarId: expected[0]!.data.calendarId,
      startTime: expected[0]!.data.startTime,
      status: expected[0]!.data.appointmentStatus,
    })
    const none = await kit.create({ firstName: 'Unbooked' })
    expect((await kit.json('GET', `/contacts/${none.id}/appointments`)).body).toEqual({ events: [] })
  })
})

describe('campaigns and workflows', () => {
  it('enrols in and removes from campaigns, one by one and all at once', async () => {
    const contact = await kit.create({ firstName: 'Marketed' })
    const store = kit.mock.runtime.repos.contactStore
    const add = await expectConformsToSpec('add-contact-to-campaign', await kit.call('POST', `/contacts/${contact.id}/campaigns/camp1`, {}))
    expect(add).toEqual({ succeded: true })
    await kit.call('POST', `/contacts/${contact.id}/campaigns/camp2`, {})
    await kit.call('POST', `/contacts/${contact.id}/campaigns/camp2`, {})
    expect(store.campaigns.listOf(contact.id).map((e) => e.id)).toEqual(['camp1', 'camp2'])
    const remove = await expectConformsToSpec('remove-contact-from-campaign', await kit.call('DELETE', `/contacts/${contact.id}/campaigns/camp1`))
    expect(remove).toEqual({ succeded: true })
    expect(store.campaigns.listOf(contact.id).map((e) => e.id)).toEqual(['camp2'])
    const all = await expectConformsToSpec('remove-contact-from-every-campaign', await kit.call('DELETE', `/contacts/${contact.id}/campaigns/removeAll`))
    expect(all).toEqual({ succeded: true })
    expect(store.campaigns.listOf(contact.id)).toEqual([])
  })

  it('adds to and removes from workflows, keeping the event start time', async () => {
    const contact = await kit.create({ firstName: 'Automated' })
    const store = kit.mock.runtime.repos.contactStore
    const add = await expectConformsToSpec('add-contact-to-workflow', await kit.call('POST', `/contacts/${contact.id}/workflow/wf1`, { eventStartTime: '2030-01-01T10:00:00Z' }))
    expect(add).toEqual({ succeded: true })
    expect(store.workflows.listOf(contact.id)).toEqual([{ id: 'wf1', addedAt: kit.mock.clock.now(), eventStartTime: '2030-01-01T10:00:00Z' }])
    const bad = await kit.json('POST', `/contacts/${contact.id}/workflow/wf2`, { eventStartTime: 'soon' })
    expect(bad.status).toBe(422)
    const remove = await expectConformsToSpec('delete-contact-from-workflow', await kit.call('DELETE', `/contacts/${contact.id}/workflow/wf1`, {}))
    expect(remove).toEqual({ succeded: true })
    expect(store.workflows.listOf(contact.id)).toEqual([])
  })

  it('answers an unknown or foreign contact with 400 on every enrolment route', async () => {
    const foreign = await kit.create({ locationId: kit.other.id, firstName: 'Theirs' }, kit.otherToken)
    for (const [method, path] of [
      ['POST', `/contacts/${foreign.id}/campaigns/c1`],
      ['DELETE', `/contacts/${foreign.id}/campaigns/removeAll`],
      ['POST', `/contacts/${foreign.id}/workflow/w1`],
      ['GET', `/contacts/${foreign.id}/appointments`],
    ] as const) {
      const res = await kit.json(method, path, method === 'GET' ? undefined : {})
      expect(res.status, path).toBe(400)
      expect(res.body.message).toBe('Contact not found')
    }
    expect(kit.mock.runtime.repos.contactStore.campaigns.listOf(foreign.id)).toEqual([])
  })
})
