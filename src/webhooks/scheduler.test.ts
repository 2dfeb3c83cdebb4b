// The retry schedule on the manual clock, against a real receiver: 429-only retries spaced 10
// minutes plus jitter, at most 6 attempts, persistence across a restart, and the outbox rule.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createServer, type GhlMock } from '../server.js'
import type { ServerOptions } from '../options.js'
import { installApp } from '../testing-internal/webhooks.js'
import { MAX_ATTEMPTS, RETRY_INTERVAL_MS, RETRY_JITTER_MS } from './backoff.js'
import { captureWebhooks, type WebhookCapture } from './capture.js'
import { DISPATCH_BATCH } from './dispatcher.js'
import { eventFor } from './payloads/index.js'
import { webhooksOf, webhooksSettled } from './index.js'
import type { DeliveryView } from './queue.js'

const STEP = RETRY_INTERVAL_MS + RETRY_JITTER_MS
const cleanup: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close()
})

async function setup(options: ServerOptions = {}): Promise<{ mock: GhlMock; capture: WebhookCapture; locationId: string }> {
  const capture = await captureWebhooks()
  cleanup.push(() => capture.close())
  const mock = await createServer({ world: 'small', clock: 'manual', listen: false, webhookUrl: capture.url, ...options })
  cleanup.push(() => mock.close())
  installApp(mock)
  return { mock, capture, locationId: mock.world().locations[0]!.id }
}

/** Emits a ContactCreate the way a handler does: inside a transaction, through the outbox. */
function emitContact(mock: GhlMock, locationId: string): void {
  const contact = mock.runtime.repos.contacts.listByLocation(locationId, 1)[0]!.data
  mock.runtime.repos.transaction(() => mock.runtime.emit(eventFor('ContactCreate', contact)))
}

const deliveries = (mock: GhlMock): DeliveryView[] => webhooksOf(mock.runtime).queue.list({ limit: 100 })
const times = (delivery: DeliveryView) => delivery.attempts.map((attempt) => Date.parse(attempt.at))

describe('retry schedule', () => {
  it('retries a receiver that always answers 429 exactly 6 times, at least 10 minutes apart', async () => {
    const { mock, capture, locationId } = await setup()
    capture.answer(429)
    emitContact(mock, locationId)
    await webhooksSettled(mock)
    expect(capture.requests).toHaveLength(1)
    const [pending] = deliveries(mock)
    expect(pending).toMatchObject({ status: 'pending', attemptCount: 1 })
    const firstRetryAt = Date.parse(pending!.nextAttemptAt!)
    expect(firstRetryAt - mock.clock.now()).toBeGreaterThanOrEqual(RETRY_INTERVAL_MS)
    expect(firstRetryAt - mock.clock.now()).toBeLessThan(STEP)

    // Nothing happens before the retry is due.
    await mock.clock.advance(RETRY_INTERVAL_MS - 1)
    expect(capture.requests).toHaveLength(1)

    await mock.clock.advance(10 * STEP)
    expect(capture.requests).toHaveLength(MAX_ATTEMPTS)
    const [done] = deliveries(mock)
    expect(done).toMatchObject({ status: 'failed', attemptCount: 6, nextAttemptAt: null })
    expect(done!.attempts.map((a) => [a.statusCode, a.outcome])).toEqual([...Array(5).fill([429, 'retry']), [429, 'failed']])
    const at = times(done!)
    for (let i = 1; i < at.length; i++) {
      expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(RETRY_INTERVAL_MS)
      expect(at[i]! - at[i - 1]!).toBeLessThan(STEP)
    }
    expect(new Set(capture.requests.map((r) => r.body.webhookId)).size).toBe(1)
  })

  it('stops retrying once the receiver answers 200', async () => {
    const { mock, capture, locationId } = await setup()
    capture.answerNext(429, 429)
    emitContact(mock, locationId)
    await webhooksSettled(mock)
    await mock.clock.advance(10 * STEP)
    expect(capture.requests.map((r) => r.answered)).toEqual([429, 429, 200])
    expect(deliveries(mock)[0]).toMatchObject({ status: 'delivered', attemptCount: 3, nextAttemptAt: null })
  })

  it.each([
    ['a 500', 500, 'status 500'],
    ['a 400', 400, 'status 400'],
    ['a 301', 301, 'status 301'],
  ])('makes one attempt only after %s', async (_name, status) => {
    const { mock, capture, locationId } = await setup()
    capture.answer(status)
    emitContact(mock, locationId)
    await webhooksSettled(mock)
    await mock.clock.advance(10 * STEP)
    expect(capture.requests).toHaveLength(1)
    expect(deliveries(mock)[0]).toMatchObject({ status: 'failed', attemptCount: 1 })
    expect(deliveries(mock)[0]!.attempts[0]).toMatchObject({ statusCode: status, outcome: 'failed' })
  })

  it('makes one attempt only after a timeout or a refused connection', async () => {
    const { mock, capture, locationId } = await setup({ webhookTimeoutMs: 150 })
    capture.answer('hang')
    emitContact(mock, locationId)
    await webhooksSettled(mock)
    const gone = await captureWebhooks()
    await gone.close()
    const app = mock.world().apps[0]!
    mock.runtime.repos.apps.update({ ...mock.runtime.repos.apps.get(app.id)!, webhookUrl: gone.url })
    emitContact(mock, locationId)
    await webhooksSettled(mock)
    await mock.clock.advance(10 * STEP)

    expect(capture.requests).toHaveLength(1)
    const [refused, timedOut] = deliveries(mock)
    expect(timedOut).toMatchObject({ status: 'failed', attemptCount: 1 })
    expect(timedOut!.attempts[0]).toMatchObject({ statusCode: null, error: 'timeout after 150 ms', outcome: 'failed' })
    expect(timedOut!.attempts[0]!.durationMs).toBeGreaterThanOrEqual(140)
    expect(refused).toMatchObject({ status: 'failed', attemptCount: 1 })
    expect(refused!.attempts[0]).toMatchObject({ statusCode: null, error: 'connection refused', outcome: 'failed' })
  })

  it('fires the whole schedule when a running instance on the system clock is advanced over HTTP', async () => {
    const { mock, capture, locationId } = await setup({ clock: 'system' })
    capture.answer(429)
    emitContact(mock, locationId)
    await capture.waitFor(1)
    await webhooksSettled(mock)
    const res = await mock.app.request('/_mock/clock/advance', { method: 'POST', body: JSON.stringify({ ms: 6 * STEP }) })
    expect(res.status).toBe(200)
    expect(capture.requests).toHaveLength(MAX_ATTEMPTS)
    expect(deliveries(mock)[0]).toMatchObject({ status: 'failed', attemptCount: MAX_ATTEMPTS })
  })

  it('keeps the jitter the same for the same --seed', async () => {
    const schedule = async (seed: number) => {
      const { mock, capture, locationId } = await setup({ seed })
      capture.answer(429)
      emitContact(mock, locationId)
      await webhooksSettled(mock)
      await mock.clock.advance(10 * STEP)
      const at = times(deliveries(mock)[0]!)
      return at.slice(1).map((t, i) => t - at[i]!)
    }
    const a = await schedule(5)
    expect(await schedule(5)).toEqual(a)
    expect(await schedule(6)).not.toEqual(a)
  })
})

