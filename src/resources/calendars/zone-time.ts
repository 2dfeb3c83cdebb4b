// Wall-clock time in IANA zones with Intl.DateTimeFormat only: a zone's UTC offset at an instant,
// the instant of a local date and time (DST gaps and overlaps handled), ISO strings with offset.
// Pure; offsets are memoised per zone and quarter hour (every real transition falls on one).
const formatters = new Map<string, Intl.DateTimeFormat>()
const offsets = new Map<string, number>()
const QUARTER = 15 * 60_000
const DAY = 86_400_000

function formatterOf(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    })
    formatters.set(zone, formatter)
  }
  return formatter
}

/** Whether `zone` is a time zone Intl knows (IANA names, `UTC`). */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone === '') return false
  try {
    formatterOf(zone)
    return true
  } catch {
    return false
  }
}

/** The zone's offset from UTC in minutes at instant `ms` (e.g. -300 for New York in winter). */
export function offsetMinutes(zone: string, ms: number): number {
  const key = `${zone}|${Math.floor(ms / QUARTER)}`
  let offset = offsets.get(key)
  if (offset === undefined) {
    const parts: Record<string, number> = {}
    for (const part of formatterOf(zone).formatToParts(Math.floor(ms / QUARTER) * QUARTER)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value)
    }
    const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!)
    offset = Math.round((asUtc - Math.floor(ms / QUARTER) * QUARTER) / 60_000)
    if (offsets.size > 200_000) offsets.clear()
    offsets.set(key, offset)
  }
  return offset
}

/** A calendar day (month 1-12). */
export interface LocalDate {
  year: number
  month: number
  day: number
}

/** The local date at instant `ms` in `zone`, and its weekday (0 = Sunday, as HighLevel numbers them). */
export function localDateOf(zone: string, ms: number): LocalDate & { weekday: number } {
  const local = new Date(ms + offsetMinutes(zone, ms) * 60_000)
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(), weekday: local.getUTCDay() }
}

/** The day after `date`. */
export function nextDate(date: LocalDate): LocalDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day) + DAY)
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() }
}

export const weekdayOf = (date: LocalDate): number => new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0')

/** `YYYY-MM-DD`. */
export const dateKey = (date: LocalDate): string => `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`

/**
 * The instant at which the wall clock in `zone` reads `minuteOfDay` on `date`; undefined when that
 * time does not exist (the hour skipped by a spring-forward change). When it exists twice (the
 * hour repeated in autumn) the earlier instant wins, as booking pages show the first one.
 */
export function instantOf(zone: string, date: LocalDate, minuteOfDay: number): number | undefined {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minuteOfDay * 60_000
  let best: number | undefined
  // The offsets in force half a day either side cover every transition a local time can straddle.
  for (const probe of [wall - DAY / 2, wall + DAY / 2]) {
    const candidate = wall - offsetMinutes(zone, probe) * 60_000
    if (offsetMinutes(zone, candidate) * 60_000 === wall - candidate && (best === undefined || candidate < best)) best = candidate
  }
  return best
}

/** `2024-10-28T10:00:00-05:00`: the instant as the wall clock in `zone` reads it, with its offset. */
export function isoInZone(zone: string, ms: number): string {
  const offset = offsetMinutes(zone, ms)
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19)
  const sign = offset < 0 ? '-' : '+'
  return `${local}${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
}

/** The local date key of an instant in `zone`. */
export const dateKeyOf = (zone: string, ms: number): string => dateKey(localDateOf(zone, ms))
