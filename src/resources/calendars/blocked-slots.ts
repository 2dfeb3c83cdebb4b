// Blocked slots (calendars.json): time taken off a calendar or a user's diary, created, edited,
// listed like events and removed by DELETE /calendars/events/:eventId. Free slots read them.
import type { HandlerSet, OperationHandler } from '../../handlers/handler.js'
import type { RecordRow } from '../../storage/records.js'
import { ghlId } from '../../world/ids.js'
import { userOfLocation } from '../contacts/contact-shape.js'
import { badRequest, GhlError, mayActOnLocationId, namedLocation, nowOf, objectBody, pathParam, Problems, type Ctx, type JsonObject } from '../kit/index.js'
import { readEventQuery, MAX_EVENTS } from './appointments.js'
import { ZoneCache, zoned } from './appointment-view.js'
import { calendarNotFound } from './calendar-model.js'

export const blockedSlotNotFound = () => new GhlError(400, 'Blocked slot not found')

function isoMs(problems: Problems, name: string, raw: unknown, required: boolean): number | undefined {
  if (raw === undefined || raw === null || raw === '') {
    if (required) problems.add(`${name} should not be empty`)
    return undefined
  }
  const ms = typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(raw) ? Date.parse(raw) : Number.NaN
  if (!Number.isFinite(ms)) problems.add(`${name} must be a valid ISO 8601 date string`)
  return Number.isFinite(ms) ? ms : undefined
}

/** The block's fields from a create or edit body; a block belongs to a calendar, a user, or both. */
function readBlock(c: Ctx, body: JsonObject, locationId: string, before?: JsonObject): JsonObject {
  const { repos } = c.var.runtime
  const problems = new Problems()
  const title = problems.text('title', body.title, false)
  const calendarId = problems.text('calendarId', body.calendarId, false)
  const assignedUserId = problems.text('assignedUserId', body.assignedUserId, false)
  const start = isoMs(problems, 'startTime', body.startTime, before === undefined) ?? (before ? Date.parse(String(before.startTime)) : undefined)
  const end = isoMs(problems, 'endTime', body.endTime, before === undefined) ?? (before ? Date.parse(String(before.endTime)) : undefined)
  if (start !== undefined && end !== undefined && end <= start) problems.add('endTime must be after startTime')
  const owner = { calendarId: calendarId ?? before?.calendarId, assignedUserId: assignedUserId ?? before?.assignedUserId }
  if (!owner.calendarId && !owner.assignedUserId) problems.add('calendarId should not be empty')
  problems.check()
  if (typeof owner.calendarId === 'string' && owner.calendarId && !repos.calendars.getInLocation(locationId, owner.calendarId)) throw calendarNotFound()
  if (typeof owner.assignedUserId === 'string' && owner.assignedUserId && !userOfLocation(repos, locationId, owner.assignedUserId)) throw badRequest('User not found')
  return {
    title: title ?? before?.title ?? 'Blocked',
    ...(owner.calendarId ? { calendarId: owner.calendarId } : {}),
    ...(owner.assignedUserId ? { assignedUserId: owner.assignedUserId } : {}),
    startTime: new Date(start!).toISOString(),
    endTime: new Date(end!).toISOString(),
  }
}

function blockView(c: Ctx, block: JsonObject): JsonObject {
  const { id, locationId, title, startTime, endTime, calendarId, assignedUserId } = zoned(block, new ZoneCache(c.var.runtime.repos).of(block))
  return Object.fromEntries(Object.entries({ id, locationId, title, startTime, endTime, calendarId, assignedUserId }).filter(([, v]) => v !== undefined))
}

function loadBlock(c: Ctx, id: string): RecordRow<JsonObject> {
  const row = c.var.runtime.repos.blockedSlots.get(id)
  if (!row || !mayActOnLocationId(c, row.locationId)) throw blockedSlotNotFound()
  return row
}

const createBlockSlot: OperationHandler<'create-block-slot'> = (c, raw) => {
  const body = objectBody(raw)
  const location = namedLocation(c, body.locationId)
  const fields = readBlock(c, body, location.id)
  const { ms, iso } = nowOf(c)
  const id = ghlId()
  const block = { id, locationId: location.id, ...fields, dateAdded: iso, dateUpdated: iso }
  c.var.runtime.repos.blockedSlots.insert({ id, locationId: location.id, data: block, createdAt: ms, updatedAt: ms })
  return c.json(blockView(c, block), 201)
}

const editBlockSlot: OperationHandler<'edit-block-slot'> = (c, raw) => {
  const row = loadBlock(c, pathParam(c, 'eventId'))
  const fields = readBlock(c, objectBody(raw), row.locationId, row.data)
  const { ms, iso } = nowOf(c)
  const after = { ...row.data, ...fields, dateUpdated: iso }
  c.var.runtime.repos.blockedSlots.update(row.id, after, ms)
  return c.json(blockView(c, after), 201)
}

const getBlockedSlots: OperationHandler<'get-blocked-slots'> = (c) => {
  const { repos } = c.var.runtime
  const { scope, from, to } = readEventQuery(c)
  const zones = new ZoneCache(repos)
  const events = repos.blockedSlots.events(scope, from, to, MAX_EVENTS).map((row) => {
    const b = zoned(row.data, zones.of(row.data))
    return {
      id: b.id, title: b.title ?? '', calendarId: b.calendarId ?? '', locationId: b.locationId, contactId: '', groupId: '',
      appointmentStatus: '', assignedUserId: b.assignedUserId ?? '', users: b.assignedUserId ? [b.assignedUserId] : [],
      startTime: b.startTime, endTime: b.endTime, dateAdded: b.dateAdded, dateUpdated: b.dateUpdated,
    }
  })
  return c.json({ events })
}

export const blockedSlotHandlers: HandlerSet = {
  'create-block-slot': createBlockSlot,
  'edit-block-slot': editBlockSlot,
  'get-blocked-slots': getBlockedSlots,
}
