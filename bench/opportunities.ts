// Opportunity figures at scale: one location with 100,000 opportunities (25,000 contacts, two
// pipelines, three owners), seeded through the repositories in one transaction, then get,
// search (each filter), create, update, status and upsert over HTTP, p50/p95 per case.
// Run with `npx tsx bench/opportunities.ts` (OPPORTUNITIES=… to change the count).
import { createServer } from '../src/server.js'
import { apiRequest, mintToken } from '../src/testing.js'


const OPPORTUNITIES = Number(process.env.OPPORTUNITIES ?? 100_000)
const CONTACTS = Math.max(1, Math.round(OPPORTUNITIES / 4))
const DAY = 86_400_000
const WORDS = ['Roof', 'Kitchen', 'Solar', 'Window', 'Deck', 'Garage', 'Fence', 'Pool', 'Siding', 'Gutter', 'Patio', 'Basement']

// Rate limits off: this measures the gateway's checks and the handlers, not 429s.
const mock = await createServer({ world: 'small', clock: 'manual', listen: false, rateLimitBurst: 1e12, rateLimitDaily: 1e12 })
const { repos } = mock.runtime
const location = repos.locations.list()[0]!
const loc = location.id
repos.locations.update({ ...location, settings: { ...location.settings, allowDuplicateOpportunity: true } })
const users = repos.users.listByLocation(loc).map((u) => u.id)

// --- seed ---------------------------------------------------------------------------------
const seedStarted = performance.now()
const now = mock.clock.now()
const pipelines = [0, 1].map((p) => ({
  id: `BenchPipeline${p}000000`.slice(0, 20),
  name: `Bench ${p}`,
  locationId: loc,
  stages: Array.from({ length: 6 }, (_, i) => ({ id: `bench-${p}-stage-${i}`, name: `Stage ${i}`, position: i })),
}))
const contactIds: string[] = []
repos.transaction(() => {
  for (const pipeline of pipelines) repos.pipelines.insert({ id: pipeline.id, locationId: loc, data: pipeline, createdAt: 0, updatedAt: 0 })
  for (let i = 0; i < CONTACTS; i++) {
    const id = `BenchContact${String(i).padStart(8, '0')}`
    contactIds.push(id)
    const data = { id, locationId: loc, firstName: `First${i}`, lastName: `Last${i}`, email: `person${i}@bench.test`, phone: `+1555${String(i).padStart(7, '0')}`, tags: ['bench'] }
    repos.contacts.insert({ id, locationId: loc, data, createdAt: now - DAY, updatedAt: now - DAY })
  }
  for (let i = 0; i < OPPORTUNITIES; i++) {
    const pipeline = pipelines[i % 2]!
    const createdAt = now - 365 * DAY + Math.floor((i / OPPORTUNITIES) * 364 * DAY)
    const iso = new Date(createdAt).toISOString()
    const data = {
      id: `BenchOpp${String(i).padStart(12, '0')}`,
      name: `${WORDS[i % WORDS.length]} job ${i}`,
      monetaryValue: (i % 50) * 100,
      pipelineId: pipeline.id,
      pipelineStageId: pipeline.stages[i % 6]!.id,
      assignedTo: users[i % users.length],
      status: ['open', 'open', 'won', 'lost', 'abandoned'][i % 5],
      source: 'bench',
      lastStatusChangeAt: iso,
      lastStageChangeAt: iso,
      createdAt: iso,
      updatedAt: iso,
      contactId: contactIds[i % CONTACTS],
      locationId: loc,
      customFields: [],
      followers: [],
    }
    repos.opportunities.insert({ id: data.id, locationId: loc, data, createdAt, updatedAt: createdAt })
  }
})
const seedMs = performance.now() - seedStarted

// --- calls, through the gateway as a location token -----------------------------------------
const token = await mintToken(mock, { locationId: loc, scopes: ['opportunities.readonly', 'opportunities.write'] })
const call = (method: string, path: string, body?: unknown) => apiRequest(mock, method, path, { token, body })

interface Case {
  name: string
  run: (i: number) => Promise<Response>
}
const pick = (i: number, n: number) => (i * 7919) % n
const oppId = (i: number) => `BenchOpp${String(pick(i, OPPORTUNITIES)).padStart(12, '0')}`
const search = (query: string) => call('GET', `/opportunities/search?location_id=${loc}&${query}`)
let created = 0

