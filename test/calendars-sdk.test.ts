// The official SDK's calendar methods against the mock on a real port: what the issue measured
// failing (create → get, list, book → read back, the contact's appointments) now reads back.
import { HighLevel } from '@gohighlevel/api-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type GhlMock } from '../src/server.js'
import { mintToken } from '../src/testing.js'

let mock: GhlMock
beforeAll(async () => {
  mock = await createServer({ world: 'small', clock: 'manual', clockStart: '2026-03-02T12:00:00Z', logLevel: 'silent', port: 0 })
})
afterAll(() => mock.close())

describe('the official SDK’s calendar methods', () => {
  it('creates and reads a calendar, lists it, books free slots and reads the booking back', async () => {
    const location = mock.world().locations[0]!
    const userId = mock.runtime.repos.users.listByLocation(location.id)[0]!.id
    const contactId = mock.runtime.repos.contacts.listByLocation(location.id, 1)[0]!.id
    const token = await mintToken(mock, { locationId: location.id })
    const ghl = new HighLevel({ privateIntegrationToken: token, logLevel: 'error' })
    ghl.getHttpClient().defaults.baseURL = mock.url

    const { calendar } = await ghl.calendars.createCalendar({
      locationId: location.id, name: 'SDK calendar', calendarType: 'round_robin', teamMembers: [{ userId }], slotDuration: 30,
    } as never)
    expect(calendar).toMatchObject({ name: 'SDK calendar', locationId: location.id })
    const read = await ghl.calendars.getCalendar({ calendarId: calendar!.id })
    expect(read.calendar?.id).toBe(calendar!.id)
    const list = await ghl.calendars.getCalendars({ locationId: location.id })
    expect(list.calendars?.map((c) => c.id)).toContain(calendar!.id)

    const start = Date.parse('2026-03-09T00:00:00Z')
    const slots = await ghl.calendars.getSlots({ calendarId: calendar!.id, startDate: start, endDate: start + 86_400_000, timezone: 'UTC' })
    const first = Object.values(slots as Record<string, { slots: string[] }>)[0]!.slots[0]!
    const booked = await ghl.calendars.createAppointment({ calendarId: calendar!.id, locationId: location.id, contactId, startTime: first } as never)
    expect(booked).toMatchObject({ calendarId: calendar!.id, contactId, assignedUserId: userId })
    const event = await ghl.calendars.getAppointment({ eventId: booked.id })
    expect(event.event?.id).toBe(booked.id)
    const events = await ghl.calendars.getCalendarEvents({ locationId: location.id, calendarId: calendar!.id, startTime: String(start), endTime: String(start + 86_400_000) })
    expect(events.events?.map((e) => e.id)).toEqual([booked.id])
    const forContact = await ghl.contacts.getAppointmentsForContact({ contactId })
    expect(forContact.events?.map((e) => e.id)).toContain(booked.id)
  })
})
