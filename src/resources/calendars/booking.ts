// Whether a start time may be booked on a calendar: a free slot at that instant (open hours,
// capacity, buffers, blocks, the booking window), and which team member a booking goes to.
// The request flags lift the window (ignoreDateRange) or every check (ignoreFreeSlotValidation).
import { GhlError } from '../../errors.js'
import type { Repos } from '../../storage/repos.js'
import type { JsonObject } from '../kit/index.js'
import { memberIds, rulesOf } from './calendar-model.js'
import { busyFor } from './free-slots.js'
import { freeSlots } from './slot-engine.js'

/** The platform's answer for a taken (or never open) slot. */
export const SLOT_TAKEN = 'The slot you have selected is no longer available'
export const slotTaken = () => new GhlError(400, SLOT_TAKEN)

export interface BookingCheck {
  start: number
  now: number
  /** Only this member's time counts (an explicit assignee). */
  userId?: string
  ignoreDateRange?: boolean
  /** The appointment being rescheduled (its own time is not busy). */
  exceptId?: string
}

/** Whether `start` is a free slot of the calendar under the check's terms. */
export function isBookable(repos: Repos, calendar: JsonObject, check: BookingCheck): boolean {
  const members = check.userId !== undefined ? [check.userId] : memberIds(calendar)
  const rules = rulesOf(repos, calendar, check.now, members)
  if (check.ignoreDateRange) {
    rules.earliest = Number.NEGATIVE_INFINITY
    rules.latest = undefined
  }
  const busy = busyFor(repos, calendar, members, check.start, check.start + 1, rules.mode !== 'calendar', check.exceptId)
  const map = freeSlots(rules, check.start, check.start, busy, 'UTC')
  return Object.values(map).some((day) => day.slots.some((slot) => Date.parse(slot) === check.start))
}

/**
 * The assignee of a new booking: the one asked for, else (round robin and the like) the first
 * team member free at that time, else the first member (or none when the calendar has no team).
 */
export function assigneeFor(repos: Repos, calendar: JsonObject, check: BookingCheck, requested: string | undefined, validate: boolean): string | undefined {
  if (requested !== undefined) return requested
  const team = memberIds(calendar)
  if (team.length === 0) return undefined
  if (!validate || calendar.calendarType === 'collective') return team[0]
  return team.find((userId) => isBookable(repos, calendar, { ...check, userId })) ?? team[0]
}
