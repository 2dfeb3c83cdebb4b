// Calendar figures at scale: one calendar with 100,000 appointments (one every 52 minutes over
// ten years, so a month holds ~830 of them), seeded through the repositories in one transaction,
// then free slots for a week and the events query for a month through the gateway, p50/p95.
// Run with `npx tsx bench/calendars.ts` (APPOINTMENTS=… to change the count).
import { createServer } from '../src/server.js'
import { apiRequest, mintToken } from '../src/testing.js'

const APPOINTMENTS = Number(process.env.APPOINTMENTS ?? 100_000)
const STEP = 52 * 60_000
const DAY = 86_400_000

// Rate limits off: this measures the gateway's checks and the handlers, not 429s.
const mock = await createServer({ world: 'small', clock: 'manual', listen: false, rateLimitBurst: 1e12, rateLimitDaily: 1e12 })
const { repos } = mock.runtime
const loc = repos.locations.list()[0]!.id
const users = repos.users.listByLocation(loc).map((u) => u.id)
const contactId = repos.contacts.listByLocation(loc, 1)[0]!.id
const now = mock.clock.now()
const first = now - 5 * 365 * DAY

// --- seed ---------------------------------------------------------------------------------
const seedStarted = performance.now()
const calendarId = 'BenchCalendar0000000'
repos.transaction(() => {
  const calendar = {
    id: calendarId, locationId: loc, name: 'Bench', calendarType: 'round_robin', timezone: 'America/New_York',
    teamMembers: users.map((userId) => ({ userId })), slotDuration: 30, slotInterval: 30, appoinmentPerSlot: 1,
    openHours: [{ daysOfTheWeek: [0, 1, 2, 3, 4, 5, 6], hours: [{ openHour: 8, openMinute: 0, closeHour: 20, closeMinute: 0 }] }],
  }
  repos.calendars.insert({ id: calendarId, locationId: loc, data: calendar, createdAt: first, updatedAt: first })
  for (let i = 0; i < APPOINTMENTS; i++) {
    const start = first + i * STEP
    const id = `BenchAppt${String(i).padStart(11, '0')}`
    const data = {
      id, locationId: loc, calendarId, contactId, title: `Visit ${i}`, appointmentStatus: i % 10 === 0 ? 'cancelled' : 'confirmed',
      assignedUserId: users[i % users.length], users: [users[i % users.length]], startTime: new Date(start).toISOString(),
      endTime: new Date(start + 30 * 60_000).toISOString(), address: '', notes: '', groupId: '', isRecurring: false,
      dateAdded: new Date(first).toISOString(), dateUpdated: new Date(first).toISOString(),
    }
    repos.appointments.insert({ id, locationId: loc, data, createdAt: first, updatedAt: first })
  }
})
const seedMs = performance.now() - seedStarted

const token = await mintToken(mock, { locationId: loc, scopes: ['calendars.readonly', 'calendars/events.readonly'] })
const call = (path: string) => apiRequest(mock, 'GET', path, { token, version: '2021-04-15' })

const cases = [
  { name: 'free slots, one week', run: (i: number) => call(`/calendars/${calendarId}/free-slots?startDate=${now + (i % 50) * DAY}&endDate=${now + (i % 50) * DAY + 7 * DAY}&timezone=Europe/London`) },
  { name: 'events, one month', run: (i: number) => call(`/calendars/events?locationId=${loc}&calendarId=${calendarId}&startTime=${now - (i % 50) * DAY}&endTime=${now - (i % 50) * DAY + 30 * DAY}`) },
]

const ITERATIONS = 200
const results: Record<string, { p50Ms: number; p95Ms: number; bytes: number }> = {}
for (const c of cases) {
  for (let i = 0; i < 20; i++) await c.run(i) // warm the statement cache
  const times: number[] = []
  let bytes = 0
  for (let i = 0; i < ITERATIONS; i++) {
    const started = performance.now()
    const res = await c.run(i)
    const body = await res.text()
    times.push(performance.now() - started)
    bytes = body.length
    if (!res.ok) throw new Error(`${c.name}: ${res.status} ${body}`)
  }
  times.sort((a, b) => a - b)
  results[c.name] = { p50Ms: +times[Math.floor(ITERATIONS / 2)]!.toFixed(2), p95Ms: +times[Math.floor(ITERATIONS * 0.95)]!.toFixed(2), bytes }
}

console.log(`${APPOINTMENTS.toLocaleString('en')} appointments in one calendar; seeded in ${Math.round(seedMs)} ms; ${ITERATIONS} calls per case`)
console.table(results)
await mock.close()
