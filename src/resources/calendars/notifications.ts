// Calendar notifications (calendars.json): which messages a calendar sends on booking,
// confirmation, cancellation, reminder, follow-up and reschedule; created in batches, listed,
// read, edited and (softly, as the `deleted` flag says) deleted. Nothing is sent.
import type { HandlerSet, OperationHandler } from '../../handlers/handler.js'
import { ghlId } from '../../world/ids.js'
import { unprocessable } from '../../errors.js'
import { badRequest, GhlError, nowOf, objectBody, pathParam, Problems, type Ctx, type JsonObject } from '../kit/index.js'
import { loadCalendar } from './calendar-model.js'

const RECEIVERS = ['contact', 'guest', 'assignedUser', 'emails', 'phoneNumbers', 'business'] as const
const CHANNELS = ['email', 'inApp', 'sms', 'whatsapp'] as const
const TYPES = ['booked', 'confirmation', 'cancellation', 'reminder', 'followup', 'reschedule'] as const
const TEXTS = ['templateId', 'body', 'subject', 'fromAddress', 'fromName', 'fromNumber'] as const
const LISTS = ['additionalEmailIds', 'additionalPhoneNumbers', 'selectedUsers', 'additionalWhatsappNumbers'] as const

export const notificationNotFound = () => new GhlError(400, 'Notification not found')

function readNotification(problems: Problems, body: JsonObject, create: boolean): JsonObject {
  const out: JsonObject = {}
  const required = (key: string, allowed: readonly string[]) => {
    if (create || body[key] !== undefined) {
      const value = problems.oneOf(key, body[key], allowed)
      if (value === undefined && create) problems.add(`${key} should not be empty`)
      else if (value !== undefined) out[key] = value
    }
  }
  required('receiverType', RECEIVERS)
  required('channel', CHANNELS)
  required('notificationType', TYPES)
  for (const key of TEXTS) if (body[key] !== undefined) out[key] = problems.text(key, body[key], false)
  for (const key of LISTS) if (body[key] !== undefined) out[key] = problems.strings(key, body[key])
  for (const key of ['afterTime', 'beforeTime'] as const) {
    if (body[key] === undefined) continue
    if (!Array.isArray(body[key])) problems.add(`${key} must be an array`)
    else out[key] = body[key]
  }
  if (body.isActive !== undefined) out.isActive = problems.bool('isActive', body.isActive)
  if (!create && body.deleted !== undefined) out.deleted = problems.bool('deleted', body.deleted)
  return out
}

function loadNotification(c: Ctx) {
  const calendar = loadCalendar(c, pathParam(c, 'calendarId'))
  const row = c.var.runtime.repos.calendarNotifications.get(pathParam(c, 'notificationId'))
  if (!row || row.data.calendarId !== calendar.id) throw notificationNotFound()
  return row
}

/** The response shape names the id `_id`; the calendar it belongs to stays internal. */
function view(notification: JsonObject): JsonObject {
  const { calendarId: _calendar, id, ...rest } = notification
  return { _id: id, ...rest }
}

const createNotifications: OperationHandler<'create-event-notification'> = (c, raw) => {
  const calendar = loadCalendar(c, pathParam(c, 'calendarId'))
  if (!Array.isArray(raw)) throw unprocessable(['request body must be an array of notifications'])
  if (raw.length === 0) throw badRequest('At least one notification is required')
  const problems = new Problems()
  const read = raw.map((item) => readNotification(problems, objectBody(item), true))
  problems.check()
  const { ms } = nowOf(c)
  const { repos } = c.var.runtime
  const created = read.map((fields) => {
    const id = ghlId()
    const data = { id, calendarId: calendar.id, isActive: true, deleted: false, additionalEmailIds: [], additionalPhoneNumbers: [], selectedUsers: [], afterTime: [], beforeTime: [], ...fields }
    return data
  })
  repos.transaction(() => {
    for (const data of created) repos.calendarNotifications.insert({ id: String(data.id), locationId: calendar.locationId, data, createdAt: ms, updatedAt: ms })
  })
  return c.json(created.map(view))
}

const listNotifications: OperationHandler<'get-event-notification'> = (c) => {
  const calendar = loadCalendar(c, pathParam(c, 'calendarId'))
  const problems = new Problems()
  const isActive = problems.bool('isActive', c.req.query('isActive'))
  const deleted = problems.bool('deleted', c.req.query('deleted'), false)
  const limit = problems.int('limit', c.req.query('limit'), { default: 100, min: 1, max: 1000 })
  const skip = problems.int('skip', c.req.query('skip'), { default: 0, min: 0 })
  problems.check()
  // A calendar has a handful of notifications: filter the calendar's rows, then page.
  const rows = c.var.runtime.repos.calendarNotifications.listBy(calendar.locationId, calendar.id, 1000, 0)
  const kept = rows.map((r) => r.data).filter((n) => n.deleted === deleted && (isActive === undefined || n.isActive === isActive))
  return c.json(kept.slice(skip, skip + limit).map(view))
}

const findNotification: OperationHandler<'find-event-notification'> = (c) => c.json(view(loadNotification(c).data))

const updateNotification: OperationHandler<'update-event-notification'> = (c, raw) => {
  const row = loadNotification(c)
  const problems = new Problems()
  const fields = readNotification(problems, objectBody(raw), false)
  problems.check()
  c.var.runtime.repos.calendarNotifications.update(row.id, { ...row.data, ...fields }, nowOf(c).ms)
  return c.json({ message: 'Notification updated successfully' })
}

const deleteNotification: OperationHandler<'delete-event-notification'> = (c) => {
  const row = loadNotification(c)
  c.var.runtime.repos.calendarNotifications.update(row.id, { ...row.data, deleted: true }, nowOf(c).ms)
  return c.json({ message: 'Notification deleted successfully' })
}

export const notificationHandlers: HandlerSet = {
  'create-event-notification': createNotifications,
  'get-event-notification': listNotifications,
  'find-event-notification': findNotification,
  'update-event-notification': updateNotification,
  'delete-event-notification': deleteNotification,
}
