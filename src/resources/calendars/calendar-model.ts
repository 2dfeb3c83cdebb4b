// A calendar record: the defaults a new one gets (as HighLevel's calendar settings page shows
// them), its API view (CalendarDTO), tenant-safe loading, and the slot rules it implies.
import { GhlError } from '../../errors.js'
import type { Repos } from '../../storage/repos.js'
import type { RecordRow } from '../../storage/records.js'
import { mayActOnLocationId, type Ctx, type JsonObject } from '../kit/index.js'
import { userOfLocation } from '../contacts/contact-shape.js'
import type { Hours, SlotRules } from './slot-engine.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** Unknown and foreign calendar ids read alike (the spec lists 400, no 404, for calendar operations). */
export const calendarNotFound = () => new GhlError(400, 'Calendar not found')

/** Monday to Friday, 9:00 to 17:00: a new calendar's weekly hours. */
export const DEFAULT_OPEN_HOURS = [{ daysOfTheWeek: [1, 2, 3, 4, 5], hours: [{ openHour: 9, openMinute: 0, closeHour: 17, closeMinute: 0 }] }]

/** What a calendar holds before the create body applies. */
export function calendarDefaults(): JsonObject {
  return {
    description: '',
    calendarType: 'event',
    widgetType: 'default',
    eventTitle: '{{contact.name}}',
    eventColor: '#039be5',
    teamMembers: [],
    locationConfigurations: [],
    slotDuration: 30,
    slotDurationUnit: 'mins',
    slotInterval: 30,
    slotIntervalUnit: 'mins',
    slotBuffer: 0,
    slotBufferUnit: 'mins',
    preBuffer: 0,
    preBufferUnit: 'mins',
    appoinmentPerSlot: 1,
    appoinmentPerDay: 0,
    allowBookingAfter: 0,
    allowBookingAfterUnit: 'hours',
    allowBookingFor: 0,
    allowBookingForUnit: 'days',
    openHours: DEFAULT_OPEN_HOURS,
    availabilities: [],
    availabilityType: 0,
    enableRecurring: false,
    autoConfirm: true,
    allowReschedule: true,
    allowCancellation: true,
    isActive: true,
    notifications: [],
  }
}

/** The CalendarDTO: the record's fields, team members with the response's defaults filled in. */
export function calendarView(calendar: JsonObject): JsonObject {
  const members = Array.isArray(calendar.teamMembers) ? (calendar.teamMembers as JsonObject[]) : []
  return {
    ...calendar,
    teamMembers: members.map((m) => ({ priority: 0.5, meetingLocationType: 'custom', isPrimary: false, ...m })),
  }
}

/** The calendar if the caller may see it; another tenant's id reads as an unknown one. */
export function loadCalendar(c: Ctx, id: string): RecordRow<JsonObject> {
  const row = c.var.runtime.repos.calendars.get(id)
  if (!row || !mayActOnLocationId(c, row.locationId)) throw calendarNotFound()
  return row
}

/** The team member ids that are not users of the location. */
export function strangers(repos: Repos, locationId: string, teamMembers: unknown): string[] {
  if (!Array.isArray(teamMembers)) return []
  return (teamMembers as JsonObject[]).map((m) => String(m.userId)).filter((id) => !userOfLocation(repos, locationId, id))
}

export const memberIds = (calendar: JsonObject): string[] =>
  Array.isArray(calendar.teamMembers) ? (calendar.teamMembers as JsonObject[]).map((m) => String(m.userId)) : []

const minutes = (value: unknown, unit: unknown, fallback: number): number => {
  const n = typeof value === 'number' && value > 0 ? value : fallback
  return unit === 'hours' ? n * 60 : n
}
/** Calendar types where any one free team member makes a slot bookable. */
const ONE_OF_TEAM = new Set(['round_robin', 'personal', 'service_booking'])
const UNIT_MS: Record<string, number> = { hours: HOUR, days: DAY, weeks: 7 * DAY, months: 30 * DAY }

/** A booking's length when the request gives no end: the calendar's slot duration. */
export const slotDurationMs = (calendar: JsonObject): number => minutes(calendar.slotDuration, calendar.slotDurationUnit, 30) * 60_000

/** The zone open hours are written in: the calendar's own, else its location's, else UTC. */
export function zoneOf(repos: Repos, calendar: JsonObject): string {
  if (typeof calendar.timezone === 'string' && calendar.timezone) return calendar.timezone
  return repos.locations.get(String(calendar.locationId))?.timezone || 'UTC'
}

/**
 * The slot rules of a calendar at `now`. Minimum notice is `allowBookingAfter` (hours by default),
 * the window `allowBookingFor` (0: unlimited; a month counts 30 days). Round robin offers a slot
 * while one member is free, collective while all are; other types count bookings per slot.
 */
export function rulesOf(repos: Repos, calendar: JsonObject, now: number, members?: string[]): SlotRules {
  const durationMin = minutes(calendar.slotDuration, calendar.slotDurationUnit, 30)
  const type = calendar.calendarType
  const team = members ?? memberIds(calendar)
  const after = typeof calendar.allowBookingAfter === 'number' ? calendar.allowBookingAfter : 0
  const ahead = typeof calendar.allowBookingFor === 'number' ? calendar.allowBookingFor : 0
  return {
    zone: zoneOf(repos, calendar),
    openHours: Array.isArray(calendar.openHours) ? (calendar.openHours as SlotRules['openHours']) : DEFAULT_OPEN_HOURS,
    availabilities: Array.isArray(calendar.availabilities) ? (calendar.availabilities as { date: string; hours: Hours[]; deleted?: boolean }[]) : [],
    durationMin,
    intervalMin: minutes(calendar.slotInterval, calendar.slotIntervalUnit, durationMin),
    gapMin: Math.max(minutes(calendar.slotBuffer, calendar.slotBufferUnit, 0), minutes(calendar.preBuffer, calendar.preBufferUnit, 0)),
    perSlot: typeof calendar.appoinmentPerSlot === 'number' && calendar.appoinmentPerSlot > 0 ? calendar.appoinmentPerSlot : 1,
    perDay: typeof calendar.appoinmentPerDay === 'number' && calendar.appoinmentPerDay > 0 ? calendar.appoinmentPerDay : undefined,
    earliest: now + after * (UNIT_MS[String(calendar.allowBookingAfterUnit ?? 'hours')] ?? HOUR),
    latest: ahead > 0 ? now + ahead * (UNIT_MS[String(calendar.allowBookingForUnit ?? 'days')] ?? DAY) : undefined,
    mode: team.length === 0 ? 'calendar' : type === 'collective' ? 'all' : ONE_OF_TEAM.has(String(type)) ? 'any' : 'calendar',
    members: team,
  }
}
