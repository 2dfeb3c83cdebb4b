// Two CLI processes on one database file (what `npx ghl-mock` twice in one folder does): writes
// to both never answer 5xx, every write lands exactly once and every event is delivered once.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, describe, expect, it } from 'vitest'
import { captureWebhooks, type WebhookCapture } from '../src/webhooks/capture.js'

const root = new URL('..', import.meta.url).pathname
const CLIENTS = 50
const WRITES_PER_CLIENT = 4

const children: ChildProcess[] = []
let capture: WebhookCapture | undefined

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
  await capture?.close()
})

/** Starts the CLI and resolves with its base URL once the banner's first line is out. */
function startCli(args: string[], stderr: string[]): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, GHL_MOCK_LOG_LEVEL: 'warn' },
  })
  children.push(child)
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()))
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const url = /http:\/\/[\d.]+:\d+/.exec(line)
      if (url) resolve(url[0])
    })
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr.join('')}`)))
  })
}

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>
}

describe('two instances on one database file', () => {
  it('answers every concurrent write on both without a 5xx, stores each once and delivers each event once', async () => {
    capture = await captureWebhooks()
    const dir = mkdtempSync(join(tmpdir(), 'ghl-mock-two-'))
    const common = ['--port', '0', '--db', join(dir, 'shared.db'), '--keys', join(dir, 'keys'), '--world', 'small']
    const limits = ['--rate-limit-burst', '100000', '--webhook-url', capture.url]
    const logs: string[] = []
    const first = await startCli([...common, ...limits], logs)
    const second = await startCli([...common, ...limits], logs)

    const world = await json(await fetch(`${first}/_mock/world`))
    const app = (world.apps as Array<{ clientId: string }>)[0]!
    const locationId = (world.locations as Array<{ id: string }>)[0]!.id
    const install = await fetch(`${first}/_mock/installs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: app.clientId, locationId }),
    })
    expect(install.status).toBe(201)
    const minted = await json(
      await fetch(`${second}/_mock/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ locationId, scopes: ['contacts.write', 'contacts.readonly'], clientId: app.clientId }),
      }),
    )
    const headers = { authorization: `Bearer ${String(minted.access_token)}`, version: '2021-07-28', 'content-type': 'application/json' }

    const statuses: number[] = []
    const ids = new Set<string>()
    async function client(base: string, n: number): Promise<void> {
      for (let i = 0; i < WRITES_PER_CLIENT; i++) {
        const email = `two-${n}-${i}@example.com`
        const response = await fetch(`${base}/contacts/`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ locationId, firstName: `Two${n}`, email }),
        }).catch((error: Error) => {
          throw new Error(`${error.message}; instance logs: ${logs.join('')}`)
        })
        statuses.push(response.status)
        const body = await json(response)
        const id = (body.contact as { id?: string } | undefined)?.id
        if (id) ids.add(id)
      }
    }
    await Promise.all(Array.from({ length: CLIENTS * 2 }, (_, n) => client(n % 2 === 0 ? first : second, n)))

    const total = CLIENTS * 2 * WRITES_PER_CLIENT
    expect(statuses.filter((status) => status !== 201)).toEqual([])
    expect(ids.size).toBe(total)

    // Every ContactCreate (plus the INSTALL) reaches the receiver exactly once.
    const received = await capture.waitFor(total + 1, { timeoutMs: 30_000 })
    let rows: Array<{ status: string }> = []
    for (let poll = 0; poll < 100; poll++) {
      const deliveries = await json(await fetch(`${first}/_mock/webhooks/deliveries?type=ContactCreate&limit=500`))
      rows = deliveries.deliveries as Array<{ status: string }>
      if (rows.every((row) => row.status === 'delivered')) break
      await new Promise((resolve) => setTimeout(resolve, 100)) // real processes on the system clock
    }
    expect(rows.length).toBe(total)
    expect(rows.filter((row) => row.status !== 'delivered')).toEqual([])
    const creates = received.filter((request) => request.body.type === 'ContactCreate')
    expect(new Set(creates.map((request) => request.body.webhookId)).size).toBe(creates.length)
    expect(new Set(creates.map((request) => request.body.id)).size).toBe(total)
    expect(capture.requests.length).toBe(total + 1)
    expect(logs.join('')).not.toMatch(/SQLITE_BUSY|status 500/)
  }, 90_000)
})
