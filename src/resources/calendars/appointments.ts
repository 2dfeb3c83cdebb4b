// Appointments (calendars.json): book, read, edit, delete, and the events query by calendar, user
// or group. Booking respects free slots unless the request overrides them; every write and its
// Appointment* event commit in one transaction.
import type { HandlerSet, OperationHandler } from '../../handlers/handler.js'
import type { Runtime } from '../../runtime.js'
import type { EventScope } from '../../storage/calendars.js'
import type { RecordRow } from '../../storage/records.js'
import { appointmentPayload, type AppointmentEventType } from '../../webhooks/payloads/appointments.js'
import { ghlId } from '../../world/ids.js'
import { userOfLocation } from '../contacts/contact-shape.js'
import { badRequest, GhlError, mayActOnLocationId, namedLocation, nowOf, objectBody, pathParam, Problems, tokenOf, type Ctx, type JsonObject } from '../kit/index.js'
import { readAppointment } from './appointment-input.js'
import { appointmentView, eventView, ZoneCache, zoned } from './appointment-view.js'
import { assigneeFor, isBookable, slotTaken } from './booking.js'
import { calendarNotFound, slotDurationMs } from './calendar-model.js'
import { msParam } from './free-slots.js'

/** Unknown and foreign appointment ids read alike (the spec lists 400 for these operations). */
export const appointmentNotFound = () => new GhlError(400, 'Appointment not found')
/** The most events one query answers; HighLevel documents no paging for /calendars/events. */
export const MAX_EVENTS = 10_000

export function emitAppointment(runtime: Runtime, type: AppointmentEventType, appointment: JsonObject, zone: string): void {
  runtime.emit({ type, locationId: String(appointment.locationId), payload: appointmentPayload(type, zoned(appointment, zone)) })
}

function loadAppointment(c: Ctx, id: string): RecordRow<JsonObject> {
  const row = c.var.runtime.repos.appointments.get(id)
  if (!row || !mayActOnLocationId(c, row.locationId)) throw appointmentNotFound()
  return row
}

function calendarIn(c: Ctx, locationId: string, calendarId: string): JsonObject {
  const row = c.var.runtime.repos.calendars.getInLocation(locationId, calendarId)
  if (!row) throw calendarNotFound()
  return row.data
}

const createAppointment: OperationHandler<'create-appointment'> = (c, raw) => {
  const { runtime } = c.var
  const { repos } = runtime
  const body = objectBody(raw)
  const input = readAppointment(body, true)
  const location = namedLocation(c, input.locationId)
  const calendar = calendarIn(c, location.id, String(input.fields.calendarId))
  if (!repos.contacts.getInLocation(location.id, input.contactId!)) throw badRequest('Contact not found')
  const requested = input.fields.assignedUserId as string | undefined
  if (requested !== undefined && !userOfLocation(repos, location.id, requested)) throw badRequest('User not found')
  const now = nowOf(c)
  const start = input.start!
  const check = { start, now: now.ms, ignoreDateRange: input.ignoreDateRange }
  const validate = !input.ignoreFreeSlotValidation
  const assignedUserId = assigneeFor(repos, calendar, check, requested, validate)
  if (validate && !isBookable(repos, calendar, { ...check, userId: assignedUserId ?? undefined })) throw slotTaken()
  const end = input.end ?? start + slotDurationMs(calendar)
  const contact = repos.contacts.getInLocation(location.id, input.contactId!)!.data
  const id = ghlId()
  const appointment: JsonObject = {
    id,
    locationId: location.id,
    calendarId: calendar.id,
    contactId: input.contactId,
    groupId: calendar.groupId ?? '',
    title: input.fields.title ?? (`${String(contact.firstName ?? '')} ${String(contact.lastName ?? '')}`.trim() || String(calendar.name)),
    appointmentStatus: input.fields.appointmentStatus ?? (calendar.autoConfirm === false ? 'new' : 'confirmed'),
    ...input.fields,
    assignedUserId,
    users: assignedUserId ? [assignedUserId] : [],
    startTime: new Date(start).toISOString(),
    endTime: new Date(end).toISOString(),
    address: input.fields.address ?? '',
    notes: '',
    isRecurring: typeof input.fields.rrule === 'string' && input.fields.rrule !== '',
    source: 'third_party',
    createdBy: { source: 'third_party', userId: tokenOf(c).userId ?? undefined },
    dateAdded: now.iso,
    dateUpdated: now.iso,
  }
  const zone = new ZoneCache(repos).of(appointment)
  runtime.repos.transaction(() => {
    repos.appointments.insert({ id, locationId: location.id, data: appointment, createdAt: now.ms, updatedAt: now.ms })
    emitAppointment(runtime, 'AppointmentCreate', appointment, zone)
  })
  return c.json(appointmentView(appointment, zone))
}

