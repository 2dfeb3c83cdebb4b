// Resource figures at scale: one location holding 100,000 contacts (seeded through the repositories
// in one transaction, not over HTTP), then p50/p95 of get, list, search and upsert calls through the
// full HTTP stack (gateway checks included). Run with `npx tsx bench/resources.ts [contacts]`.
// Other resources add their cases to `cases` below (same shape: a name and one request).
import { Faker, base, en, en_US } from '@faker-js/faker'
import { makeContact, tagNames } from '../src/fixtures/factories.js'
import { createServer } from '../src/server.js'

type Json = Record<string, any>

const CONTACTS = Number(process.argv[2] ?? 100_000)
const RUNS = 200
const WARMUP = 20
const TARGET_P50_MS = 20

const mock = await createServer({
  world: 'small',
  db: ':memory:',
  listen: false,
  clock: 'manual',
  // The bench measures speed, not HighLevel's limits: lift them so no request meets a 429.
  rateLimitBurst: 1_000_000_000,
  rateLimitDaily: 1_000_000_000,
  logLevel: 'error',
})
const { repos } = mock.runtime
const world = mock.world()
const location = world.locations[0]!
const userIds = world.users.filter((u) => u.roles.locationIds.includes(location.id)).map((u) => u.id)
const customFieldIds = repos.customFields.listByLocation(location.id, 100).map((row) => row.id)

// Seed: faker-made contacts spread over the last two years, all in one transaction.
const seedStarted = performance.now()
const faker = new Faker({ locale: [en_US, en, base], seed: 42 })
const now = mock.clock.now()
const samples: Json[] = []
repos.transaction(() => {
  for (let i = 0; i < CONTACTS; i++) {
    const createdAt = now - Math.floor(((CONTACTS - i) / CONTACTS) * 730 * 86_400_000)
    const data = makeContact(faker, { locationId: location.id, userIds, tagNames: tagNames.slice(0, 8), customFieldIds, createdAt })
    repos.contacts.insert({ id: String(data.id), locationId: location.id, data, createdAt, updatedAt: createdAt })
    if (i % Math.floor(CONTACTS / 50) === 0) samples.push(data)
  }
})
const seedMs = performance.now() - seedStarted

const tokenRes = await mock.app.request('/_mock/tokens', {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ locationId: location.id, scopes: ['contacts.readonly', 'contacts.write', 'opportunities.readonly', 'opportunities.write'] }),
})
const token = ((await tokenRes.json()) as Json).access_token as string

async function call(method: string, path: string, body?: unknown): Promise<Json> {
  const res = await mock.app.request(path, {
    method,
    headers: { Authorization: `Bearer ${token}`, Version: '2021-07-28', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = (await res.json()) as Json
  if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json).slice(0, 300)}`)
  return json
}

const sample = (i: number) => samples[i % samples.length]!
const early = (await call('GET', `/contacts/?locationId=${location.id}&limit=100`)).meta as Json
// A cursor half-way down the location (the contact added in the middle of the seeding).
const halfway = samples[Math.floor(samples.length / 2)]!
const halfwayAdded = Date.parse(String(halfway.dateAdded))
const search = (body: Json) => call('POST', '/contacts/search', { locationId: location.id, pageLimit: 20, ...body })
let fresh = 0

/**
 * One request per run; `i` varies the input so no two runs hit the same row. `info` cases are
 * reported but do not count against the target (known costs, documented in the README).
 */
export const cases: { name: string; run: (i: number) => Promise<unknown>; info?: boolean }[] = [
  { name: 'contacts: get by id', run: (i) => call('GET', `/contacts/${sample(i).id}`) },
  { name: 'contacts: list first page (GET /contacts/)', run: () => call('GET', `/contacts/?locationId=${location.id}&limit=20`) },
  { name: 'contacts: list next page (follow nextPageUrl)', run: () => call('GET', new URL(String(early.nextPageUrl)).pathname + new URL(String(early.nextPageUrl)).search) },
  { name: 'contacts: list by startAfter/Id, early cursor', run: () => call('GET', `/contacts/?locationId=${location.id}&limit=20&startAfter=${early.startAfter}&startAfterId=${early.startAfterId}`) },
  { name: 'contacts: list by startAfter/Id, halfway (counts 50k)', info: true, run: () => call('GET', `/contacts/?locationId=${location.id}&limit=20&startAfter=${halfwayAdded}&startAfterId=${halfway.id}`) },
  { name: 'contacts: list with query (last name)', run: (i) => call('GET', `/contacts/?locationId=${location.id}&query=${encodeURIComponent(String(sample(i).lastName))}`) },
  { name: 'contacts: search, no filter, page 1', run: () => search({}) },
  { name: 'contacts: search, page 50', run: () => search({ page: 50 }) },
  { name: 'contacts: search email eq', run: (i) => search({ filters: [{ field: 'email', operator: 'eq', value: sample(i).email }] }) },
  { name: 'contacts: search query (full name)', run: (i) => search({ query: `${sample(i).firstName} ${sample(i).lastName}` }) },
  { name: 'contacts: search query (email fragment)', run: (i) => search({ query: String(sample(i).email).slice(0, 8) }) },
  { name: 'contacts: search tags eq (one tag)', run: (i) => search({ filters: [{ field: 'tags', operator: 'eq', value: tagNames[i % 8] }] }) },
  { name: 'contacts: search assignedTo + sort firstName', run: (i) => search({ filters: [{ field: 'assignedTo', operator: 'eq', value: userIds[i % userIds.length] }], sort: [{ field: 'firstNameLowerCase', direction: 'asc' }] }) },
  { name: 'contacts: search dateAdded last 30 days', run: () => search({ filters: [{ field: 'dateAdded', operator: 'gte', value: now - 30 * 86_400_000 }] }) },
  { name: 'contacts: upsert (existing email → update)', run: (i) => call('POST', '/contacts/upsert', { locationId: location.id, email: sample(i).email, city: `City ${i}` }) },
  { name: 'contacts: upsert (new email → create)', run: () => call('POST', '/contacts/upsert', { locationId: location.id, email: `bench-${fresh++}@example.com`, firstName: 'Bench' }) },
]

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!

console.log(`Seeded ${CONTACTS.toLocaleString('en-US')} contacts in one location in ${(seedMs / 1000).toFixed(1)} s\n`)
console.log('case'.padEnd(52), 'p50 ms'.padStart(8), 'p95 ms'.padStart(8))
let slow = 0
for (const c of cases) {
  for (let i = 0; i < WARMUP; i++) await c.run(i)
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now()
    await c.run(WARMUP + i)
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  const p50 = percentile(times, 0.5)
  const over = p50 >= TARGET_P50_MS
  if (over && !c.info) slow++
  console.log(c.name.padEnd(52), p50.toFixed(2).padStart(8), percentile(times, 0.95).toFixed(2).padStart(8), over ? (c.info ? '  (info)' : '  SLOW') : '')
}
await mock.close()
console.log(slow === 0 ? `\nEvery p50 is under ${TARGET_P50_MS} ms.` : `\n${slow} case(s) at or over ${TARGET_P50_MS} ms p50.`)
process.exitCode = slow === 0 ? 0 : 1
