// The free-slot computation, pure: a calendar's open hours (weekly, or date-specific overrides)
// laid out in its zone, minus busy time (appointments, blocked slots, buffers), the booking window
// and the per-slot/per-day caps, grouped by date in the zone the caller asked for.
import { dateKey, dateKeyOf, instantOf, isoInZone, localDateOf, nextDate, weekdayOf, type LocalDate } from './zone-time.js'

const MINUTE = 60_000
const DAY = 86_400_000

export interface Hours {
  openHour: number
  openMinute: number
  closeHour: number
  closeMinute: number
}

export interface SlotRules {
  /** The zone the open hours are written in (the calendar's, else its location's). */
  zone: string
  openHours: { daysOfTheWeek: number[]; hours: Hours[] }[]
  /** Date-specific hours; an entry for a date replaces that weekday's open hours (no hours: closed). */
  availabilities: { date: string; hours: Hours[]; deleted?: boolean }[]
  durationMin: number
  intervalMin: number
  /** Minimum gap kept between a slot and any busy time (the larger of pre- and post-buffer). */
  gapMin: number
  perSlot: number
  perDay?: number
  /** Earliest bookable start (now + minimum notice). */
  earliest: number
  /** Latest bookable start (now + booking window), if the calendar limits it. */
  latest?: number
  /**
   * Whose time counts: 'calendar' counts every booking against one capacity; 'any' offers a slot
   * when one of `members` is free (round robin); 'all' when every member is (collective).
   */
  mode: 'calendar' | 'any' | 'all'
  members: string[]
}

/** Busy time: an appointment (counts toward capacity) or a block (closes the time outright). */
export interface Busy {
  start: number
  end: number
  userId?: string
  block?: boolean
}

export type SlotMap = Record<string, { slots: string[] }>

/** The open windows (minutes of the day) of one local date. */
export function windowsOf(rules: SlotRules, date: LocalDate): [number, number][] {
  const key = dateKey(date)
  const special = rules.availabilities.filter((a) => !a.deleted && a.date.slice(0, 10) === key)
  const weekday = weekdayOf(date)
  const hours = special.length > 0 ? special.flatMap((a) => a.hours) : rules.openHours.filter((o) => o.daysOfTheWeek.includes(weekday)).flatMap((o) => o.hours)
  return hours
    .map((h): [number, number] => {
      const close = h.closeHour * 60 + h.closeMinute
      // 00:00 as a closing time means midnight at the end of the day.
      return [h.openHour * 60 + h.openMinute, close === 0 ? 1440 : close]
    })
    .filter(([open, close]) => close > open)
    .sort((a, b) => a[0] - b[0])
}

/** Candidate slot starts of a local date, in order; local times a DST change skips are left out. */
function startsOf(rules: SlotRules, date: LocalDate): number[] {
  const starts = new Set<number>()
  for (const [open, close] of windowsOf(rules, date)) {
    for (let minute = open; minute + rules.durationMin <= close; minute += rules.intervalMin) {
      const at = instantOf(rules.zone, date, minute)
      if (at !== undefined) starts.add(at)
    }
  }
  return [...starts].sort((a, b) => a - b)
}

/** Busy entries sorted by start, with the longest span, for windowed overlap lookups. */
class BusyIndex {
  private readonly items: Busy[]
  private readonly longest: number
  constructor(busy: readonly Busy[]) {
    this.items = [...busy].sort((a, b) => a.start - b.start)
    this.longest = this.items.reduce((max, b) => Math.max(max, b.end - b.start), 0)
  }

  /** Entries overlapping [start, end) once each side is widened by `gap`. */
  overlapping(start: number, end: number, gap: number): Busy[] {
    const items = this.items
    let lo = 0
    let hi = items.length
    // First entry starting at or after end + gap: nothing from there on overlaps.
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (items[mid]!.start < end + gap) lo = mid + 1
      else hi = mid
    }
    const found: Busy[] = []
    for (let i = lo - 1; i >= 0 && items[i]!.start > start - gap - this.longest - 1; i--) {
      if (items[i]!.end + gap > start) found.push(items[i]!)
    }
    return found
  }
}

function memberFree(rules: SlotRules, around: Busy[], userId: string | undefined): boolean {
  let booked = 0
  for (const b of around) {
    const theirs = userId === undefined || b.userId === undefined || b.userId === userId
    if (!theirs) continue
    if (b.block) return false
    booked++
  }
  return booked < rules.perSlot
}

function slotFree(rules: SlotRules, around: Busy[]): boolean {
  if (around.length === 0) return true
  if (rules.mode === 'calendar' || rules.members.length === 0) return memberFree(rules, around, undefined)
  return rules.mode === 'any' ? rules.members.some((u) => memberFree(rules, around, u)) : rules.members.every((u) => memberFree(rules, around, u))
}

/**
 * Free slots with a start in [from, to], written in `outZone`, keyed by their date there. Days
 * without a free slot are left out, as HighLevel leaves them out.
 */
export function freeSlots(rules: SlotRules, from: number, to: number, busy: readonly Busy[], outZone: string): SlotMap {
  const index = new BusyIndex(busy)
  const gap = rules.gapMin * MINUTE
  const duration = rules.durationMin * MINUTE
  const perDayCount = new Map<string, number>()
  if (rules.perDay !== undefined && rules.perDay > 0) {
    for (const b of busy) if (!b.block) perDayCount.set(dateKeyOf(rules.zone, b.start), (perDayCount.get(dateKeyOf(rules.zone, b.start)) ?? 0) + 1)
  }
  const out: SlotMap = {}
  // Local dates of the calendar zone that can hold a start inside the range (a day's margin
  // either side covers every offset).
  let date: LocalDate = localDateOf(rules.zone, from - DAY)
  const last = dateKey(localDateOf(rules.zone, to + DAY))
  for (let guard = 0; guard < 40; guard++) {
    const key = dateKey(date)
    const dayFull = rules.perDay !== undefined && rules.perDay > 0 && (perDayCount.get(key) ?? 0) >= rules.perDay
    if (!dayFull) {
      for (const start of startsOf(rules, date)) {
        if (start < from || start > to || start < rules.earliest) continue
        if (rules.latest !== undefined && start > rules.latest) continue
        if (!slotFree(rules, index.overlapping(start, start + duration, gap))) continue
        const day = dateKeyOf(outZone, start)
        ;(out[day] ??= { slots: [] }).slots.push(isoInZone(outZone, start))
      }
    }
    if (key === last) break
    date = nextDate(date)
  }
  return sortedByDate(out)
}

function sortedByDate(map: SlotMap): SlotMap {
  const sorted: SlotMap = {}
  for (const key of Object.keys(map).sort()) sorted[key] = map[key]!
  return sorted
}
