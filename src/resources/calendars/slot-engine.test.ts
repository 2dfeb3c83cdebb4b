// The free-slot table: DST weeks in US and EU zones, half-hour zones, buffers, minimum notice,
// booking window, full days, round-robin and collective members, blocks and date overrides.
import { describe, expect, it } from 'vitest'
import { freeSlots, type Busy, type SlotRules } from './slot-engine.js'

const WEEKDAYS_9_TO_5 = [{ daysOfTheWeek: [1, 2, 3, 4, 5], hours: [{ openHour: 9, openMinute: 0, closeHour: 17, closeMinute: 0 }] }]
const at = (iso: string) => Date.parse(iso)

function rules(over: Partial<SlotRules> = {}): SlotRules {
  return {
    zone: 'America/New_York',
    openHours: WEEKDAYS_9_TO_5,
    availabilities: [],
    durationMin: 60,
    intervalMin: 60,
    gapMin: 0,
    perSlot: 1,
    earliest: 0,
    mode: 'calendar',
    members: [],
    ...over,
  }
}

interface Case {
  name: string
  rules?: Partial<SlotRules>
  from: string
  to: string
  busy?: Busy[]
  out?: string
  expect: (slots: Record<string, { slots: string[] }>) => void
}

const cases: Case[] = [
  {
    name: 'US spring-forward week: 9:00 local is -05:00 before, -04:00 after',
    from: '2026-03-06T00:00:00Z',
    to: '2026-03-10T00:00:00Z',
    expect: (s) => {
      expect(Object.keys(s)).toEqual(['2026-03-06', '2026-03-09'])
      expect(s['2026-03-06']!.slots[0]).toBe('2026-03-06T09:00:00-05:00')
      expect(s['2026-03-09']!.slots[0]).toBe('2026-03-09T09:00:00-04:00')
      expect(s['2026-03-09']!.slots).toHaveLength(8)
    },
  },
  {
    name: 'US spring-forward night: the skipped 2:00 is not offered',
    rules: { openHours: [{ daysOfTheWeek: [0], hours: [{ openHour: 0, openMinute: 0, closeHour: 5, closeMinute: 0 }] }] },
    from: '2026-03-08T00:00:00Z',
    to: '2026-03-09T12:00:00Z',
    expect: (s) => expect(s['2026-03-08']!.slots).toEqual(['2026-03-08T00:00:00-05:00', '2026-03-08T01:00:00-05:00', '2026-03-08T03:00:00-04:00', '2026-03-08T04:00:00-04:00']),
  },
  {
    name: 'US fall-back night: the repeated 1:00 is offered once',
    rules: { openHours: [{ daysOfTheWeek: [0], hours: [{ openHour: 0, openMinute: 0, closeHour: 3, closeMinute: 0 }] }] },
    from: '2026-11-01T00:00:00Z',
    to: '2026-11-02T12:00:00Z',
    expect: (s) => expect(s['2026-11-01']!.slots).toEqual(['2026-11-01T00:00:00-04:00', '2026-11-01T01:00:00-04:00', '2026-11-01T02:00:00-05:00']),
  },
  {
    name: 'EU DST week written in UTC: Berlin 9:00 is 08:00Z before, 07:00Z after',
    rules: { zone: 'Europe/Berlin' },
    from: '2026-03-27T00:00:00Z',
    to: '2026-03-31T00:00:00Z',
    out: 'UTC',
    expect: (s) => {
      expect(s['2026-03-27']!.slots[0]).toBe('2026-03-27T08:00:00+00:00')
      expect(s['2026-03-30']!.slots[0]).toBe('2026-03-30T07:00:00+00:00')
    },
  },
  {
    name: 'half-hour zone: Kolkata hours written in New York fall on the previous evening',
    rules: { zone: 'Asia/Kolkata', openHours: [{ daysOfTheWeek: [2], hours: [{ openHour: 9, openMinute: 0, closeHour: 11, closeMinute: 0 }] }] },
    from: '2026-03-09T00:00:00Z',
    to: '2026-03-12T00:00:00Z',
    out: 'America/New_York',
    expect: (s) => expect(s).toEqual({ '2026-03-09': { slots: ['2026-03-09T23:30:00-04:00'] }, '2026-03-10': { slots: ['2026-03-10T00:30:00-04:00'] } }),
  },
  {
    name: 'Adelaide (+10:30 / +9:30) across its April DST end',
    rules: { zone: 'Australia/Adelaide', openHours: [{ daysOfTheWeek: [5, 1], hours: [{ openHour: 9, openMinute: 0, closeHour: 10, closeMinute: 0 }] }] },
    from: '2026-04-02T00:00:00Z',
    to: '2026-04-07T00:00:00Z',
    expect: (s) => expect(Object.values(s).flatMap((d) => d.slots)).toEqual(['2026-04-03T09:00:00+10:30', '2026-04-06T09:00:00+09:30']),
  },
  {
    name: 'buffers keep 15 minutes either side of a booking',
    rules: { durationMin: 30, intervalMin: 30, gapMin: 15, openHours: [{ daysOfTheWeek: [1], hours: [{ openHour: 9, openMinute: 0, closeHour: 12, closeMinute: 0 }] }] },
    from: '2026-03-09T00:00:00Z',
    to: '2026-03-10T00:00:00Z',
    busy: [{ start: at('2026-03-09T14:00:00Z'), end: at('2026-03-09T14:30:00Z') }],
    expect: (s) => expect(s['2026-03-09']!.slots).toEqual(['2026-03-09T09:00:00-04:00', '2026-03-09T11:00:00-04:00', '2026-03-09T11:30:00-04:00']),
  },
  {
    name: 'minimum notice and booking window trim the range',
    rules: { earliest: at('2026-03-09T15:00:00Z'), latest: at('2026-03-10T14:00:00Z') },
    from: '2026-03-09T00:00:00Z',
    to: '2026-03-12T00:00:00Z',
    expect: (s) => {
      expect(s['2026-03-09']!.slots[0]).toBe('2026-03-09T11:00:00-04:00')
      expect(s['2026-03-10']!.slots).toEqual(['2026-03-10T09:00:00-04:00', '2026-03-10T10:00:00-04:00'])
      expect(s['2026-03-11']).toBeUndefined()
    },
  },
  {
    name: 'a full day (appointments per day reached) has no slots; the next day does',
    rules: { perDay: 2 },
    from: '2026-03-09T00:00:00Z',
    to: '2026-03-11T00:00:00Z',
    busy: [
      { start: at('2026-03-09T13:00:00Z'), end: at('2026-03-09T14:00:00Z') },
      { start: at('2026-03-09T18:00:00Z'), end: at('2026-03-09T19:00:00Z') },
    ],
    expect: (s) => expect(Object.keys(s)).toEqual(['2026-03-10']),
  },
  {
    name: 'appointments per slot: a class with two seats stays open after one booking',
    rules: { perSlot: 2 },
    from: '2026-03-09T12:00:00Z',
    to: '2026-03-09T14:00:00Z',
    busy: [{ start: at('2026-03-09T13:00:00Z'), end: at('2026-03-09T14:00:00Z') }],
    expect: (s) => expect(s['2026-03-09']!.slots).toEqual(['2026-03-09T09:00:00-04:00', '2026-03-09T10:00:00-04:00']),
  },
  {
    name: 'round robin: a slot stays free while one member is; collective needs all',
    rules: { mode: 'any', members: ['u1', 'u2'] },
    from: '2026-03-09T13:00:00Z',
    to: '2026-03-09T14:00:00Z',
    busy: [
      { start: at('2026-03-09T13:00:00Z'), end: at('2026-03-09T14:00:00Z'), userId: 'u1' },
      { start: at('2026-03-09T14:00:00Z'), end: at('2026-03-09T15:00:00Z'), userId: 'u1' },
      { start: at('2026-03-09T14:00:00Z'), end: at('2026-03-09T15:00:00Z'), userId: 'u2' },
    ],
    expect: (s) => expect(s['2026-03-09']!.slots).toEqual(['2026-03-09T09:00:00-04:00']),
  },
  {
    name: 'collective: one member busy closes the slot',
    rules: { mode: 'all', members: ['u1', 'u2'] },
    from: '2026-03-09T13:00:00Z',
    to: '2026-03-09T14:00:00Z',
    busy: [{ start: at('2026-03-09T13:00:00Z'), end: at('2026-03-09T14:00:00Z'), userId: 'u2' }],
    expect: (s) => expect(s['2026-03-09']!.slots).toEqual(['2026-03-09T10:00:00-04:00']),
  },
  {
    name: 'a block closes the time whatever the capacity',
    rules: { perSlot: 5 },
    from: '2026-03-09T13:00:00Z',
    to: '2026-03-09T14:00:00Z',
    busy: [{ start: at('2026-03-09T13:00:00Z'), end: at('2026-03-09T14:30:00Z'), block: true }],
    expect: (s) => expect(s).toEqual({}),
  },
  {
    name: 'date-specific hours replace the weekday (and none means closed)',
    rules: {
      availabilities: [
        { date: '2026-03-09T00:00:00.000Z', hours: [{ openHour: 13, openMinute: 0, closeHour: 15, closeMinute: 0 }] },
        { date: '2026-03-10', hours: [] },
        { date: '2026-03-11', hours: [{ openHour: 6, openMinute: 0, closeHour: 7, closeMinute: 0 }], deleted: true },
      ],
    },
    from: '2026-03-09T00:00:00Z',
    to: '2026-03-12T00:00:00Z',
    expect: (s) => {
      expect(s['2026-03-09']!.slots).toEqual(['2026-03-09T13:00:00-04:00', '2026-03-09T14:00:00-04:00'])
      expect(s['2026-03-10']).toBeUndefined()
      expect(s['2026-03-11']!.slots[0]).toBe('2026-03-11T09:00:00-04:00')
    },
  },
]

describe('free slots', () => {
  for (const c of cases) {
    it(c.name, () => {
      const r = rules(c.rules)
      c.expect(freeSlots(r, at(c.from), at(c.to), c.busy ?? [], c.out ?? r.zone))
    })
  }
})
