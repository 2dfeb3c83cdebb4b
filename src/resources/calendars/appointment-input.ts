// Reading AppointmentCreateSchema / AppointmentEditSchema: types, enums and times checked in
// class-validator's wording, one 422 with every problem. References are the caller's to check.
import { Problems, type JsonObject } from '../kit/index.js'

export const APPOINTMENT_STATUSES = ['new', 'confirmed', 'cancelled', 'showed', 'noshow', 'invalid'] as const
const MEETING_TYPES = ['custom', 'zoom', 'gmeet', 'phone', 'address', 'ms_teams', 'google'] as const
const TEXT_FIELDS = ['title', 'meetingLocationId', 'description', 'address', 'rrule', 'assignedUserId', 'calendarId'] as const

export interface AppointmentInput {
  /** Fields to store as given. */
  fields: JsonObject
  start?: number
  end?: number
  ignoreDateRange: boolean
  ignoreFreeSlotValidation: boolean
}

/** An ISO 8601 date-time (what the platform's IsISO8601 accepts) as epoch ms. */
function isoTime(problems: Problems, name: string, raw: unknown, required: boolean): number | undefined {
  if (raw === undefined || raw === null || raw === '') {
    if (required) problems.add(`${name} should not be empty`)
    return undefined
  }
  const ms = typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(raw) ? Date.parse(raw) : Number.NaN
  if (!Number.isFinite(ms)) {
    problems.add(`${name} must be a valid ISO 8601 date string`)
    return undefined
  }
  return ms
}

/** Reads the body; `create` requires calendarId, locationId, contactId and startTime. */
export function readAppointment(body: JsonObject, create: boolean): AppointmentInput & { locationId?: string; contactId?: string } {
  const problems = new Problems()
  const fields: JsonObject = {}
  for (const key of TEXT_FIELDS) {
    if (body[key] === undefined && !(create && key === 'calendarId')) continue
    const value = problems.text(key, body[key], create && key === 'calendarId')
    if (value !== undefined) fields[key] = value
  }
  const locationId = create ? problems.text('locationId', body.locationId, true) : undefined
  const contactId = create ? problems.text('contactId', body.contactId, true) : undefined
  if (body.appointmentStatus !== undefined) fields.appointmentStatus = problems.oneOf('appointmentStatus', body.appointmentStatus, APPOINTMENT_STATUSES)
  if (body.meetingLocationType !== undefined) fields.meetingLocationType = problems.oneOf('meetingLocationType', body.meetingLocationType, MEETING_TYPES)
  for (const key of ['overrideLocationConfig', 'toNotify'] as const) if (body[key] !== undefined) fields[key] = problems.bool(key, body[key])
  const ignoreDateRange = problems.bool('ignoreDateRange', body.ignoreDateRange, false)
  const ignoreFreeSlotValidation = problems.bool('ignoreFreeSlotValidation', body.ignoreFreeSlotValidation, false)
  const start = isoTime(problems, 'startTime', body.startTime, create)
  const end = isoTime(problems, 'endTime', body.endTime, false)
  if (start !== undefined && end !== undefined && end <= start) problems.add('endTime must be after startTime')
  problems.check()
  return { fields, start, end, ignoreDateRange, ignoreFreeSlotValidation, locationId, contactId }
}
