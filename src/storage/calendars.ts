// The scheduling repositories: calendars (by group), appointments (busy time and event queries by
// calendar, user or group over a time range), blocked slots, calendar groups and appointment
// notes. Every statement is prepared once; ranges are index range reads (migration 10).
import type { Db } from './db.js'
import { createRecordRepo, recordRowFromRaw, type RawRecordRow, type RecordRepo, type RecordRow } from './records.js'

type Json = Record<string, unknown>

/**
 * How far before a range an overlapping appointment may start. Range reads walk the start-time
 * index from (range start - this), so an appointment longer than a week is missed at a range's edge.
 */
export const LONGEST_APPOINTMENT_MS = 7 * 86_400_000

/** Busy time as the free-slot engine reads it, straight from an index. */
export interface BusyRow {
  id: string
  start: number
  end: number
  userId: string | null
}

/** Whose events a query asks for (exactly one of calendarId, userId, groupId). */
export type EventScope = { locationId: string } & ({ calendarId: string } | { userId: string } | { groupId: string })

export interface CalendarRepo extends RecordRepo<Json> {
  /** A location's calendars (oldest first), only `groupId`'s when given. */
  listOf(locationId: string, groupId?: string): RecordRow<Json>[]
}

export interface AppointmentRepo extends RecordRepo<Json> {
  /** Bookings of a calendar overlapping [from, to) that hold their time (not cancelled or invalid). */
  busyInCalendar(calendarId: string, from: number, to: number): BusyRow[]
  /** The same for users of a location, across all its calendars. */
  busyOfUser(locationId: string, userId: string, from: number, to: number): BusyRow[]
  /** Appointments overlapping [from, to), by start time, at most `limit`. */
  events(scope: EventScope, from: number, to: number, limit: number): RecordRow<Json>[]
}

export interface BlockedSlotRepo extends RecordRepo<Json> {
  /** Blocks of a calendar, or of users, overlapping [from, to). */
  busy(locationId: string, calendarId: string, userIds: readonly string[], from: number, to: number): BusyRow[]
  events(scope: EventScope, from: number, to: number, limit: number): RecordRow<Json>[]
}

export interface GroupRepo extends RecordRepo<Json> {
  /** The group of the location using `slug`, if any. */
  bySlug(locationId: string, slug: string): RecordRow<Json> | undefined
}

export interface NoteRepo extends RecordRepo<Json> {
  /** An appointment's notes, newest first. */
  listOf(appointmentId: string, limit: number, offset: number): RecordRow<Json>[]
  countOf(appointmentId: string): number
}

/** A record repository with one ordered listing by a second key (resource type, calendar, user). */
export interface KeyedRepo extends RecordRepo<Json> {
  /** Oldest first, `limit` rows after skipping `skip`; `key` undefined lists the whole location. */
  listBy(locationId: string, key: string | undefined, limit: number, skip: number): RecordRow<Json>[]
}

export interface CalendarRepos {
  calendars: CalendarRepo
  appointments: AppointmentRepo
  blockedSlots: BlockedSlotRepo
  calendarGroups: GroupRepo
  appointmentNotes: NoteRepo
  /** Rooms and equipment, by resource type. */
  calendarResources: KeyedRepo
  /** Notification settings, by calendar. */
  calendarNotifications: KeyedRepo
  /** Availability schedules, by user. */
  calendarSchedules: KeyedRepo
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)
const msOf = (value: unknown): number => {
  const ms = Date.parse(String(value))
  return Number.isFinite(ms) ? ms : 0
}
const ROW = 'id, location_id, data, created_at, updated_at'
const HOLDS_TIME = `status NOT IN ('cancelled', 'invalid')`

function rows(raws: unknown[]): RecordRow<Json>[] {
  return (raws as RawRecordRow[]).map((raw) => recordRowFromRaw<Json>(raw))
}

function busyRows(raws: unknown[]): BusyRow[] {
  return (raws as { id: string; starts_at: number; ends_at: number; assigned_user_id: string | null }[]).map((r) => ({
    id: r.id,
    start: r.starts_at,
    end: r.ends_at,
    userId: r.assigned_user_id,
  }))
}

