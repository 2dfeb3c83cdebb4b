// `npm run bench`: the issue-12 table. Bare Hono (bench/bare-hono.mjs) and the built CLI
// (dist/cli.js, :memory:, rate limits raised by flags) each run as their own node process; the
// load generator (autocannon's CLI) runs in a third process; targets run interleaved A B C D A B C D
// so a busy machine skews all of them alike. Prints req/s per round, p50/p99, each server's peak RSS
// (VmHWM) and ratios to bare Hono, then start-up timings.
//   npm run bench                 # 3 rounds × 8 s per target, 50 connections
//   BENCH_QUICK=1 npm run bench   # 2 rounds × 2 s, for iteration
//   BENCH_ROUNDS / BENCH_SECONDS / BENCH_CONNECTIONS override either.
//   BENCH_CLI=/other/checkout/dist/cli.js measures another build (e.g. before a change) the same way.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const quick = process.env.BENCH_QUICK === '1'
const seconds = Number(process.env.BENCH_SECONDS ?? (quick ? 2 : 8))
const rounds = Number(process.env.BENCH_ROUNDS ?? (quick ? 2 : 3))
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50)
const startRuns = Number(process.env.BENCH_START_RUNS ?? (quick ? 2 : 3))
const root = new URL('..', import.meta.url).pathname
const cli = process.env.BENCH_CLI ?? join(root, 'dist', 'cli.js')
const autocannonBin = join(root, 'node_modules', 'autocannon', 'autocannon.js')
if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first')
const raisedLimits = ['--rate-limit-burst', '1000000000', '--rate-limit-daily', '1000000000']

interface Server {
  name: string
  url: string
  child: ChildProcessWithoutNullStreams
}

/** Spawns a server and resolves once it printed its URL (both servers print one on start). */
function startServer(name: string, args: string[], extraEnv: Record<string, string> = {}): Promise<Server> {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, GHL_MOCK_LOG_LEVEL: 'silent', ...extraEnv } })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /http:\/\/[\d.]+:\d+/.exec(out)
      if (match) resolve({ name, url: match[0], child })
    })
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk))
    child.once('exit', (code) => reject(new Error(`${name} exited ${code} before listening`)))
  })
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return
  const exited = new Promise((resolve) => server.child.once('exit', resolve))
  server.child.kill('SIGTERM')
  await exited
}

/** Peak resident set of a process so far, in MB (Linux only; undefined elsewhere). */
function peakRssMb(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Math.round(Number(match[1]) / 1024) : undefined
  } catch {
    return undefined
  }
}

interface Target {
  name: string
  server: () => Server
  path: string
  method?: 'GET' | 'POST'
  headers: Record<string, string>
  body?: string
}

interface Round {
  rps: number
  /** Server CPU time (user + system) per request, µs: steadier than req/s on a shared machine. */
  cpuUs: number
  p50: number
  p99: number
  bad: number
}

/** CPU time a process has used so far, in µs (Linux /proc; 0 elsewhere). */
function cpuTimeUs(pid: number): number {
  try {
    // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100/s).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10_000
  } catch {
    return 0
  }
}

/** One autocannon run in its own process (so the load generator never shares the server's core). */
function load(target: Target, duration: number): Promise<Round> {
  const pid = target.server().child.pid!
  const cpuBefore = cpuTimeUs(pid)
  const args = [autocannonBin, '-j', '-c', String(connections), '-d', String(duration), '-m', target.method ?? 'GET']
  for (const [key, value] of Object.entries(target.headers)) args.push('-H', `${key}=${value}`)
  if (target.body) args.push('-I', '-b', target.body)
  args.push(`${target.server().url}${target.path}`)
  const child = spawn(process.execPath, args, { cwd: root })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited ${code}`))
      const result = JSON.parse(out.trim().split('\n').pop()!) as {
        requests: { average: number; total: number }
        latency: { p50: number; p99: number }
        non2xx: number
        errors: number
      }
      const cpuUs = (cpuTimeUs(pid) - cpuBefore) / Math.max(1, result.requests.total)
      resolve({ rps: result.requests.average, cpuUs, p50: result.latency.p50, p99: result.latency.p99, bad: result.non2xx + result.errors })
    })
  })
}

async function json(url: string, init?: RequestInit): Promise<any> {
  const res = await fetch(url, init)
  const body = await res.json()
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url} answered ${res.status}: ${JSON.stringify(body)}`)
  return body
}

