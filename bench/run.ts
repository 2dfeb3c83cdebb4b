// `npm run bench`: requests/s of the full gateway pipeline against a bare Hono route on the same
// stack (same server, same app-level middleware), over loopback, bounded in time. Prints a table.
// Targets run interleaved in rounds (A B C A B C …) and each reports its median round, so a
// machine busy with something else skews all three alike instead of whichever ran at the time.
//   npm run bench                  # 3 rounds × 2 s per target, 50 connections
//   BENCH_ROUNDS=5 npm run bench   # steadier on a busy machine
import autocannon from 'autocannon'
import { createServer } from '../src/server.js'
import { authHeaders, mintToken } from '../src/testing.js'

const seconds = Number(process.env.BENCH_SECONDS ?? 2)
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50)

// Limits high enough that the benchmark measures the pipeline, not 429s (the limiter still runs).
const mock = await createServer({ world: 'small', port: 0, logLevel: 'silent', rateLimitBurst: 1e9, rateLimitDaily: 1e9 })
mock.app.get('/__bench/bare', (c) => c.json({ ok: true }))

const location = mock.world().locations[0]!
const contact = mock.runtime.repos.contacts.listByLocation(location.id, 1)[0]!
const token = await mintToken(mock, { locationId: location.id, scopes: ['contacts.readonly', 'calendars.readonly'] })
const headers = authHeaders(token)

const targets = [
  { name: 'bare Hono route (ceiling)', path: '/__bench/bare', headers: {} },
  { name: 'synthesized GET /calendars/:calendarId', path: '/calendars/cal123', headers },
  { name: 'stateful GET /contacts/:contactId', path: `/contacts/${contact.id}`, headers },
]

interface Row {
  name: string
  rps: number
  /** Process CPU time (server and load generator, one process) per request, in µs. */
  cpuUs: number
  p50: number
  p99: number
  non2xx: number
}

const runs = new Map<string, Row[]>(targets.map((t) => [t.name, []]))
for (const target of targets) {
  const url = `${mock.url}${target.path}`
  const check = await fetch(url, { headers: target.headers })
  if (check.status !== 200) throw new Error(`${target.name} answered ${check.status}: ${await check.text()}`)
  await autocannon({ url, connections, duration: 1, headers: target.headers }) // warm-up: JIT, caches
}
for (let round = 0; round < rounds; round++) {
  for (const target of targets) {
    const cpuBefore = process.cpuUsage()
    const result = await autocannon({ url: `${mock.url}${target.path}`, connections, duration: seconds, headers: target.headers })
    const cpu = process.cpuUsage(cpuBefore)
    runs.get(target.name)!.push({
      name: target.name,
      rps: result.requests.average,
      cpuUs: (cpu.user + cpu.system) / Math.max(1, result.requests.total),
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: result.non2xx + result.errors,
    })
  }
}
await mock.close()

const median = (list: Row[]) => [...list].sort((a, b) => a.rps - b.rps)[Math.floor(list.length / 2)]!
const rows = targets.map((t) => ({ ...median(runs.get(t.name)!), non2xx: runs.get(t.name)!.reduce((n, r) => n + r.non2xx, 0) }))

const ceiling = rows[0]!.rps
const pad = (text: string, width: number) => text.padEnd(width)
const num = (value: number | string, width: number) => String(value).padStart(width)
console.log(`\n${connections} connections, ${rounds} interleaved rounds × ${seconds} s per target (median round), loopback, node ${process.version}\n`)
console.log(`${pad('target', 38)}${num('req/s', 9)}${num('p50 ms', 9)}${num('p99 ms', 9)}${num('ratio', 8)}${num('cpu µs/req', 12)}${num('non-2xx', 9)}`)
for (const row of rows) {
  const ratio = `${Math.round((row.rps / ceiling) * 100)}%`
  console.log(
    `${pad(row.name, 38)}${num(Math.round(row.rps), 9)}${num(row.p50, 9)}${num(row.p99, 9)}${num(ratio, 8)}${num(Math.round(row.cpuUs), 12)}${num(row.non2xx, 9)}`,
  )
}
const pipeline = rows[2]!.rps / ceiling
// On a busy machine req/s swings with the neighbours; CPU per request does not, so both are shown.
const byCpu = rows[0]!.cpuUs / rows[2]!.cpuUs
console.log(`\nfull pipeline at ${Math.round(pipeline * 100)}% of the ceiling by req/s, ${Math.round(byCpu * 100)}% by CPU per request (target: at least 60%)`)
if (rows.some((row) => row.non2xx > 0)) process.exitCode = 1
