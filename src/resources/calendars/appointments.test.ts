// Appointments over HTTP: booking inside free slots, double booking, the override flags, edits,
// deletes, the events query, the contact's appointment list, Appointment* events validated
// against HighLevel's documented schemas, tenant isolation and bad input.
import { Ajv } from 'ajv'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectError, expectSpec, startCalendarKit, webhookSchema, type CalendarKit } from '../../../test/support/calendar-kit.js'
import { appointmentPayload } from '../../webhooks/payloads/appointments.js'

type Json = Record<string, any>

let kit: CalendarKit
let loc: string
let other: string
let users: string[]
let contactId: string
let calendar: Json

/** Monday 9 March 2026, 10:00 in New York (after the US change to -04:00). */
const TEN = Date.parse('2026-03-09T14:00:00Z')
const HOUR = 3_600_000
const iso = (ms: number) => new Date(ms).toISOString()

beforeEach(async () => {
  kit = await startCalendarKit()
  loc = kit.locations[0]!.id
  other = kit.locations[1]!.id
  users = kit.usersOf(loc).map((u) => u.id)
  contactId = kit.contactOf(loc)
  const res = await kit.call('POST', '/calendars/', {
    body: { locationId: loc, name: 'Consult', calendarType: 'round_robin', teamMembers: [{ userId: users[0] }], slotDuration: 60, slotInterval: 60, timezone: 'America/New_York' },
  })
  calendar = (await expectSpec('create-calendar', res)).calendar
  kit.mark()
})
afterEach(() => kit.close())

async function book(body: Json = {}): Promise<Response> {
  return kit.call('POST', '/calendars/events/appointments', { body: { calendarId: calendar.id, locationId: loc, contactId, startTime: iso(TEN), ...body } })
}

