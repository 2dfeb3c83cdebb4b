// Webhook delivery figures: events per second delivered and verified by a local receiver, and the
// time from a write (an event committed to the outbox, as a handler does it) to its receipt.
// Run: npx tsx bench/webhooks.ts [--events 3000] [--signature both|ed25519|rsa]
// The receiver runs in a child process and verifies both signatures on every request.
import { fork, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { createServer, type GhlMock } from '../src/server.js'
import type { SignatureMode } from '../src/options.js'
import { eventFor } from '../src/webhooks/payloads/index.js'

const { values } = parseArgs({
  options: { events: { type: 'string', default: '3000' }, signature: { type: 'string', default: 'both' }, latency: { type: 'string', default: '300' }, api: { type: 'string', default: '200' } },
})
const burst = Number(values.events)
const serial = Number(values.latency)
const apiWrites = Number(values.api)
const signature = values.signature as SignatureMode

type Receipt = { seq: number; id?: string; at: number; verified: boolean }

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ghl-mock-bench-'))
  const db = join(dir, 'bench.db')
  const mock = await createServer({ db, world: 'small', signature, logLevel: 'warn', rateLimitBurst: 1_000_000 })
  const receiver = fork(new URL('./webhook-receiver.ts', import.meta.url).pathname, {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, RSA_PUBLIC_PEM: mock.keys.webhookRsa.publicPem, ED25519_PUBLIC_PEM: mock.keys.webhookEd25519.publicPem },
  })
  const port = await new Promise<number>((resolve) => receiver.once('message', (m: { port: number }) => resolve(m.port)))
  const app = mock.world().apps[0]!
  mock.runtime.repos.apps.update({ ...mock.runtime.repos.apps.get(app.id)!, webhookUrl: `http://127.0.0.1:${port}/webhooks` })
  const locationId = mock.world().locations[0]!.id
  const installed = await fetch(`${mock.url}/_mock/installs`, { method: 'POST', body: JSON.stringify({ clientId: app.clientId, locationId }) })
  if (installed.status !== 201) throw new Error(`install failed: ${installed.status}`)
  const contact = mock.runtime.repos.contacts.listByLocation(locationId, 1)[0]!.data

  const receipts = new Map<number, Receipt>()
  const arrivals = new Map<number, () => void>()
  const receiptsOfType = new Map<string, number>()
  let unverified = 0
  const contactArrivals = new Map<string, (at: number) => void>()
  receiver.on('message', (m: Receipt) => {
    if (!m.verified) unverified++
    if (m.id) {
      receiptsOfType.set(m.id, m.at)
      contactArrivals.get(m.id)?.(m.at)
      return
    }
    receipts.set(m.seq, m)
    arrivals.get(m.seq)?.()
  })
  const contactArrival = (id: string) =>
    receiptsOfType.has(id) ? Promise.resolve(receiptsOfType.get(id)!) : new Promise<number>((resolve) => contactArrivals.set(id, resolve))
  const arrived = (seq: number) => (receipts.has(seq) ? Promise.resolve() : new Promise<void>((resolve) => arrivals.set(seq, resolve)))

  let seq = 0
  const writes = new Map<number, number>()
  /** One write as a handler makes it: its own transaction, with the event appended to the outbox. */
  const write = () => {
    const n = ++seq
    const event = eventFor('ContactUpdate', contact)
    mock.runtime.repos.transaction(() => mock.runtime.emit({ ...event, payload: { ...event.payload, seq: n } }))
    writes.set(n, performance.timeOrigin + performance.now())
    return n
  }

  // Warm-up: connections, JIT, statement caches.
  for (let i = 0; i < 50; i++) await arrived(write())

  // 1. Latency on an idle instance: one write at a time, the next after the previous arrived.
  const idle: number[] = []
  for (let i = 0; i < serial; i++) {
    const n = write()
    await arrived(n)
    idle.push(receipts.get(n)!.at - writes.get(n)!)
  }

  // 1b. Real API writes over HTTP (POST /contacts/): response time, and request start → receipt.
  const token = (await (await fetch(`${mock.url}/_mock/tokens`, { method: 'POST', body: JSON.stringify({ locationId, clientId: app.clientId, scopes: 'contacts.write contacts.readonly' }) })).json()) as { access_token: string }
  const apiResponse: number[] = []
  const apiReceipt: number[] = []
  for (let i = 0; i < apiWrites; i++) {
    const receivedBefore = receiptsOfType.size
    const startedAt = performance.timeOrigin + performance.now()
    const res = await fetch(`${mock.url}/contacts/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.access_token}`, version: '2021-07-28', 'content-type': 'application/json' },
      body: JSON.stringify({ locationId, firstName: 'Bench', lastName: `Write ${i}`, email: `bench-${i}@example.com` }),
    })
    if (res.status !== 201) throw new Error(`POST /contacts/ answered ${res.status}: ${await res.text()}`)
    const { contact: created } = (await res.json()) as { contact: { id: string } }
    apiResponse.push(performance.timeOrigin + performance.now() - startedAt)
    const at = await contactArrival(created.id)
    apiReceipt.push(at - startedAt)
    if (receiptsOfType.size <= receivedBefore) throw new Error('no receipt')
  }

  // 2. Throughput: a burst of writes, each its own transaction, as fast as the caller can make them.
  const first = seq + 1
  const started = performance.now()
  for (let i = 0; i < burst; i++) write()
  const written = performance.now() - started
  // While the burst is delivered: how long could an API request have waited for the event loop?
  const loopDelay = monitorEventLoopDelay({ resolution: 1 })
  loopDelay.enable()
  await arrived(seq)
  for (let n = first; n <= seq; n++) await arrived(n)
  const elapsed = performance.now() - started
  loopDelay.disable()
  const underLoad = Array.from({ length: burst }, (_, i) => receipts.get(first + i)!.at - writes.get(first + i)!)
  const failed = unverified

  await report(mock, receiver, { idle, underLoad, elapsed, written, failed, loop: loopDelay, apiResponse, apiReceipt })
  rmSync(dir, { recursive: true, force: true })
}

