// GET /calendars/:calendarId/free-slots: reads the range and filters, gathers busy time from the
// indexes (the calendar's bookings, its members' bookings elsewhere, blocks) and asks the engine.
import type { HandlerSet, OperationHandler } from '../../handlers/handler.js'
import type { Repos } from '../../storage/repos.js'
import { nowOf, pathParam, Problems, type JsonObject } from '../kit/index.js'
import { loadCalendar, memberIds, rulesOf } from './calendar-model.js'
import { freeSlots, type Busy, type SlotMap } from './slot-engine.js'
import { isTimeZone } from './zone-time.js'

const DAY = 86_400_000
/** The platform refuses longer ranges (the spec: "Date range cannot be more than 31 days"). */
export const MAX_RANGE_MS = 31 * DAY
export const rangeTooLong = 'Date range cannot be more than 31 days'

/** Epoch ms from a query value; a problem when absent or not a number. */
export function msParam(problems: Problems, name: string, raw: string | undefined, required: boolean): number | undefined {
  if (raw === undefined || raw === '') {
    if (required) problems.add(`${name} should not be empty`)
    return undefined
  }
  const value = Number(raw)
  if (!Number.isFinite(value) || !/^\d+(\.\d+)?$/.test(raw.trim())) {
    problems.add(`${name} must be a number conforming to the specified constraints`)
    return undefined
  }
  return value
}

/** Busy time for slots of `calendar` over [from, to) (widened by a day for per-day caps). */
export function busyFor(repos: Repos, calendar: JsonObject, members: string[], from: number, to: number, includeMembersElsewhere: boolean, exceptId?: string): Busy[] {
  const locationId = String(calendar.locationId)
  const start = from - DAY
  const end = to + DAY
  // The appointment being moved does not stand in its own way.
  const seen = new Set<string>(exceptId ? [exceptId] : [])
  const busy: Busy[] = []
  const add = (rows: { id: string; start: number; end: number; userId: string | null }[], block: boolean) => {
    for (const r of rows) {
      if (seen.has(r.id)) continue
      seen.add(r.id)
      busy.push({ start: r.start, end: r.end, userId: r.userId ?? undefined, block })
    }
  }
  add(repos.appointments.busyInCalendar(String(calendar.id), start, end), false)
  if (includeMembersElsewhere) for (const userId of members) add(repos.appointments.busyOfUser(locationId, userId, start, end), false)
  add(repos.blockedSlots.busy(locationId, String(calendar.id), members, start, end), true)
  return busy
}

/** The free slots of a calendar; `userIds` narrows the team (unknown ids leave no one free). */
export function slotsOf(repos: Repos, calendar: JsonObject, now: number, from: number, to: number, options: { zone?: string; userIds?: string[] } = {}): SlotMap {
  const team = memberIds(calendar)
  const members = options.userIds && options.userIds.length > 0 ? options.userIds.filter((id) => team.includes(id)) : team
  if (options.userIds && options.userIds.length > 0 && members.length === 0) return {}
  const rules = rulesOf(repos, calendar, now, members)
  const busy = busyFor(repos, calendar, members, from, to, rules.mode !== 'calendar')
  return freeSlots(rules, from, to, busy, options.zone ?? rules.zone)
}

const getSlots: OperationHandler<'get-slots'> = (c) => {
  const calendar = loadCalendar(c, pathParam(c, 'calendarId')).data
  const problems = new Problems()
  const from = msParam(problems, 'startDate', c.req.query('startDate'), true)
  const to = msParam(problems, 'endDate', c.req.query('endDate'), true)
  const zone = c.req.query('timezone') || undefined
  if (zone !== undefined && !isTimeZone(zone)) problems.add('timezone must be a valid IANA time zone')
  if (from !== undefined && to !== undefined) {
    if (to < from) problems.add('endDate must not be before startDate')
    else if (to - from > MAX_RANGE_MS) problems.add(rangeTooLong)
  }
  problems.check()
  const userIds = [...(c.req.queries('userIds') ?? []), ...(c.req.queries('userIds[]') ?? [])].flatMap((v) => v.split(',')).filter(Boolean)
  const userId = c.req.query('userId')
  if (userId) userIds.push(userId)
  // enableLookBusy is accepted and ignored: hiding slots at random would make tests flaky.
  return c.json(slotsOf(c.var.runtime.repos, calendar, nowOf(c).ms, from!, to!, { zone, userIds }))
}

export const freeSlotHandlers: HandlerSet = { 'get-slots': getSlots }
