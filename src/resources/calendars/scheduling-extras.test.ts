// Blocked slots, appointment notes and calendar groups over HTTP, each success body checked
// against calendars.json; blocks close free slots and bookings, groups gather calendars.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectError, expectSpec, startCalendarKit, type CalendarKit } from '../../../test/support/calendar-kit.js'

type Json = Record<string, any>

let kit: CalendarKit
let loc: string
let other: string
let users: string[]
let calendar: Json
const TEN = Date.parse('2026-03-09T14:00:00Z')
const HOUR = 3_600_000
const DAY = 24 * HOUR
const iso = (ms: number) => new Date(ms).toISOString()

beforeEach(async () => {
  kit = await startCalendarKit()
  loc = kit.locations[0]!.id
  other = kit.locations[1]!.id
  users = kit.usersOf(loc).map((u) => u.id)
  const res = await kit.call('POST', '/calendars/', { body: { locationId: loc, name: 'Studio', slotDuration: 60, slotInterval: 60, timezone: 'America/New_York' } })
  calendar = (await expectSpec('create-calendar', res)).calendar
})
afterEach(() => kit.close())

const slotsOn = async (dayStart: number): Promise<string[]> => {
  const body = await expectSpec('get-slots', await kit.call('GET', `/calendars/${calendar.id}/free-slots?startDate=${dayStart}&endDate=${dayStart + DAY}`))
  return Object.values(body).flatMap((d: any) => d.slots)
}

describe('blocked slots', () => {
  it('block time off a calendar: gone from free slots, refused for booking, listed, edited and deleted', async () => {
    const day = Date.parse('2026-03-09T05:00:00Z')
    const res = await kit.call('POST', '/calendars/events/block-slots', { body: { calendarId: calendar.id, locationId: loc, title: 'Lunch', startTime: iso(TEN), endTime: iso(TEN + 2 * HOUR) } })
    const block = await expectSpec('create-block-slot', res)
    expect(block).toMatchObject({ title: 'Lunch', calendarId: calendar.id, startTime: '2026-03-09T10:00:00-04:00', endTime: '2026-03-09T12:00:00-04:00' })
    const slots = await slotsOn(day)
    expect(slots).not.toContain('2026-03-09T10:00:00-04:00')
    expect(slots).not.toContain('2026-03-09T11:00:00-04:00')
    expect(slots).toContain('2026-03-09T12:00:00-04:00')
    const booking = await kit.call('POST', '/calendars/events/appointments', { body: { calendarId: calendar.id, locationId: loc, contactId: kit.contactOf(loc), startTime: iso(TEN) } })
    await expectError(booking, 400, 'The slot you have selected is no longer available')

    const listed = await expectSpec('get-blocked-slots', await kit.call('GET', `/calendars/blocked-slots?locationId=${loc}&calendarId=${calendar.id}&startTime=${day}&endTime=${day + DAY}`))
    expect(listed.events.map((e: Json) => e.id)).toEqual([block.id])

    const edited = await expectSpec('edit-block-slot', await kit.call('PUT', `/calendars/events/block-slots/${block.id}`, { body: { calendarId: calendar.id, locationId: loc, endTime: iso(TEN + HOUR) } }))
    expect(edited.endTime).toBe('2026-03-09T11:00:00-04:00')
    expect(await slotsOn(day)).toContain('2026-03-09T11:00:00-04:00')

    expect(await expectSpec('delete-event', await kit.call('DELETE', `/calendars/events/${block.id}`, { body: {} }))).toEqual({ succeeded: true })
    expect(await slotsOn(day)).toContain('2026-03-09T10:00:00-04:00')
  })

  it('refuses bad blocks and keeps tenants apart', async () => {
    await expectError(await kit.call('POST', '/calendars/events/block-slots', { body: { locationId: loc, calendarId: calendar.id, startTime: iso(TEN), endTime: iso(TEN - HOUR) } }), 422, 'endTime must be after startTime')
    await expectError(await kit.call('POST', '/calendars/events/block-slots', { body: { locationId: loc, startTime: iso(TEN), endTime: iso(TEN + HOUR) } }), 422, 'calendarId should not be empty')
    const res = await kit.call('POST', '/calendars/events/block-slots', { body: { calendarId: calendar.id, locationId: loc, startTime: iso(TEN), endTime: iso(TEN + HOUR) } })
    const block = await expectSpec('create-block-slot', res)
    await expectError(await kit.call('PUT', `/calendars/events/block-slots/${block.id}`, { as: other, body: { locationId: other, calendarId: 'x' } }), 400, 'Blocked slot not found')
  })
})