const cases: Case[] = [
  { name: 'get by id', run: (i) => call('GET', `/opportunities/${oppId(i)}`) },
  { name: 'search: location, newest 20', run: () => search('') },
  { name: 'search: pipeline_id', run: (i) => search(`pipeline_id=${pipelines[i % 2]!.id}`) },
  { name: 'search: pipeline_stage_id', run: (i) => search(`pipeline_stage_id=${pipelines[0]!.stages[i % 6]!.id}`) },
  { name: 'search: status=won', run: () => search('status=won') },
  { name: 'search: assigned_to', run: (i) => search(`assigned_to=${users[i % users.length]}`) },
  { name: 'search: contact_id', run: (i) => search(`contact_id=${contactIds[pick(i, CONTACTS)]}`) },
  { name: 'search: pipeline+status+owner', run: (i) => search(`pipeline_id=${pipelines[0]!.id}&status=open&assigned_to=${users[i % users.length]}`) },
  { name: 'search: q (common word)', run: () => search('q=kitchen') },
  { name: 'search: q (rare, full scan)', run: (i) => search(`q=job%20${pick(i, OPPORTUNITIES)}x`) },
  { name: 'search: q (contact e-mail)', run: (i) => search(`q=person${pick(i, CONTACTS)}@bench.test`) },
  { name: 'search: date range (1 month)', run: () => search(`date=${mdy(now - 200 * DAY)}&endDate=${mdy(now - 170 * DAY)}`) },
  { name: 'search: page 50 (offset)', run: () => search('page=50&limit=20') },
  { name: 'search: startAfter cursor', run: (i) => search(`startAfter=${now - pick(i, 300) * DAY}&startAfterId=x&limit=100`) },
  {
    name: 'POST search: filters',
    run: (i) =>
      call('POST', '/opportunities/search', {
        locationId: loc, query: '', limit: 20, page: 1, searchAfter: [], additionalDetails: {},
        filters: [{ field: 'pipeline_stage_id', operator: 'eq', value: pipelines[1]!.stages[i % 6]!.id }, { field: 'status', operator: 'eq', value: ['open', 'won'] }],
      }),
  },
  {
    name: 'create',
    run: (i) => call('POST', '/opportunities/', { pipelineId: pipelines[0]!.id, locationId: loc, name: `New ${created++}`, status: 'open', contactId: contactIds[pick(i, CONTACTS)], monetaryValue: 500 }),
  },
  { name: 'update (stage + value)', run: (i) => call('PUT', `/opportunities/${oppId(i)}`, { pipelineStageId: pipelines[pick(i, OPPORTUNITIES) % 2]!.stages[(i + 1) % 6]!.id, monetaryValue: i }) },
  { name: 'status', run: (i) => call('PUT', `/opportunities/${oppId(i)}/status`, { status: ['won', 'lost', 'open'][i % 3] }) },
  { name: 'upsert (matches existing)', run: (i) => call('POST', '/opportunities/upsert', { locationId: loc, pipelineId: pipelines[0]!.id, contactId: contactIds[pick(i, CONTACTS)], monetaryValue: i, followers: [], isRemoveAllFollowers: false, followersActionType: 'add' }) },
]

const ITERATIONS = 200
const results: Record<string, { p50Ms: number; p95Ms: number }> = {}
for (const c of cases) {
  for (let i = 0; i < 20; i++) await expectOk(c, await c.run(i)) // warm the statement cache
  const times: number[] = []
  for (let i = 0; i < ITERATIONS; i++) {
    const started = performance.now()
    const res = await c.run(i + 1000)
    const body = await res.text()
    times.push(performance.now() - started)
    if (!res.ok) throw new Error(`${c.name}: ${res.status} ${body}`)
  }
  times.sort((a, b) => a - b)
  results[c.name] = { p50Ms: +times[Math.floor(ITERATIONS / 2)]!.toFixed(2), p95Ms: +times[Math.floor(ITERATIONS * 0.95)]!.toFixed(2) }
}

console.log(`${OPPORTUNITIES.toLocaleString('en')} opportunities, ${CONTACTS.toLocaleString('en')} contacts in one location; seeded in ${Math.round(seedMs)} ms; ${ITERATIONS} calls per case`)
console.table(results)
await mock.close()

async function expectOk(c: Case, res: Response): Promise<void> {
  if (res.ok) return
  throw new Error(`${c.name}: ${res.status} ${await res.text()}`)
}

function mdy(ms: number): string {
  const d = new Date(ms)
  return `${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}-${d.getUTCFullYear()}`
}