/** Range statements by calendar, user and group over a table with starts_at/ends_at. */
function eventStatements(db: Db, table: 'appointments' | 'calendar_blocked_slots', hasGroup: boolean) {
  const overlap = 'starts_at >= @earliest AND starts_at < @to AND ends_at > @from'
  const byCalendar = db.prepare(`SELECT ${ROW} FROM ${table} WHERE calendar_id = @calendarId AND location_id = @locationId AND ${overlap} ORDER BY starts_at, id LIMIT @limit`)
  const byUser = db.prepare(`SELECT ${ROW} FROM ${table} WHERE location_id = @locationId AND assigned_user_id = @userId AND ${overlap} ORDER BY starts_at, id LIMIT @limit`)
  const byGroup = hasGroup
    ? db.prepare(`SELECT ${ROW} FROM ${table} WHERE location_id = @locationId AND group_id = @groupId AND ${overlap} ORDER BY starts_at, id LIMIT @limit`)
    : undefined
  return (scope: EventScope, from: number, to: number, limit: number): RecordRow<Json>[] => {
    const params = { ...scope, from, to, earliest: from - LONGEST_APPOINTMENT_MS, limit }
    if ('calendarId' in scope) return rows(byCalendar.all(params))
    if ('userId' in scope) return rows(byUser.all(params))
    return byGroup ? rows(byGroup.all(params)) : []
  }
}

function createCalendarRepo(db: Db): CalendarRepo {
  const base = createRecordRepo<Json>(db, 'calendars', (c) => ({ group_id: text(c.groupId) }), ['group_id'])
  const all = db.prepare(`SELECT ${ROW} FROM calendars WHERE location_id = ? ORDER BY created_at, id`)
  const inGroup = db.prepare(`SELECT ${ROW} FROM calendars WHERE location_id = ? AND group_id = ? ORDER BY created_at, id`)
  return {
    ...base,
    listOf: (locationId, groupId) => rows(groupId === undefined ? all.all(locationId) : inGroup.all(locationId, groupId)),
  }
}

function createAppointmentRepo(db: Db): AppointmentRepo {
  const base = createRecordRepo<Json>(
    db,
    'appointments',
    (a) => ({
      calendar_id: String(a.calendarId),
      contact_id: text(a.contactId),
      starts_at: msOf(a.startTime),
      ends_at: msOf(a.endTime ?? a.startTime),
      assigned_user_id: text(a.assignedUserId),
      group_id: text(a.groupId),
      status: text(a.appointmentStatus) ?? 'confirmed',
    }),
    ['calendar_id', 'contact_id', 'starts_at', 'ends_at', 'assigned_user_id', 'group_id', 'status'],
  )
  const busyCols = 'id, starts_at, ends_at, assigned_user_id'
  const range = 'starts_at >= @earliest AND starts_at < @to AND ends_at > @from'
  const busyCalendar = db.prepare(`SELECT ${busyCols} FROM appointments WHERE calendar_id = @calendarId AND ${range} AND ${HOLDS_TIME}`)
  const busyUser = db.prepare(`SELECT ${busyCols} FROM appointments WHERE location_id = @locationId AND assigned_user_id = @userId AND ${range} AND ${HOLDS_TIME}`)
  return {
    ...base,
    busyInCalendar: (calendarId, from, to) => busyRows(busyCalendar.all({ calendarId, from, to, earliest: from - LONGEST_APPOINTMENT_MS })),
    busyOfUser: (locationId, userId, from, to) => busyRows(busyUser.all({ locationId, userId, from, to, earliest: from - LONGEST_APPOINTMENT_MS })),
    events: eventStatements(db, 'appointments', true),
  }
}

