// `ghl-mock trigger` against a running instance on a real port, as a developer runs it.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type GhlMock } from '../src/server.js'
import { installApp } from '../src/testing-internal/webhooks.js'
import { captureWebhooks, type WebhookCapture } from '../src/webhooks/capture.js'

const root = new URL('..', import.meta.url).pathname
const run = promisify(execFile)
const cli = (args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: root, env: { ...process.env, GHL_MOCK_LOG_LEVEL: 'warn' } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  )

let mock: GhlMock
let capture: WebhookCapture
let locationId: string

beforeAll(async () => {
  capture = await captureWebhooks()
  mock = await createServer({ world: 'small', clock: 'manual', webhookUrl: capture.url, adminToken: 'cli-secret' })
  locationId = mock.world().locations[0]!.id
  installApp(mock, { locationId })
})
afterAll(async () => {
  await mock.close()
  await capture.close()
})

describe('ghl-mock trigger', () => {
  it('makes the running instance emit the event and prints the delivery summary', async () => {
    const data = JSON.stringify({ firstName: 'Ada', email: 'ada@example.com' })
    const result = await cli(['trigger', 'ContactCreate', '--location', locationId, '--data', data, '--port', String(mock.port), '--admin-token', 'cli-secret'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const [request] = await capture.waitFor(1)
    expect(request!.body).toMatchObject({ type: 'ContactCreate', locationId, firstName: 'Ada', email: 'ada@example.com' })
    const lines = result.stdout.trim().split('\n')
    expect(lines[0]).toMatch(new RegExp(`^ContactCreate \\(event \\d+\\) on location ${locationId}: 1 delivery$`))
    expect(lines[1]).toContain(`${capture.url}: delivered (HTTP 200 in `)
    expect(lines[2]).toContain(`webhookId ${request!.body.webhookId}`)
  })

  it('takes the admin token from GHL_MOCK_ADMIN_TOKEN and reports a 429 with its next attempt', async () => {
    capture.answerNext(429)
    const result = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'trigger', 'NoteCreate', '--location', locationId, '--port', String(mock.port)], {
      cwd: root,
      env: { ...process.env, GHL_MOCK_ADMIN_TOKEN: 'cli-secret' },
    })
    expect(result.stdout).toMatch(/: pending \(HTTP 429 in \d+ ms, next attempt \d{4}-\d\d-\d\dT/)
  })

  it('explains a missing token, a bad event type, bad --data and an absent instance', async () => {
    const closed = await captureWebhooks()
    const port = new URL(closed.url).port
    await closed.close()
    const here = ['--location', locationId, '--port', String(mock.port)]
    const [unauthorized, unknown, badData, noType, absent] = await Promise.all([
      cli(['trigger', 'ContactCreate', ...here]),
      cli(['trigger', 'ContactExplode', ...here, '--admin-token', 'cli-secret']),
      cli(['trigger', 'ContactCreate', ...here, '--data', '{nope']),
      cli(['trigger', '--location', locationId]),
      cli(['trigger', 'ContactCreate', '--location', locationId, '--port', port]),
    ])
    expect(unauthorized).toMatchObject({ code: 1, stderr: expect.stringContaining('trigger failed (401): A valid admin token is required') })
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining('trigger failed (422): type must be one of INSTALL, UNINSTALL, ContactCreate') })
    expect(badData).toMatchObject({ code: 2, stderr: expect.stringContaining('--data must be JSON') })
    expect(noType).toMatchObject({ code: 2, stderr: expect.stringContaining('trigger needs an event type') })
    expect(absent).toMatchObject({ code: 1, stderr: expect.stringContaining(`no ghl-mock instance answers at http://127.0.0.1:${port}`) })
  })
})