/** A location token with the scopes the targets need, minted through the control API. */
async function benchToken(mock: Server): Promise<{ headers: Record<string, string>; locationId: string; contactId: string }> {
  const world = await json(`${mock.url}/_mock/world`)
  const locationId: string = world.locations[0].id
  const scopes = 'contacts.readonly contacts.write calendars.readonly'
  const token = await json(`${mock.url}/_mock/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ locationId, scopes }),
  })
  const headers = { authorization: `Bearer ${token.access_token}`, version: '2021-07-28' }
  const page = await json(`${mock.url}/contacts/?locationId=${locationId}&limit=1`, { headers })
  return { headers, locationId, contactId: page.contacts[0].id }
}

// ---- throughput ----
const bare = await startServer('bare Hono', [join(root, 'bench', 'bare-hono.mjs')])
const mockGet = await startServer('ghl-mock (GETs)', [cli, '--port', '0', '--db', ':memory:', ...raisedLimits])
const mockPost = await startServer('ghl-mock (POST)', [cli, '--port', '0', '--db', ':memory:', ...raisedLimits])
const getAuth = await benchToken(mockGet)
const postAuth = await benchToken(mockPost)

const targets: Target[] = [
  { name: 'bare Hono GET /contacts/:id (fixed JSON)', server: () => bare, path: '/contacts/ocQHyuzHvysMo5N5VsXc', headers: {} },
  { name: 'ghl-mock stateful GET /contacts/:id', server: () => mockGet, path: `/contacts/${getAuth.contactId}`, headers: getAuth.headers },
  { name: 'ghl-mock synthesized GET /calendars/:id', server: () => mockGet, path: '/calendars/cal123', headers: getAuth.headers },
  {
    name: 'ghl-mock stateful POST /contacts/',
    server: () => mockPost,
    path: '/contacts/',
    method: 'POST',
    headers: { ...postAuth.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ locationId: postAuth.locationId, firstName: 'Bench', email: 'bench-[<id>]@example.com' }),
  },
]

for (const target of targets) {
  const headers = { ...target.headers }
  const res = await fetch(`${target.server().url}${target.path}`, {
    method: target.method ?? 'GET',
    headers,
    body: target.body?.replace('[<id>]', 'check'),
  })
  if (res.status >= 300) throw new Error(`${target.name} answered ${res.status}: ${await res.text()}`)
  await load(target, 1) // warm-up: JIT and caches
}

const results = new Map<Target, Round[]>(targets.map((t) => [t, []]))
for (let round = 0; round < rounds; round++) {
  for (const target of targets) results.get(target)!.push(await load(target, seconds))
}
const rss = new Map<Server, number | undefined>([bare, mockGet, mockPost].map((s) => [s, peakRssMb(s.child.pid!)]))
await Promise.all([bare, mockGet, mockPost].map(stopServer))

// ---- start-up ----
/** Milliseconds from spawning a server to its first 200 on `probe`. */
async function timeStart(args: string[], probe: string): Promise<number> {
  const started = performance.now()
  const server = await startServer('start-up', args)
  for (;;) {
    const res = await fetch(`${server.url}${probe}`).catch(() => undefined)
    if (res?.status === 200) break
  }
  const elapsed = performance.now() - started
  await stopServer(server)
  return elapsed
}
const bareStart: number[] = []
const firstStart: number[] = []
const warmStart: number[] = []
for (let i = 0; i < startRuns; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'ghl-mock-bench-'))
  const fileArgs = [cli, '--port', '0', '--db', join(dir, 'ghl.db'), '--keys', join(dir, 'keys')]
  bareStart.push(await timeStart([join(root, 'bench', 'bare-hono.mjs')], '/contacts/x'))
  firstStart.push(await timeStart(fileArgs, '/_mock/health'))
  warmStart.push(await timeStart(fileArgs, '/_mock/health'))
  rmSync(dir, { recursive: true, force: true })
}
const inProcess = spawnSync(process.execPath, [join(root, 'bench', 'in-process.mjs')], { cwd: root, encoding: 'utf8' })
const inProcessMs = inProcess.status === 0 ? (JSON.parse(inProcess.stdout) as { firstMs: number; medianMs: number }) : undefined

// ---- report ----
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const bareRounds = results.get(targets[0]!)!
console.log(`\n${connections} connections, ${rounds} interleaved rounds × ${seconds} s per target, autocannon in its own process, node ${process.version}`)
console.log('ratio = the target\'s req/s over bare Hono\'s in the same round, median over rounds\n')
console.log(`| server | req/s per round | p50 / p99 ms | ratio to bare | server CPU µs/req (ratio) | peak RSS |`)
console.log(`|---|---|---|---|---|---|`)
for (const target of targets) {
  const list = results.get(target)!
  const ratios = list.map((r, i) => r.rps / bareRounds[i]!.rps)
  const cpu = median(list.map((r) => r.cpuUs))
  const cpuRatio = median(bareRounds.map((r) => r.cpuUs)) / cpu
  const p50s = list.map((r) => r.p50)
  const p99s = list.map((r) => r.p99)
  const range = (xs: number[]) => (Math.min(...xs) === Math.max(...xs) ? `${xs[0]}` : `${Math.min(...xs)}–${Math.max(...xs)}`)
  const peak = rss.get(target.server())
  const bad = list.reduce((n, r) => n + r.bad, 0)
  console.log(
    `| ${target.name} | ${list.map((r) => fmt(r.rps)).join(' · ')} | ${range(p50s)} / ${range(p99s)} | ${median(ratios).toFixed(2)}× | ${Math.round(cpu)} (${cpuRatio.toFixed(2)}×) | ${peak === undefined ? '—' : `${peak} MB`} |${bad ? ` ${bad} non-2xx/errors` : ''}`,
  )
  if (bad) process.exitCode = 1
}
console.log('\nCPU ratio = bare Hono\'s server CPU per request over the target\'s (what req/s would be on an idle core)')
console.log('peak RSS is the process VmHWM over the whole run (the GET instance serves both GET targets; POST has its own instance)')

const prism = spawnSync('npx', ['--no-install', '@stoplight/prism-cli', '--version'], { cwd: root, encoding: 'utf8', timeout: 20_000 })
console.log(prism.status === 0 ? `\nPrism ${prism.stdout.trim()} is runnable: not measured by this script yet` : '\nPrism: `npx --no-install @stoplight/prism-cli` is not runnable here; skipped')

const bareMs = median(bareStart)
console.log(`\nstart-up (median of ${startRuns}, spawn → first 200):`)
console.log(`| start | ms | vs bare Hono cold start |`)
console.log(`|---|---|---|`)
console.log(`| bare Hono cold start | ${fmt(bareMs)} | 1.00× |`)
console.log(`| ghl-mock warm start (existing db and keys) | ${fmt(median(warmStart))} | ${(median(warmStart) / bareMs).toFixed(2)}× |`)
console.log(`| ghl-mock first start (keys + seeding a file db) | ${fmt(median(firstStart))} | ${(median(firstStart) / bareMs).toFixed(2)}× |`)
if (inProcessMs) {
  console.log(`| in-process createServer :memory: small world, after the first | ${inProcessMs.medianMs.toFixed(2)} | (first: ${fmt(inProcessMs.firstMs)} ms) |`)
} else {
  console.log(`in-process measurement failed: ${inProcess.stderr}`)
}