function createBlockedSlotRepo(db: Db): BlockedSlotRepo {
  const base = createRecordRepo<Json>(
    db,
    'calendar_blocked_slots',
    (b) => ({ calendar_id: text(b.calendarId), assigned_user_id: text(b.assignedUserId), starts_at: msOf(b.startTime), ends_at: msOf(b.endTime ?? b.startTime) }),
    ['calendar_id', 'assigned_user_id', 'starts_at', 'ends_at'],
  )
  const cols = 'id, starts_at, ends_at, assigned_user_id'
  const range = 'starts_at >= @earliest AND starts_at < @to AND ends_at > @from'
  const ofCalendar = db.prepare(`SELECT ${cols} FROM calendar_blocked_slots WHERE calendar_id = @calendarId AND ${range}`)
  const ofUser = db.prepare(`SELECT ${cols} FROM calendar_blocked_slots WHERE location_id = @locationId AND assigned_user_id = @userId AND calendar_id IS NULL AND ${range}`)
  return {
    ...base,
    busy(locationId, calendarId, userIds, from, to) {
      const earliest = from - LONGEST_APPOINTMENT_MS
      const found = busyRows(ofCalendar.all({ calendarId, from, to, earliest }))
      for (const userId of userIds) found.push(...busyRows(ofUser.all({ locationId, userId, from, to, earliest })))
      return found
    },
    events: eventStatements(db, 'calendar_blocked_slots', false),
  }
}

function createGroupRepo(db: Db): GroupRepo {
  const base = createRecordRepo<Json>(db, 'calendar_groups', (g) => ({ slug: String(g.slug ?? '') }), ['slug'])
  const bySlug = db.prepare(`SELECT ${ROW} FROM calendar_groups WHERE location_id = ? AND slug = ? LIMIT 1`)
  return { ...base, bySlug: (locationId, slug) => rows(bySlug.all(locationId, slug))[0] }
}

function createNoteRepo(db: Db): NoteRepo {
  const base = createRecordRepo<Json>(db, 'calendar_notes', (n) => ({ appointment_id: String(n.appointmentId) }), ['appointment_id'])
  const page = db.prepare(`SELECT ${ROW} FROM calendar_notes WHERE appointment_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`)
  const count = db.prepare(`SELECT count(*) AS n FROM calendar_notes WHERE appointment_id = ?`)
  return {
    ...base,
    listOf: (appointmentId, limit, offset) => rows(page.all(appointmentId, limit, offset)),
    countOf: (appointmentId) => (count.get(appointmentId) as { n: number }).n,
  }
}

// Ties on created_at (a batch created at one clock instant) keep insertion order: rowid, not the random id.
function createKeyedRepo(db: Db, table: 'calendar_resources' | 'calendar_notifications' | 'calendar_schedules', column: string, keyOf: (data: Json) => string | null): KeyedRepo {
  const base = createRecordRepo<Json>(db, table, (data) => ({ [column]: keyOf(data) }), [column])
  const all = db.prepare(`SELECT ${ROW} FROM ${table} WHERE location_id = ? ORDER BY created_at, rowid LIMIT ? OFFSET ?`)
  const byKey = db.prepare(`SELECT ${ROW} FROM ${table} WHERE location_id = ? AND ${column} = ? ORDER BY created_at, rowid LIMIT ? OFFSET ?`)
  return {
    ...base,
    listBy: (locationId, key, limit, skip) => rows(key === undefined ? all.all(locationId, limit, skip) : byKey.all(locationId, key, limit, skip)),
  }
}

export function createCalendarRepos(db: Db): CalendarRepos {
  return {
    calendars: createCalendarRepo(db),
    appointments: createAppointmentRepo(db),
    blockedSlots: createBlockedSlotRepo(db),
    calendarGroups: createGroupRepo(db),
    appointmentNotes: createNoteRepo(db),
    calendarResources: createKeyedRepo(db, 'calendar_resources', 'resource_type', (r) => String(r.resourceType)),
    calendarNotifications: createKeyedRepo(db, 'calendar_notifications', 'calendar_id', (n) => String(n.calendarId)),
    calendarSchedules: createKeyedRepo(db, 'calendar_schedules', 'user_id', (s) => text(s.userId)),
  }
}
