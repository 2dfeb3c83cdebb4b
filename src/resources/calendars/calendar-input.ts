// Reading a calendar's settings from CalendarCreateDTO / CalendarUpdateDTO: every field of the
// spec checked in class-validator's wording (one 422 with every problem), nothing unknown stored.
// References (team members, group) are checked by the caller, which knows the location.
import { Problems, type JsonObject } from '../kit/index.js'
import { isTimeZone } from './zone-time.js'

export const CALENDAR_TYPES = ['round_robin', 'event', 'class_booking', 'collective', 'service_booking', 'personal'] as const
const EVENT_TYPES = ['RoundRobin_OptimizeForAvailability', 'RoundRobin_OptimizeForEqualDistribution'] as const
const TIME_UNITS = ['mins', 'hours'] as const

const STRINGS = [
  'name', 'description', 'slug', 'widgetSlug', 'groupId', 'eventTitle', 'eventColor', 'meetingLocation', 'formId',
  'alertEmail', 'notes', 'pixelId', 'formSubmitRedirectURL', 'formSubmitThanksMessage', 'consentLabel', 'calendarCoverImage',
] as const
const ENUMS: Record<string, readonly string[]> = {
  calendarType: CALENDAR_TYPES,
  eventType: EVENT_TYPES,
  widgetType: ['default', 'classic'],
  slotDurationUnit: TIME_UNITS,
  slotIntervalUnit: TIME_UNITS,
  slotBufferUnit: TIME_UNITS,
  preBufferUnit: TIME_UNITS,
  allowBookingAfterUnit: ['hours', 'days', 'weeks', 'months'],
  allowBookingForUnit: ['days', 'weeks', 'months'],
  formSubmitType: ['RedirectURL', 'ThankYouMessage'],
  guestType: ['count_only', 'collect_detail'],
}
const NUMBERS = ['slotDuration', 'slotInterval', 'slotBuffer', 'preBuffer', 'appoinmentPerSlot', 'appoinmentPerDay', 'allowBookingAfter', 'allowBookingFor'] as const
const BOOLEANS = [
  'isActive', 'enableRecurring', 'stickyContact', 'isLivePaymentMode', 'autoConfirm', 'shouldSendAlertEmailsToAssignedMember',
  'googleInvitationEmails', 'allowReschedule', 'allowCancellation', 'shouldAssignContactToTeamMember', 'shouldSkipAssigningContactForExisting',
] as const
/** Nested settings stored as given once their outer type is right (the platform reads them, we echo them). */
const OBJECT_ARRAYS = ['notifications', 'locationConfigurations'] as const
const OBJECTS = ['recurring', 'lookBusyConfig'] as const

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value)
const isInt = (value: unknown, min: number, max: number) => Number.isInteger(value) && (value as number) >= min && (value as number) <= max

function checkHours(problems: Problems, field: string, hours: unknown): void {
  if (!Array.isArray(hours)) return problems.add(`${field}.hours must be an array`)
  for (const h of hours) {
    if (!isObject(h) || !isInt(h.openHour, 0, 23) || !isInt(h.openMinute, 0, 59) || !isInt(h.closeHour, 0, 24) || !isInt(h.closeMinute, 0, 59)) {
      return problems.add(`${field}.hours must contain openHour, openMinute, closeHour and closeMinute as whole numbers of a day`)
    }
  }
}

function checkOpenHours(problems: Problems, raw: unknown): void {
  if (!Array.isArray(raw)) return problems.add('openHours must be an array')
  for (const entry of raw) {
    if (!isObject(entry)) return problems.add('each value in openHours must be an object')
    if (!Array.isArray(entry.daysOfTheWeek) || entry.daysOfTheWeek.some((d) => !isInt(d, 0, 6))) {
      problems.add('openHours.daysOfTheWeek must be an array of numbers between 0 (Sunday) and 6')
    }
    checkHours(problems, 'openHours', entry.hours)
  }
}

function checkAvailabilities(problems: Problems, raw: unknown): void {
  if (!Array.isArray(raw)) return problems.add('availabilities must be an array')
  for (const entry of raw) {
    if (!isObject(entry)) return problems.add('each value in availabilities must be an object')
    if (typeof entry.date !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(entry.date) || !Number.isFinite(Date.parse(entry.date))) {
      problems.add('availabilities.date must be a valid ISO 8601 date string')
    }
    checkHours(problems, 'availabilities', entry.hours)
    if (entry.deleted !== undefined && typeof entry.deleted !== 'boolean') problems.add('availabilities.deleted must be a boolean value')
  }
}

function checkTeamMembers(problems: Problems, raw: unknown): void {
  if (!Array.isArray(raw)) return problems.add('teamMembers must be an array')
  for (const member of raw) {
    if (!isObject(member) || typeof member.userId !== 'string' || member.userId === '') return problems.add('teamMembers.userId must be a string')
    if (member.priority !== undefined && ![0, 0.5, 1].includes(member.priority as number)) problems.add('teamMembers.priority must be one of the following values: 0, 0.5, 1')
  }
}

/**
 * The settings the body sets, checked; `create` requires a name. `timezone` is an emulator
 * extension (the DTO has none): an IANA zone the open hours are written in, else the location's.
 */
export function readCalendarSettings(body: JsonObject, create: boolean): JsonObject {
  const problems = new Problems()
  const out: JsonObject = {}
  const has = (key: string) => body[key] !== undefined
  for (const key of STRINGS) {
    if (!has(key) && !(create && key === 'name')) continue
    const value = problems.text(key, body[key], key === 'name')
    if (value !== undefined) out[key] = value
  }
  for (const [key, allowed] of Object.entries(ENUMS)) {
    if (has(key)) out[key] = problems.oneOf(key, body[key], allowed)
  }
  for (const key of NUMBERS) {
    if (has(key)) out[key] = problems.number(key, body[key], { default: 0, min: key === 'slotDuration' || key === 'slotInterval' ? 1 : 0 })
  }
  for (const key of BOOLEANS) if (has(key)) out[key] = problems.bool(key, body[key])
  for (const key of OBJECT_ARRAYS) {
    if (!has(key)) continue
    if (!Array.isArray(body[key]) || (body[key] as unknown[]).some((item) => !isObject(item))) problems.add(`each value in ${key} must be an object`)
    else out[key] = body[key]
  }
  for (const key of OBJECTS) {
    if (!has(key)) continue
    if (!isObject(body[key])) problems.add(`${key} must be an object`)
    else out[key] = body[key]
  }
  if (has('availabilityType')) {
    if (body.availabilityType !== 0 && body.availabilityType !== 1) problems.add('availabilityType must be one of the following values: 0, 1')
    else out.availabilityType = body.availabilityType
  }
  if (has('openHours')) {
    checkOpenHours(problems, body.openHours)
    out.openHours = body.openHours
  }
  if (has('availabilities')) {
    checkAvailabilities(problems, body.availabilities)
    out.availabilities = body.availabilities
  }
  if (has('teamMembers')) {
    checkTeamMembers(problems, body.teamMembers)
    out.teamMembers = body.teamMembers
  }
  if (has('timezone')) {
    if (!isTimeZone(body.timezone)) problems.add('timezone must be a valid IANA time zone')
    else out.timezone = body.timezone
  }
  problems.check()
  return out
}