async function report(mock: GhlMock, receiver: ChildProcess, r: { idle: number[]; underLoad: number[]; elapsed: number; written: number; failed: number; loop: ReturnType<typeof monitorEventLoopDelay>; apiResponse: number[]; apiReceipt: number[] }) {
  const log = mock.runtime.repos.webhooks.list({ limit: 1, status: 'delivered' })
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!.toFixed(1)
  console.log(`node ${process.version}, signature=${signature}, file database, receiver in a child process verifying every signature`)
  console.log(`idle write→receipt over ${r.idle.length} sequential writes: p50 ${pct(r.idle, 50)} ms, p95 ${pct(r.idle, 95)} ms, p99 ${pct(r.idle, 99)} ms`)
  console.log(`API writes over HTTP (${r.apiReceipt.length} sequential POST /contacts/): response p50 ${pct(r.apiResponse, 50)} ms, p95 ${pct(r.apiResponse, 95)} ms; request start → webhook receipt p50 ${pct(r.apiReceipt, 50)} ms, p95 ${pct(r.apiReceipt, 95)} ms`)
  console.log(`burst of ${r.underLoad.length} writes (${r.written.toFixed(0)} ms to write): all delivered and verified in ${r.elapsed.toFixed(0)} ms = ${Math.round((r.underLoad.length / r.elapsed) * 1000)} events/s`)
  console.log(`  write→receipt under that burst: p50 ${pct(r.underLoad, 50)} ms, p95 ${pct(r.underLoad, 95)} ms, max ${pct(r.underLoad, 100)} ms`)
  console.log(`  event-loop delay meanwhile (what an API request could have waited): p50 ${(r.loop.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(r.loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(r.loop.max / 1e6).toFixed(1)} ms`)
  console.log(`  signature failures at the receiver: ${r.failed}; last delivered id ${log[0]?.id}`)
  receiver.disconnect()
  await mock.close()
}

await main()
