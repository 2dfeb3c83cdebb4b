// Calendar CRUD (calendars.json): create, read, list by location and group, update, delete.
// Settings are checked by calendar-input; the seeded calendars are ordinary records here.
import type { HandlerSet, OperationHandler } from '../../handlers/handler.js'
import { ghlId } from '../../world/ids.js'
import { GhlError, namedLocation, nowOf, objectBody, pathParam, Problems, type Ctx, type JsonObject } from '../kit/index.js'
import { readCalendarSettings } from './calendar-input.js'
import { calendarDefaults, calendarView, loadCalendar, strangers } from './calendar-model.js'

/** Team members must be users of the calendar's location; the group must be one of its groups. */
function checkReferences(c: Ctx, locationId: string, settings: JsonObject): void {
  const { repos } = c.var.runtime
  const problems = new Problems()
  for (const id of strangers(repos, locationId, settings.teamMembers)) problems.add(`teamMembers: user ${id} is not a user of this location`)
  if (typeof settings.groupId === 'string' && settings.groupId !== '' && !repos.calendarGroups.getInLocation(locationId, settings.groupId)) {
    throw new GhlError(400, 'Group not found')
  }
  problems.check()
}

const createCalendar: OperationHandler<'create-calendar'> = (c, raw) => {
  const body = objectBody(raw)
  const location = namedLocation(c, body.locationId)
  const settings = readCalendarSettings(body, true)
  checkReferences(c, location.id, settings)
  const { runtime } = c.var
  const { ms } = nowOf(c)
  const id = ghlId()
  const name = String(settings.name)
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${id.slice(0, 6).toLowerCase()}`
  const calendar: JsonObject = { ...calendarDefaults(), slug, widgetSlug: slug, ...settings, id, locationId: location.id }
  runtime.repos.calendars.insert({ id, locationId: location.id, data: calendar, createdAt: ms, updatedAt: ms })
  return c.json({ calendar: calendarView(calendar) })
}

const getCalendar: OperationHandler<'get-calendar'> = (c) => c.json({ calendar: calendarView(loadCalendar(c, pathParam(c, 'calendarId')).data) })

const listCalendars: OperationHandler<'get-calendars'> = (c) => {
  const location = namedLocation(c, c.req.query('locationId'))
  const groupId = c.req.query('groupId') || undefined
  const calendars = c.var.runtime.repos.calendars.listOf(location.id, groupId).map((row) => calendarView(row.data))
  return c.json({ calendars })
}

const updateCalendar: OperationHandler<'update-calendar'> = (c, raw) => {
  const row = loadCalendar(c, pathParam(c, 'calendarId'))
  const settings = readCalendarSettings(objectBody(raw), false)
  checkReferences(c, row.locationId, settings)
  const after = { ...row.data, ...settings, id: row.id, locationId: row.locationId }
  c.var.runtime.repos.calendars.update(row.id, after, nowOf(c).ms)
  return c.json({ calendar: calendarView(after) })
}

/** Deleting a calendar leaves its appointments readable by id, as HighLevel keeps booked events. */
const deleteCalendar: OperationHandler<'delete-calendar'> = (c) => {
  const row = loadCalendar(c, pathParam(c, 'calendarId'))
  c.var.runtime.repos.calendars.remove(row.id)
  return c.json({ success: true })
}

export const calendarCrudHandlers: HandlerSet = {
  'create-calendar': createCalendar,
  'get-calendar': getCalendar,
  'get-calendars': listCalendars,
  'update-calendar': updateCalendar,
  'delete-calendar': deleteCalendar,
}