describe('appointment lifecycle', () => {
  it('books a free slot, reads it back, edits, cancels and deletes it, with one event per write', async () => {
    const created = await expectSpec('create-appointment', await book({ title: 'First visit' }))
    expect(created).toMatchObject({
      calendarId: calendar.id,
      locationId: loc,
      contactId,
      title: 'First visit',
      appointmentStatus: 'confirmed',
      assignedUserId: users[0],
      startTime: '2026-03-09T10:00:00-04:00',
      endTime: '2026-03-09T11:00:00-04:00',
    })
    const read = await expectSpec('get-appointment', await kit.call('GET', `/calendars/events/appointments/${created.id}`))
    expect(read.event).toMatchObject({ id: created.id, users: [users[0]], startTime: '2026-03-09T10:00:00-04:00' })

    const moved = await expectSpec('edit-appointment', await kit.call('PUT', `/calendars/events/appointments/${created.id}`, { body: { startTime: iso(TEN + 2 * HOUR) } }))
    expect(moved).toMatchObject({ startTime: '2026-03-09T12:00:00-04:00', endTime: '2026-03-09T13:00:00-04:00' })
    const cancelled = await expectSpec('edit-appointment', await kit.call('PUT', `/calendars/events/appointments/${created.id}`, { body: { appointmentStatus: 'cancelled' } }))
    expect(cancelled.appointmentStatus).toBe('cancelled')

    expect(await expectSpec('delete-event', await kit.call('DELETE', `/calendars/events/${created.id}`, { body: {} }))).toEqual({ succeeded: true })
    await expectError(await kit.call('GET', `/calendars/events/appointments/${created.id}`), 400, 'Appointment not found')
    expect(kit.eventsSinceMark().map((e) => e.type)).toEqual(['AppointmentCreate', 'AppointmentUpdate', 'AppointmentUpdate', 'AppointmentDelete'])
  })

  it('emits payloads that match HighLevel’s documented schemas, built by the shared builder', async () => {
    const created = await expectSpec('create-appointment', await book())
    await kit.call('PUT', `/calendars/events/appointments/${created.id}`, { body: { appointmentStatus: 'showed' } })
    await kit.call('DELETE', `/calendars/events/${created.id}`, { body: {} })
    const events = kit.eventsSinceMark()
    const [create, update, remove] = events
    expect(create!.payload).toMatchObject({
      type: 'AppointmentCreate',
      locationId: loc,
      appointment: { id: created.id, calendarId: calendar.id, contactId, assignedUserId: users[0], users: [users[0]], appointmentStatus: 'confirmed', startTime: '2026-03-09T10:00:00-04:00', source: 'third_party' },
    })
    expect((update!.payload as Json).appointment.appointmentStatus).toBe('showed')
    expect((remove!.payload as Json).type).toBe('AppointmentDelete')
    const ajv = new Ajv({ strict: false })
    for (const event of events) {
      const schema = webhookSchema(event.type)
      if (!schema) continue
      const validate = ajv.compile(schema)
      expect(validate(event.payload), JSON.stringify(validate.errors)).toBe(true)
      const props = Object.keys(schema.properties.appointment.properties).sort()
      expect(Object.keys((event.payload as Json).appointment).sort()).toEqual(props)
    }
    expect(appointmentPayload('AppointmentCreate', { id: 'a', locationId: 'l' })).toMatchObject({ appointment: { users: [], notes: '', source: 'third_party' } })
  })

  it('lists the appointment on the contact and in the events queries by calendar, user and range', async () => {
    const created = await expectSpec('create-appointment', await book())
    const forContact = await expectSpec('get-appointments-for-contact', await kit.call('GET', `/contacts/${contactId}/appointments`, { version: '2021-07-28' }))
    expect(forContact.events.map((e: Json) => e.id)).toContain(created.id)

    const range = `startTime=${TEN - 24 * HOUR}&endTime=${TEN + 24 * HOUR}`
    const byCalendar = await expectSpec('get-calendar-events', await kit.call('GET', `/calendars/events?locationId=${loc}&calendarId=${calendar.id}&${range}`))
    expect(byCalendar.events.map((e: Json) => e.id)).toEqual([created.id])
    const byUser = await expectSpec('get-calendar-events', await kit.call('GET', `/calendars/events?locationId=${loc}&userId=${users[0]}&${range}`))
    expect(byUser.events.map((e: Json) => e.id)).toContain(created.id)
    const later = await expectSpec('get-calendar-events', await kit.call('GET', `/calendars/events?locationId=${loc}&calendarId=${calendar.id}&startTime=${TEN + 2 * HOUR}&endTime=${TEN + 3 * HOUR}`))
    expect(later.events).toEqual([])
  })

  it('returns the seeded upcoming appointments from the events query', async () => {
    const seeded = kit.repos.calendars.listOf(loc)[0]!
    const now = kit.mock.clock.now()
    const res = await kit.call('GET', `/calendars/events?locationId=${loc}&calendarId=${seeded.id}&startTime=${now}&endTime=${now + 31 * 24 * HOUR}`)
    const body = await expectSpec('get-calendar-events', res)
    const inRepo = kit.repos.appointments.events({ locationId: loc, calendarId: seeded.id }, now, now + 31 * 24 * HOUR, 100)
    expect(body.events.map((e: Json) => e.id)).toEqual(inRepo.map((r) => r.id))
  })
})