describe('appointment notes', () => {
  it('creates, lists, edits and deletes notes of an appointment', async () => {
    const contactId = kit.contactOf(loc)
    const booked = await expectSpec('create-appointment', await kit.call('POST', '/calendars/events/appointments', { body: { calendarId: calendar.id, locationId: loc, contactId, startTime: iso(TEN) } }))
    const base = `/calendars/appointments/${booked.id}/notes`
    const created = await expectSpec('create-appointment-note', await kit.call('POST', base, { body: { body: 'Bring the forms', userId: users[0] } }))
    expect(created.note).toMatchObject({ body: 'Bring the forms', userId: users[0], contactId, createdBy: { id: users[0] } })
    await kit.call('POST', base, { body: { body: 'Second' } })
    const page = await expectSpec('get-appointment-notes', await kit.call('GET', `${base}?limit=1&offset=0`))
    expect(page.notes).toHaveLength(1)
    expect(page.hasMore).toBe(true)
    const updated = await expectSpec('update-appointment-note', await kit.call('PUT', `${base}/${created.note.id}`, { body: { body: 'Bring two forms' } }))
    expect(updated.note.body).toBe('Bring two forms')
    expect(await expectSpec('delete-appointment-note', await kit.call('DELETE', `${base}/${created.note.id}`))).toEqual({ success: true })
    await expectError(await kit.call('PUT', `${base}/${created.note.id}`, { body: { body: 'x' } }), 400, 'Note not found')
    await expectError(await kit.call('GET', `${base}?limit=50&offset=0`), 422, 'limit must not be greater than 20')
    await expectError(await kit.call('POST', base, { body: {} }), 422, 'body should not be empty')
    await expectError(await kit.call('GET', `${base}?limit=5&offset=0`, { as: other }), 400, 'Appointment not found')
  })
})

describe('calendar groups', () => {
  it('creates, checks slugs, gathers calendars, edits, disables and deletes a group', async () => {
    const created = await expectSpec('create-calendar-group', await kit.call('POST', '/calendars/groups', { body: { locationId: loc, name: 'Sales', description: 'Sales team', slug: 'sales' } }))
    const group = created.group
    expect(group).toMatchObject({ name: 'Sales', slug: 'sales', isActive: true, locationId: loc })
    expect(await expectSpec('validate-groups-slug', await kit.call('POST', '/calendars/groups/validate-slug', { body: { locationId: loc, slug: 'sales' } }))).toEqual({ available: false })
    expect(await expectSpec('validate-groups-slug', await kit.call('POST', '/calendars/groups/validate-slug', { body: { locationId: loc, slug: 'support' } }))).toEqual({ available: true })
    await expectError(await kit.call('POST', '/calendars/groups', { body: { locationId: loc, name: 'Again', description: 'Second', slug: 'sales' } }), 400, 'Slug is not available')

    await kit.call('PUT', `/calendars/${calendar.id}`, { body: { groupId: group.id } })
    const inGroup = await expectSpec('get-calendars', await kit.call('GET', `/calendars/?locationId=${loc}&groupId=${group.id}`))
    expect(inGroup.calendars.map((c: Json) => c.id)).toEqual([calendar.id])
    const booked = await expectSpec('create-appointment', await kit.call('POST', '/calendars/events/appointments', { body: { calendarId: calendar.id, locationId: loc, contactId: kit.contactOf(loc), startTime: iso(TEN) } }))
    const byGroup = await expectSpec('get-calendar-events', await kit.call('GET', `/calendars/events?locationId=${loc}&groupId=${group.id}&startTime=${TEN - DAY}&endTime=${TEN + DAY}`))
    expect(byGroup.events.map((e: Json) => e.id)).toEqual([booked.id])

    const edited = await expectSpec('edit-group', await kit.call('PUT', `/calendars/groups/${group.id}`, { body: { name: 'Sales EU', description: 'EU', slug: 'sales-eu' } }))
    expect(edited.group).toMatchObject({ name: 'Sales EU', slug: 'sales-eu' })
    expect(await expectSpec('disable-group', await kit.call('PUT', `/calendars/groups/${group.id}/status`, { body: { isActive: false } }))).toEqual({ success: true })
    const listed = await expectSpec('get-groups', await kit.call('GET', `/calendars/groups?locationId=${loc}`))
    expect(listed.groups).toEqual([expect.objectContaining({ id: group.id, isActive: false })])
    await expectError(await kit.call('PUT', `/calendars/groups/${group.id}/status`, { as: other, body: { isActive: true } }), 400, 'Group not found')
    expect(await expectSpec('delete-group', await kit.call('DELETE', `/calendars/groups/${group.id}`))).toEqual({ success: true })
    await expectError(await kit.call('PUT', `/calendars/${calendar.id}`, { body: { groupId: group.id } }), 400, 'Group not found')
  })
})
