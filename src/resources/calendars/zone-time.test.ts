import { describe, expect, it } from 'vitest'
import { instantOf, isTimeZone, isoInZone, localDateOf, offsetMinutes } from './zone-time.js'

describe('zone time', () => {
  it('knows offsets, including half-hour zones and DST', () => {
    expect(offsetMinutes('America/New_York', Date.parse('2026-01-15T12:00:00Z'))).toBe(-300)
    expect(offsetMinutes('America/New_York', Date.parse('2026-07-15T12:00:00Z'))).toBe(-240)
    expect(offsetMinutes('Asia/Kolkata', Date.parse('2026-07-15T12:00:00Z'))).toBe(330)
    expect(offsetMinutes('Australia/Adelaide', Date.parse('2026-01-15T12:00:00Z'))).toBe(630)
    expect(offsetMinutes('Australia/Adelaide', Date.parse('2026-07-15T12:00:00Z'))).toBe(570)
    expect(offsetMinutes('UTC', 0)).toBe(0)
  })

  it('finds the instant of a wall time; a skipped time has none, a repeated one is the earlier', () => {
    const date = { year: 2026, month: 3, day: 8 }
    expect(new Date(instantOf('America/New_York', date, 60)!).toISOString()).toBe('2026-03-08T06:00:00.000Z')
    expect(instantOf('America/New_York', date, 150)).toBeUndefined()
    expect(new Date(instantOf('America/New_York', date, 180)!).toISOString()).toBe('2026-03-08T07:00:00.000Z')
    expect(new Date(instantOf('America/New_York', { year: 2026, month: 11, day: 1 }, 90)!).toISOString()).toBe('2026-11-01T05:30:00.000Z')
  })

  it('writes ISO times with the zone offset', () => {
    expect(isoInZone('America/New_York', Date.parse('2026-03-09T13:00:00Z'))).toBe('2026-03-09T09:00:00-04:00')
    expect(isoInZone('Asia/Kolkata', Date.parse('2026-03-09T03:30:00Z'))).toBe('2026-03-09T09:00:00+05:30')
    expect(isoInZone('America/St_Johns', Date.parse('2026-01-09T12:30:00Z'))).toBe('2026-01-09T09:00:00-03:30')
    expect(localDateOf('Pacific/Auckland', Date.parse('2026-01-09T12:00:00Z'))).toMatchObject({ year: 2026, month: 1, day: 10, weekday: 6 })
  })

  it('tells zones from junk', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true)
    expect(isTimeZone('Mars/Olympus')).toBe(false)
    expect(isTimeZone('')).toBe(false)
  })
})
