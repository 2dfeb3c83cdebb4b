// Availability schedules (calendars.json): a user's named weekly and date-specific hours in a
// zone, searched by user (and calendar), edited, deleted, and associated with calendars.
// The free-slot engine reads a calendar's own open hours; it does not read schedules (docs/calendars.md).
import type { HandlerSet, OperationHandler } from '../../handlers/handler.js'
import { ghlId } from '../../world/ids.js'
import { userOfLocation } from '../contacts/contact-shape.js'
import { badRequest, GhlError, mayActOnLocationId, namedLocation, nowOf, objectBody, pathParam, Problems, type Ctx, type JsonObject } from '../kit/index.js'
import { calendarNotFound } from './calendar-model.js'
import { isTimeZone } from './zone-time.js'

/** Schedules are the one calendars family whose spec lists 404 for an unknown id. */
export const scheduleNotFound = () => new GhlError(404, 'Schedule not found')

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']
const TIME = /^([01]?[0-9]|2[0-3]):[0-5][0-9]$/
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value)

function checkRules(problems: Problems, raw: unknown): void {
  if (!Array.isArray(raw)) return problems.add('rules must be an array')
  for (const rule of raw) {
    if (!isObject(rule)) return problems.add('each value in rules must be an object')
    if (rule.type !== 'wday' && rule.type !== 'date') problems.add('rules.type must be one of the following values: wday, date')
    if (rule.type === 'wday' && !DAYS.includes(String(rule.day))) problems.add(`rules.day must be one of the following values: ${DAYS.join(', ')}`)
    if (rule.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(String(rule.date))) problems.add('rules.date must match the YYYY-MM-DD format')
    if (!Array.isArray(rule.intervals) || rule.intervals.some((i) => !isObject(i) || !TIME.test(String(i.from)) || !TIME.test(String(i.to)))) {
      problems.add('rules.intervals must be a list of {from, to} times in HH:MM')
    }
  }
}

function readSchedule(body: JsonObject, create: boolean): JsonObject {
  const problems = new Problems()
  const out: JsonObject = {}
  const name = problems.text('name', body.name, create)
  if (name !== undefined) out.name = name
  if (create || body.timezone !== undefined) {
    if (!isTimeZone(body.timezone)) problems.add('timezone must be a valid IANA time zone')
    else out.timezone = body.timezone
  }
  if (body.rules !== undefined) {
    checkRules(problems, body.rules)
    out.rules = body.rules
  }
  if (create) {
    const userId = problems.text('userId', body.userId, true)
    if (userId !== undefined) out.userId = userId
    const calendarIds = problems.strings('calendarIds', body.calendarIds)
    out.calendarIds = calendarIds ?? []
  }
  problems.check()
  return out
}

function loadSchedule(c: Ctx) {
  const row = c.var.runtime.repos.calendarSchedules.get(pathParam(c, 'id'))
  if (!row || !mayActOnLocationId(c, row.locationId)) throw scheduleNotFound()
  return row
}

const createSchedule: OperationHandler<'createSchedule'> = (c, raw) => {
  const body = objectBody(raw)
  const location = namedLocation(c, body.locationId)
  const fields = readSchedule(body, true)
  const { repos } = c.var.runtime
  if (!userOfLocation(repos, location.id, String(fields.userId))) throw badRequest('User not found')
  for (const id of fields.calendarIds as string[]) if (!repos.calendars.getInLocation(location.id, id)) throw calendarNotFound()
  const { ms, iso } = nowOf(c)
  const id = ghlId()
  const schedule = { id, locationId: location.id, rules: [], ...fields, dateAdded: iso, dateUpdated: iso, deleted: false }
  repos.calendarSchedules.insert({ id, locationId: location.id, data: schedule, createdAt: ms, updatedAt: ms })
  return c.json({ schedule }, 201)
}

const searchSchedules: OperationHandler<'getAllSchedules'> = (c) => {
  const location = namedLocation(c, c.req.query('locationId'))
  const problems = new Problems()
  const userId = problems.text('userId', c.req.query('userId'), true)
  const skip = problems.int('skip', c.req.query('skip'), { default: 0, min: 0 })
  const limit = problems.int('limit', c.req.query('limit'), { default: 50, min: 1, max: 500 })
  problems.check()
  const calendarId = c.req.query('calendarId') || undefined
  // A user has a few schedules: read theirs, then keep the calendar's.
  const rows = c.var.runtime.repos.calendarSchedules.listBy(location.id, userId, 1000, 0).map((r) => r.data)
  const kept = calendarId ? rows.filter((s) => (s.calendarIds as string[]).includes(calendarId)) : rows
  return c.json({ schedules: kept.slice(skip, skip + limit) })
}

const getSchedule: OperationHandler<'getScheduleById'> = (c) => c.json({ schedule: loadSchedule(c).data })

const updateSchedule: OperationHandler<'updateSchedule'> = (c, raw) => {
  const row = loadSchedule(c)
  const { ms, iso } = nowOf(c)
  const schedule = { ...row.data, ...readSchedule(objectBody(raw), false), dateUpdated: iso }
  c.var.runtime.repos.calendarSchedules.update(row.id, schedule, ms)
  return c.json({ schedule })
}

const deleteSchedule: OperationHandler<'deleteSchedule'> = (c) => {
  c.var.runtime.repos.calendarSchedules.remove(loadSchedule(c).id)
  return c.json({ success: true })
}

function associate(add: boolean): OperationHandler<'add-calendar-to-schedule' | 'remove-calendar-from-schedule'> {
  return function changeAssociation(c: Ctx) {
    const row = loadSchedule(c)
    const calendarId = pathParam(c, 'calendarId')
    const { repos } = c.var.runtime
    if (!repos.calendars.getInLocation(row.locationId, calendarId)) throw calendarNotFound()
    const current = (row.data.calendarIds as string[] | undefined) ?? []
    const calendarIds = add ? [...new Set([...current, calendarId])] : current.filter((id) => id !== calendarId)
    repos.calendarSchedules.update(row.id, { ...row.data, calendarIds, dateUpdated: nowOf(c).iso }, nowOf(c).ms)
    return c.json({ success: true })
  }
}

export const scheduleHandlers: HandlerSet = {
  createSchedule,
  getAllSchedules: searchSchedules,
  getScheduleById: getSchedule,
  updateSchedule,
  deleteSchedule,
  'add-calendar-to-schedule': associate(true),
  'remove-calendar-from-schedule': associate(false),
}