describe('the outbox', () => {
  it('delivers nothing for an event whose transaction rolled back, and the committed one once', async () => {
    const { mock, capture, locationId } = await setup()
    const contact = mock.runtime.repos.contacts.listByLocation(locationId, 1)[0]!
    expect(() =>
      mock.runtime.repos.transaction(() => {
        mock.runtime.repos.contacts.update(contact.id, { ...contact.data, firstName: 'Rolled' }, mock.clock.now())
        mock.runtime.emit(eventFor('ContactUpdate', { ...contact.data, firstName: 'Rolled' }))
        throw new Error('validation failed after the write')
      }),
    ).toThrow('validation failed')
    await webhooksSettled(mock)
    expect(mock.runtime.repos.events.list(10)).toEqual([])
    expect(mock.runtime.repos.contacts.get(contact.id)!.data.firstName).toBe(contact.data.firstName)

    mock.runtime.repos.transaction(() => mock.runtime.emit(eventFor('ContactUpdate', { ...contact.data, firstName: 'Kept' })))
    await webhooksSettled(mock)
    await mock.clock.advance(STEP)
    expect(capture.requests.map((r) => r.body.firstName)).toEqual(['Kept'])
    expect(deliveries(mock)).toHaveLength(1)
  })

  it('dispatches after the writer has returned, and a hanging receiver does not hold up requests', async () => {
    const { mock, capture, locationId } = await setup({ webhookTimeoutMs: 2_000 })
    capture.answer('hang')
    emitContact(mock, locationId)
    // The writer's transaction is done and nothing was dispatched or sent on its time.
    expect(mock.runtime.repos.events.undispatched(10)).toHaveLength(1)
    expect(deliveries(mock)).toHaveLength(0)
    await capture.waitFor(1)
    const res = await mock.app.request('/_mock/health')
    expect(res.status).toBe(200)
    expect(deliveries(mock)[0]!.status).toBe('sending')
  })
})