const getAppointment: OperationHandler<'get-appointment'> = (c) => {
  const row = loadAppointment(c, pathParam(c, 'eventId'))
  return c.json({ event: eventView(row.data, new ZoneCache(c.var.runtime.repos).of(row.data)) })
}

const editAppointment: OperationHandler<'edit-appointment'> = (c, raw) => {
  const { runtime } = c.var
  const { repos } = runtime
  const row = loadAppointment(c, pathParam(c, 'eventId'))
  const input = readAppointment(objectBody(raw), false)
  const calendarId = (input.fields.calendarId as string | undefined) ?? String(row.data.calendarId)
  const calendar = calendarIn(c, row.locationId, calendarId)
  const assignee = input.fields.assignedUserId as string | undefined
  if (assignee !== undefined && !userOfLocation(repos, row.locationId, assignee)) throw badRequest('User not found')
  const oldStart = Date.parse(String(row.data.startTime))
  const oldEnd = Date.parse(String(row.data.endTime))
  const start = input.start ?? oldStart
  const end = input.end ?? (input.start !== undefined ? start + (oldEnd - oldStart) : oldEnd)
  if (end <= start) throw new GhlError(422, ['endTime must be after startTime'])
  const moved = start !== oldStart || calendarId !== row.data.calendarId || (assignee !== undefined && assignee !== row.data.assignedUserId)
  const now = nowOf(c)
  const userId = assignee ?? ((row.data.assignedUserId as string | undefined) || undefined)
  if (moved && !input.ignoreFreeSlotValidation && !isBookable(repos, calendar, { start, now: now.ms, userId, ignoreDateRange: input.ignoreDateRange, exceptId: row.id })) {
    throw slotTaken()
  }
  const after: JsonObject = {
    ...row.data,
    ...input.fields,
    calendarId,
    groupId: calendar.groupId ?? row.data.groupId ?? '',
    startTime: new Date(start).toISOString(),
    endTime: new Date(end).toISOString(),
    dateUpdated: now.iso,
  }
  if (assignee !== undefined) after.users = [assignee]
  const zone = new ZoneCache(repos).of(after)
  runtime.repos.transaction(() => {
    repos.appointments.update(row.id, after, now.ms)
    emitAppointment(runtime, 'AppointmentUpdate', after, zone)
  })
  return c.json(appointmentView(after, zone))
}

/** DELETE /calendars/events/:eventId removes an appointment (with its event) or a blocked slot. */
const deleteEvent: OperationHandler<'delete-event'> = (c) => {
  const { runtime } = c.var
  const { repos } = runtime
  const id = pathParam(c, 'eventId')
  const block = repos.blockedSlots.get(id)
  if (block && mayActOnLocationId(c, block.locationId)) {
    repos.blockedSlots.remove(id)
    return c.json({ succeeded: true }, 201)
  }
  const row = loadAppointment(c, id)
  const zone = new ZoneCache(repos).of(row.data)
  runtime.repos.transaction(() => {
    repos.appointments.remove(row.id)
    emitAppointment(runtime, 'AppointmentDelete', row.data, zone)
  })
  return c.json({ succeeded: true }, 201)
}

/** The scope and range of an events query (/calendars/events and /calendars/blocked-slots). */
export function readEventQuery(c: Ctx) {
  const location = namedLocation(c, c.req.query('locationId'))
  const problems = new Problems()
  const from = msParam(problems, 'startTime', c.req.query('startTime'), true)
  const to = msParam(problems, 'endTime', c.req.query('endTime'), true)
  if (from !== undefined && to !== undefined && to < from) problems.add('endTime must not be before startTime')
  const calendarId = c.req.query('calendarId') || undefined
  const userId = c.req.query('userId') || undefined
  const groupId = c.req.query('groupId') || undefined
  if (!calendarId && !userId && !groupId) problems.add('Either calendarId, userId or groupId is required')
  problems.check()
  const scope: EventScope = calendarId ? { locationId: location.id, calendarId } : userId ? { locationId: location.id, userId } : { locationId: location.id, groupId: groupId! }
  return { scope, from: from!, to: to! }
}

const getEvents: OperationHandler<'get-calendar-events'> = (c) => {
  const { repos } = c.var.runtime
  const { scope, from, to } = readEventQuery(c)
  if ('calendarId' in scope && !repos.calendars.getInLocation(scope.locationId, scope.calendarId)) throw calendarNotFound()
  const zones = new ZoneCache(repos)
  const events = repos.appointments.events(scope, from, to, MAX_EVENTS).map((row) => eventView(row.data, zones.of(row.data)))
  return c.json({ events })
}

export const appointmentHandlers: HandlerSet = {
  'create-appointment': createAppointment,
  'get-appointment': getAppointment,
  'edit-appointment': editAppointment,
  'delete-event': deleteEvent,
  'get-calendar-events': getEvents,
}