describe('booking rules', () => {
  it('refuses a double booking with HighLevel’s message, and frees the slot in free-slots', async () => {
    await expectSpec('create-appointment', await book())
    await expectError(await book({ contactId: kit.contactOf(loc, 1) }), 400, 'The slot you have selected is no longer available')
    const day = Date.parse('2026-03-09T00:00:00Z')
    const slots = await expectSpec('get-slots', await kit.call('GET', `/calendars/${calendar.id}/free-slots?startDate=${day}&endDate=${day + 24 * HOUR}`))
    expect(slots['2026-03-09'].slots).not.toContain('2026-03-09T10:00:00-04:00')
    expect(slots['2026-03-09'].slots).toContain('2026-03-09T11:00:00-04:00')
  })

  it('refuses a time outside open hours or the booking window unless the request overrides it', async () => {
    const night = Date.parse('2026-03-10T03:00:00Z')
    await expectError(await book({ startTime: iso(night) }), 400, 'no longer available')
    await expectSpec('create-appointment', await book({ startTime: iso(night), ignoreFreeSlotValidation: true }))

    await kit.call('PUT', `/calendars/${calendar.id}`, { body: { allowBookingAfter: 10, allowBookingAfterUnit: 'days' } })
    await expectError(await book(), 400, 'no longer available')
    await expectSpec('create-appointment', await book({ ignoreDateRange: true }))
    // The window is lifted, the slot still has to be free.
    await expectError(await book({ ignoreDateRange: true, contactId: kit.contactOf(loc, 1) }), 400, 'no longer available')
    await expectSpec('create-appointment', await book({ ignoreFreeSlotValidation: true, contactId: kit.contactOf(loc, 1) }))
  })

  it('moves an appointment only into a free slot; a cancelled one frees its time', async () => {
    const first = await expectSpec('create-appointment', await book())
    const second = await expectSpec('create-appointment', await book({ startTime: iso(TEN + HOUR), contactId: kit.contactOf(loc, 1) }))
    await expectError(await kit.call('PUT', `/calendars/events/appointments/${second.id}`, { body: { startTime: iso(TEN) } }), 400, 'no longer available')
    await kit.call('PUT', `/calendars/events/appointments/${first.id}`, { body: { appointmentStatus: 'cancelled' } })
    await expectSpec('edit-appointment', await kit.call('PUT', `/calendars/events/appointments/${second.id}`, { body: { startTime: iso(TEN) } }))
  })
})

describe('appointment isolation and bad input', () => {
  it('keeps tenants apart', async () => {
    const created = await expectSpec('create-appointment', await book())
    await expectError(await kit.call('GET', `/calendars/events/appointments/${created.id}`, { as: other }), 400, 'Appointment not found')
    await expectError(await kit.call('PUT', `/calendars/events/appointments/${created.id}`, { as: other, body: { title: 'x' } }), 400, 'Appointment not found')
    await expectError(await kit.call('DELETE', `/calendars/events/${created.id}`, { as: other, body: {} }), 400, 'Appointment not found')
    // Booking another location's calendar, or with another location's contact.
    await expectError(await book({ locationId: other }), 403)
    const foreignContact = kit.contactOf(other)
    await expectError(await book({ contactId: foreignContact }), 400, 'Contact not found')
    await expectError(await book({ calendarId: 'unknown' }), 400, 'Calendar not found')
    await expectError(await kit.call('GET', `/calendars/events?locationId=${loc}&calendarId=nope&startTime=1&endTime=2`), 400, 'Calendar not found')
  })

  it('refuses bad dates, an end before the start and missing fields with a 422', async () => {
    await expectError(await book({ startTime: 'next tuesday' }), 422, 'startTime must be a valid ISO 8601 date string')
    await expectError(await book({ endTime: iso(TEN - HOUR) }), 422, 'endTime must be after startTime')
    await expectError(await book({ appointmentStatus: 'maybe' }), 422, 'appointmentStatus must be one of the following values')
    const res = await kit.call('POST', '/calendars/events/appointments', { body: {} })
    const body = await expectError(res, 422)
    expect(body.message).toEqual(expect.arrayContaining(['calendarId should not be empty', 'contactId should not be empty', 'startTime should not be empty']))
    await expectError(await kit.call('GET', `/calendars/events?locationId=${loc}&startTime=1&endTime=2`), 422, 'Either calendarId, userId or groupId is required')
    await expectError(await kit.call('GET', `/calendars/events?locationId=${loc}&calendarId=${calendar.id}&startTime=5&endTime=2`), 422, 'endTime must not be before startTime')
  })
})
