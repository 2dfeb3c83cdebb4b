// Calendar CRUD and free slots over HTTP: lifecycle, seeded calendars, tenant isolation, bad
// input, every success body checked against calendars.json.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectError, expectSpec, NOW, startCalendarKit, type CalendarKit } from '../../../test/support/calendar-kit.js'

type Json = Record<string, any>

let kit: CalendarKit
let loc: string
let other: string
let users: string[]

beforeEach(async () => {
  kit = await startCalendarKit()
  loc = kit.locations[0]!.id
  other = kit.locations[1]!.id
  users = kit.usersOf(loc).map((u) => u.id)
})
afterEach(() => kit.close())

const DAY = 86_400_000

async function create(body: Json = {}, as?: string): Promise<Json> {
  const res = await kit.call('POST', '/calendars/', { body: { locationId: as ?? loc, name: 'Haircut', ...body }, as })
  return (await expectSpec('create-calendar', res)).calendar
}

describe('calendar lifecycle', () => {
  it('creates with real settings, reads, lists, updates and deletes', async () => {
    const created = await create({
      calendarType: 'round_robin',
      teamMembers: [{ userId: users[0] }],
      slotDuration: 45,
      slotInterval: 15,
      slotBuffer: 10,
      appoinmentPerSlot: 1,
      appoinmentPerDay: 4,
      allowBookingAfter: 2,
      allowBookingAfterUnit: 'hours',
      allowBookingFor: 14,
      allowBookingForUnit: 'days',
      openHours: [{ daysOfTheWeek: [1, 3], hours: [{ openHour: 10, openMinute: 0, closeHour: 12, closeMinute: 30 }] }],
      availabilities: [{ date: '2026-03-05', hours: [{ openHour: 8, openMinute: 0, closeHour: 9, closeMinute: 0 }] }],
      timezone: 'Europe/Berlin',
      widgetSlug: 'haircut-berlin',
    })
    expect(created).toMatchObject({
      locationId: loc,
      name: 'Haircut',
      calendarType: 'round_robin',
      slotDuration: 45,
      widgetSlug: 'haircut-berlin',
      timezone: 'Europe/Berlin',
      teamMembers: [{ userId: users[0], priority: 0.5, isPrimary: false }],
    })
    const read = await expectSpec('get-calendar', await kit.call('GET', `/calendars/${created.id}`))
    expect(read.calendar).toEqual(created)

    const list = await expectSpec('get-calendars', await kit.call('GET', `/calendars/?locationId=${loc}`))
    expect(list.calendars.map((c: Json) => c.id)).toContain(created.id)

    const updated = await expectSpec('update-calendar', await kit.call('PUT', `/calendars/${created.id}`, { body: { name: 'Long haircut', slotDuration: 60 } }))
    expect(updated.calendar).toMatchObject({ name: 'Long haircut', slotDuration: 60, slotInterval: 15 })

    expect(await expectSpec('delete-calendar', await kit.call('DELETE', `/calendars/${created.id}`))).toEqual({ success: true })
    await expectError(await kit.call('GET', `/calendars/${created.id}`), 400, 'Calendar not found')
  })

  it('lists the seeded calendars of the location, and filters by group', async () => {
    const seeded = kit.repos.calendars.listOf(loc).map((r) => r.id)
    expect(seeded.length).toBeGreaterThan(0)
    const list = await expectSpec('get-calendars', await kit.call('GET', `/calendars/?locationId=${loc}`))
    expect(list.calendars.map((c: Json) => c.id)).toEqual(seeded)
    const grouped = await expectSpec('get-calendars', await kit.call('GET', `/calendars/?locationId=${loc}&groupId=nope`))
    expect(grouped.calendars).toEqual([])
  })

  it('keeps tenants apart: another location’s calendar is not found; its list is forbidden', async () => {
    const theirs = await create({}, other)
    await expectError(await kit.call('GET', `/calendars/${theirs.id}`), 400, 'Calendar not found')
    await expectError(await kit.call('PUT', `/calendars/${theirs.id}`, { body: { name: 'x' } }), 400, 'Calendar not found')
    await expectError(await kit.call('DELETE', `/calendars/${theirs.id}`), 400, 'Calendar not found')
    await expectError(await kit.call('GET', `/calendars/${theirs.id}/free-slots?startDate=${NOW}&endDate=${NOW + DAY}`), 400, 'Calendar not found')
    expect((await kit.call('GET', `/calendars/?locationId=${other}`)).status).toBe(403)
  })

  it('refuses bad settings with one 422 listing every problem', async () => {
    const res = await kit.call('POST', '/calendars/', {
      body: { locationId: loc, calendarType: 'weekly', slotDuration: 'long', openHours: [{ daysOfTheWeek: [9], hours: [] }], timezone: 'Mars/Base' },
    })
    const body = await expectError(res, 422)
    expect(body.message).toEqual(
      expect.arrayContaining([
        'name should not be empty',
        expect.stringContaining('calendarType must be one of the following values'),
        'slotDuration must be a number conforming to the specified constraints',
        expect.stringContaining('openHours.daysOfTheWeek'),
        'timezone must be a valid IANA time zone',
      ]),
    )
    await expectError(await kit.call('POST', '/calendars/', { body: { locationId: loc, name: 'x', teamMembers: [{ userId: 'nobody' }] } }), 422, 'nobody')
  })
})

describe('free slots over HTTP', () => {
  it('answers open hours minus bookings in the requested zone, in the spec shape', async () => {
    const calendar = await create({ slotDuration: 60, slotInterval: 60, timezone: 'America/New_York' })
    const start = Date.parse('2026-03-06T00:00:00Z')
    const res = await kit.call('GET', `/calendars/${calendar.id}/free-slots?startDate=${start}&endDate=${start + 4 * DAY}&timezone=Europe/London`)
    const slots = await expectSpec('get-slots', res)
    expect(Object.keys(slots)).toEqual(['2026-03-06', '2026-03-09'])
    expect(slots['2026-03-06'].slots[0]).toBe('2026-03-06T14:00:00+00:00')
    // After the US change (8 March) and before the UK one, New York 9:00 is 13:00 in London.
    expect(slots['2026-03-09'].slots[0]).toBe('2026-03-09T13:00:00+00:00')
  })

  it('answers the seeded calendars too', async () => {
    const seeded = kit.repos.calendars.listOf(loc)[0]!
    const slots = await expectSpec('get-slots', await kit.call('GET', `/calendars/${seeded.id}/free-slots?startDate=${NOW}&endDate=${NOW + 7 * DAY}`))
    expect(Object.keys(slots).length).toBeGreaterThan(0)
  })

  it('refuses a range over 31 days, an end before the start and missing dates with a 422', async () => {
    const calendar = await create()
    const base = `/calendars/${calendar.id}/free-slots`
    await expectError(await kit.call('GET', `${base}?startDate=${NOW}&endDate=${NOW + 32 * DAY}`), 422, 'Date range cannot be more than 31 days')
    await expectError(await kit.call('GET', `${base}?startDate=${NOW}&endDate=${NOW - DAY}`), 422, 'endDate must not be before startDate')
    await expectError(await kit.call('GET', `${base}?startDate=soon`), 422, 'startDate must be a number')
    await expectError(await kit.call('GET', `${base}?startDate=${NOW}&endDate=${NOW + DAY}&timezone=Nowhere`), 422, 'timezone')
  })
})
