// How an appointment (or a blocked slot) reads on the wire: CalendarEventDTO for event reads,
// AppointmentSchemaResponse for writes, times written in the calendar's zone with their offset.
import type { Repos } from '../../storage/repos.js'
import type { JsonObject } from '../kit/index.js'
import { zoneOf } from './calendar-model.js'
import { isoInZone } from './zone-time.js'

/** Calendar id → zone, for one request (events of many calendars share few zones). */
export class ZoneCache {
  private readonly zones = new Map<string, string>()
  constructor(private readonly repos: Repos) {}

  of(record: JsonObject): string {
    const key = String(record.calendarId ?? '') || `location:${String(record.locationId)}`
    let zone = this.zones.get(key)
    if (!zone) {
      const calendar = this.repos.calendars.get(String(record.calendarId ?? ''))?.data
      zone = calendar ? zoneOf(this.repos, calendar) : zoneOf(this.repos, { locationId: record.locationId })
      this.zones.set(key, zone)
    }
    return zone
  }
}

const timeIn = (zone: string, value: unknown): unknown => {
  const ms = Date.parse(String(value))
  return Number.isFinite(ms) ? isoInZone(zone, ms) : value
}

/** The record with its start and end written in `zone` (the offset HighLevel shows). */
export function zoned(record: JsonObject, zone: string): JsonObject {
  return { ...record, startTime: timeIn(zone, record.startTime), endTime: timeIn(zone, record.endTime) }
}

/** CalendarEventDTO: every required field present, users defaulting to the assignee. */
export function eventView(record: JsonObject, zone: string): JsonObject {
  const users = Array.isArray(record.users) ? record.users : typeof record.assignedUserId === 'string' && record.assignedUserId ? [record.assignedUserId] : []
  const view: JsonObject = {
    id: record.id,
    title: record.title ?? '',
    calendarId: record.calendarId ?? '',
    locationId: record.locationId,
    contactId: record.contactId ?? '',
    groupId: record.groupId ?? '',
    appointmentStatus: record.appointmentStatus ?? '',
    assignedUserId: record.assignedUserId ?? '',
    users,
    notes: record.notes ?? '',
    address: record.address ?? '',
    isRecurring: record.isRecurring === true,
    startTime: timeIn(zone, record.startTime),
    endTime: timeIn(zone, record.endTime),
    dateAdded: record.dateAdded,
    dateUpdated: record.dateUpdated,
    assignedResources: Array.isArray(record.assignedResources) ? record.assignedResources : [],
  }
  for (const key of ['description', 'rrule', 'createdBy', 'masterEventId'] as const) if (record[key] !== undefined) view[key] = record[key]
  return view
}

/** AppointmentSchemaResponse: what create and edit answer. */
export function appointmentView(record: JsonObject, zone: string): JsonObject {
  const view: JsonObject = {
    id: record.id,
    calendarId: record.calendarId,
    locationId: record.locationId,
    contactId: record.contactId,
    startTime: timeIn(zone, record.startTime),
    endTime: timeIn(zone, record.endTime),
    title: record.title ?? '',
    appointmentStatus: record.appointmentStatus,
    assignedUserId: record.assignedUserId ?? '',
    address: record.address ?? '',
    isRecurring: record.isRecurring === true,
  }
  if (record.meetingLocationType !== undefined) view.meetingLocationType = record.meetingLocationType
  if (record.rrule !== undefined) view.rrule = record.rrule
  return view
}