describe('restarts', () => {
  const fileDb = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ghl-mock-webhooks-'))
    cleanup.unshift(async () => rmSync(dir, { recursive: true, force: true })) // runs last, after the instances close
    return join(dir, 'ghl.db')
  }

  it('fires a retry that was pending at shutdown at its due time, exactly once', async () => {
    const capture = await captureWebhooks()
    cleanup.push(() => capture.close())
    const db = fileDb()
    const start = Date.parse('2026-03-01T12:00:00.000Z')
    const first = await createServer({ db, world: 'small', clock: 'manual', clockStart: start, listen: false, webhookUrl: capture.url })
    installApp(first)
    capture.answerNext(429)
    emitContact(first, first.world().locations[0]!.id)
    await webhooksSettled(first)
    const dueAt = Date.parse(deliveries(first)[0]!.nextAttemptAt!)
    await first.close()

    capture.answer(200)
    const second = await createServer({ db, world: 'small', clock: 'manual', clockStart: start + 60_000, listen: false })
    cleanup.push(() => second.close())
    await webhooksSettled(second)
    expect(capture.requests).toHaveLength(1) // not re-sent on start
    await second.clock.advance(dueAt - second.clock.now() - 1)
    expect(capture.requests).toHaveLength(1) // not early
    await second.clock.advance(1)
    expect(capture.requests).toHaveLength(2)
    await second.clock.advance(10 * STEP)
    expect(capture.requests).toHaveLength(2)
    expect(capture.requests[1]!.rawBody.equals(capture.requests[0]!.rawBody)).toBe(true)
    expect(deliveries(second)[0]).toMatchObject({ status: 'delivered', attemptCount: 2 })
    expect(times(deliveries(second)[0]!)[1]).toBe(dueAt)
  })

  it('sends an attempt that a shutdown interrupted again after the restart', async () => {
    const capture = await captureWebhooks()
    cleanup.push(() => capture.close())
    const db = fileDb()
    const first = await createServer({ db, world: 'small', clock: 'manual', listen: false, webhookUrl: capture.url })
    installApp(first)
    capture.answerNext('hang')
    emitContact(first, first.world().locations[0]!.id)
    await capture.waitFor(1)
    await first.close() // interrupts the hanging attempt: nothing is known, so it stays owed

    const second = await createServer({ db, world: 'small', clock: 'manual', listen: false })
    cleanup.push(() => second.close())
    await webhooksSettled(second)
    expect(capture.requests).toHaveLength(2)
    expect(capture.requests[1]!.body.webhookId).toBe(capture.requests[0]!.body.webhookId)
    expect(deliveries(second)[0]).toMatchObject({ status: 'delivered', attemptCount: 1 })
  })
})

describe('on the system clock', () => {
  it('a jump that leaves a 429 retry 300 ms away fires it 300 real ms later, not 10+ minutes (issue #11, defect 5)', async () => {
    const { mock, capture, locationId } = await setup({ clock: 'system' })
    capture.answerNext(429)
    emitContact(mock, locationId)
    await capture.waitFor(1)
    await webhooksSettled(mock)
    const dueAt = Date.parse(deliveries(mock)[0]!.nextAttemptAt!)
    await mock.clock.advance(dueAt - mock.clock.now() - 300)
    expect(capture.requests).toHaveLength(1) // not inside the jump
    await capture.waitFor(2, { timeoutMs: 3_000 })
    await webhooksSettled(mock)
    expect(deliveries(mock)[0]).toMatchObject({ status: 'delivered', attemptCount: 2 })
  })
})

describe('two instances on one file', () => {
  it('a second instance starting leaves the first one\'s attempt in flight alone (no second send)', async () => {
    const capture = await captureWebhooks()
    cleanup.push(() => capture.close())
    const db = join(mkdtempSync(join(tmpdir(), 'ghl-mock-webhooks-')), 'ghl.db')
    const first = await createServer({ db, world: 'small', clock: 'manual', listen: false, webhookUrl: capture.url, webhookTimeoutMs: 2_000 })
    cleanup.push(() => first.close())
    installApp(first)
    capture.answerNext('hang')
    emitContact(first, first.world().locations[0]!.id)
    await capture.waitFor(1)

    const second = await createServer({ db, world: 'small', clock: 'manual', listen: false })
    cleanup.push(() => second.close())
    await webhooksSettled(second)
    expect(capture.requests).toHaveLength(1)
    expect(deliveries(second)[0]!.status).toBe('sending')
  })
})

describe('concurrency', () => {
  it('keeps at most 8 attempts in flight, and a slot freed by a timeout takes the next delivery', async () => {
    const { mock, capture, locationId } = await setup({ webhookTimeoutMs: 300 })
    capture.answerNext(...Array<'hang'>(8).fill('hang'))
    for (let i = 0; i < 12; i++) emitContact(mock, locationId)
    await capture.waitFor(8)
    // Give the loop every chance to over-claim before counting.
    await new Promise((resolve) => setImmediate(resolve))
    expect(deliveries(mock).filter((d) => d.status === 'sending')).toHaveLength(8)
    expect(capture.requests).toHaveLength(8)

    await webhooksSettled(mock)
    expect(capture.requests).toHaveLength(12)
    const statuses = deliveries(mock).map((d) => d.status)
    expect(statuses.filter((s) => s === 'failed')).toHaveLength(8)
    expect(statuses.filter((s) => s === 'delivered')).toHaveLength(4)
  })

  it('delivers a burst larger than one dispatch slice, each event once', async () => {
    const { mock, capture, locationId } = await setup()
    const count = 2 * DISPATCH_BATCH + 5
    for (let i = 0; i < count; i++) emitContact(mock, locationId)
    await webhooksSettled(mock)
    expect(capture.requests).toHaveLength(count)
    expect(new Set(capture.requests.map((r) => r.body.webhookId)).size).toBe(count)
    expect(mock.runtime.repos.events.undispatched(1)).toEqual([])
  })
})
