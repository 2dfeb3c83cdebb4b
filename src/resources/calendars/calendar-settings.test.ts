// Calendar resources (rooms, equipment), notifications and availability schedules over HTTP,
// each success body checked against calendars.json, with tenant isolation and bad input.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectError, expectSpec, startCalendarKit, type CalendarKit } from '../../../test/support/calendar-kit.js'

type Json = Record<string, any>

let kit: CalendarKit
let loc: string
let other: string
let users: string[]
let calendar: Json

beforeEach(async () => {
  kit = await startCalendarKit()
  loc = kit.locations[0]!.id
  other = kit.locations[1]!.id
  users = kit.usersOf(loc).map((u) => u.id)
  calendar = (await expectSpec('create-calendar', await kit.call('POST', '/calendars/', { body: { locationId: loc, name: 'Rooms' } }))).calendar
})
afterEach(() => kit.close())

describe('calendar resources', () => {
  it('creates, lists by type, reads, edits and deletes a room', async () => {
    const body = { locationId: loc, name: 'Room A', description: 'Ground floor', quantity: 1, outOfService: 0, capacity: 8, calendarIds: [calendar.id] }
    const room = await expectSpec('create-calendar-resource', await kit.call('POST', '/calendars/resources/rooms', { body }))
    expect(room).toMatchObject({ name: 'Room A', resourceType: 'rooms', isActive: true, calendarIds: [calendar.id] })
    const rooms = await expectSpec('fetch-calendar-resources', await kit.call('GET', `/calendars/resources/rooms?locationId=${loc}&limit=10&skip=0`))
    expect(rooms.map((r: Json) => r.id)).toEqual([room.id])
    expect(await expectSpec('fetch-calendar-resources', await kit.call('GET', `/calendars/resources/equipments?locationId=${loc}&limit=10&skip=0`))).toEqual([])
    expect((await expectSpec('get-calendar-resource', await kit.call('GET', `/calendars/resources/rooms/${room.id}`))).id).toBe(room.id)
    const edited = await expectSpec('update-calendar-resource', await kit.call('PUT', `/calendars/resources/rooms/${room.id}`, { body: { capacity: 10, isActive: false } }))
    expect(edited).toMatchObject({ capacity: 10, isActive: false })
    await expectError(await kit.call('GET', `/calendars/resources/equipments/${room.id}`), 400, 'Resource not found')
    await expectError(await kit.call('GET', `/calendars/resources/rooms/${room.id}`, { as: other }), 400, 'Resource not found')
    expect(await expectSpec('delete-calendar-resource', await kit.call('DELETE', `/calendars/resources/rooms/${room.id}`))).toEqual({ success: true })
    await expectError(await kit.call('POST', '/calendars/resources/tables', { body }), 422, 'resourceType must be one of the following values')
    await expectError(await kit.call('POST', '/calendars/resources/rooms', { body: { locationId: loc } }), 422, 'name should not be empty')
    await expectError(await kit.call('POST', '/calendars/resources/rooms', { body: { ...body, calendarIds: ['nope'] } }), 400, 'Calendar not found')
  })
})

describe('calendar notifications', () => {
  it('creates a batch, lists, finds, edits and soft-deletes notifications', async () => {
    const base = `/calendars/${calendar.id}/notifications`
    const created = await expectSpec('create-event-notification', await kit.call('POST', base, {
      body: [
        { receiverType: 'contact', channel: 'email', notificationType: 'booked', subject: 'Booked', body: 'See you' },
        { receiverType: 'assignedUser', channel: 'inApp', notificationType: 'reminder', beforeTime: [{ timeOffset: 1, unit: 'hours' }] },
      ],
    }))
    expect(created).toHaveLength(2)
    expect(created[0]).toMatchObject({ receiverType: 'contact', isActive: true, deleted: false })
    const list = await expectSpec('get-event-notification', await kit.call('GET', base))
    expect(list.map((n: Json) => n._id)).toEqual(created.map((n: Json) => n._id))
    const found = await expectSpec('find-event-notification', await kit.call('GET', `${base}/${created[0]._id}`))
    expect(found.subject).toBe('Booked')
    expect(await expectSpec('update-event-notification', await kit.call('PUT', `${base}/${created[0]._id}`, { body: { isActive: false } }))).toEqual({ message: 'Notification updated successfully' })
    const inactive = await expectSpec('get-event-notification', await kit.call('GET', `${base}?isActive=false`))
    expect(inactive.map((n: Json) => n._id)).toEqual([created[0]._id])
    await expectSpec('delete-event-notification', await kit.call('DELETE', `${base}/${created[1]._id}`))
    expect((await expectSpec('get-event-notification', await kit.call('GET', `${base}?deleted=true`))).map((n: Json) => n._id)).toEqual([created[1]._id])
    await expectError(await kit.call('POST', base, { body: [{ receiverType: 'robot', channel: 'email' }] }), 422, 'receiverType must be one of the following values')
    await expectError(await kit.call('GET', `${base}/${created[0]._id}`, { as: other }), 400, 'Calendar not found')
  })
})

describe('availability schedules', () => {
  it('creates, searches, edits, associates and deletes a schedule', async () => {
    const rules = [{ type: 'wday', day: 'monday', intervals: [{ from: '09:00', to: '17:00' }] }, { type: 'date', date: '2026-03-10', intervals: [{ from: '10:00', to: '12:00' }] }]
    const created = await expectSpec('createSchedule', await kit.call('POST', '/calendars/schedules', { body: { locationId: loc, name: 'Office', timezone: 'Europe/Paris', userId: users[0], rules } }))
    const id = created.schedule.id
    expect(created.schedule).toMatchObject({ name: 'Office', timezone: 'Europe/Paris', userId: users[0], rules, calendarIds: [], deleted: false })
    expect(await expectSpec('add-calendar-to-schedule', await kit.call('PUT', `/calendars/schedules/${id}/associations/${calendar.id}`))).toEqual({ success: true })
    const found = await expectSpec('getAllSchedules', await kit.call('GET', `/calendars/schedules/search?locationId=${loc}&userId=${users[0]}&calendarId=${calendar.id}`))
    expect(found.schedules.map((s: Json) => s.id)).toEqual([id])
    const updated = await expectSpec('updateSchedule', await kit.call('PUT', `/calendars/schedules/${id}`, { body: { name: 'Office hours' } }))
    expect(updated.schedule).toMatchObject({ name: 'Office hours', calendarIds: [calendar.id] })
    await expectSpec('remove-calendar-from-schedule', await kit.call('DELETE', `/calendars/schedules/${id}/associations/${calendar.id}`))
    expect((await expectSpec('getScheduleById', await kit.call('GET', `/calendars/schedules/${id}`))).schedule.calendarIds).toEqual([])
    await expectError(await kit.call('GET', `/calendars/schedules/${id}`, { as: other }), 404, 'Schedule not found')
    expect(await expectSpec('deleteSchedule', await kit.call('DELETE', `/calendars/schedules/${id}`))).toEqual({ success: true })
    await expectError(await kit.call('GET', `/calendars/schedules/${id}`), 404, 'Schedule not found')
    const bad = await kit.call('POST', '/calendars/schedules', { body: { locationId: loc, name: 'x', timezone: 'Nope', userId: users[0], rules: [{ type: 'wday', day: 'funday', intervals: [{ from: '9am', to: '17:00' }] }] } })
    const problems = (await expectError(bad, 422)).message
    expect(problems).toEqual(expect.arrayContaining(['timezone must be a valid IANA time zone', expect.stringContaining('rules.day'), expect.stringContaining('rules.intervals')]))
  })
})
