// When deliveries go out, on the emulator's clock: dispatch new outbox events, run due deliveries
// with bounded concurrency, log each attempt, and arm one clock timer for the next pending retry.
// Pending work lives in SQLite, not in timers, so a restart re-arms it and loses nothing.
import { setImmediate } from 'node:timers'
import type { TimerHandle } from '../clock.js'
import type { Runtime } from '../runtime.js'
import { verdictFor } from './backoff.js'
import { isLiveClaimer, newClaimer, retireClaimer } from './claimers.js'
import { postWebhook, signatureHeaders, type PostResult } from './delivery.js'
import { dispatchPending } from './dispatcher.js'
import { createQueue, type AttemptRecord, type DeliveryRow, type DeliveryView, type Queue } from './queue.js'

/** Attempts in flight at once, per instance. */
export const DEFAULT_CONCURRENCY = 8
/**
 * Deliveries one pump may claim before it ends and re-arms. advance() awaits the pumps it fires,
 * so a pump that never ended (a steady stream of events) would keep an advance from returning.
 */
const CLAIMS_PER_PUMP = 256

/**
 * The delivery loop of one instance.
 * @example
 * const webhooks = webhooksOf(mock.runtime)
 * await webhooks.idle() // every event dispatched, nothing due now, no attempt in flight
 */
export interface Scheduler {
  /** Recovers interrupted work, then dispatches and delivers whatever is due. Called once, at mount. */
  start(): void
  /** The outbox has new events: dispatch and deliver them soon, off the caller's path. */
  kick(): void
  /** Resolves when every event is dispatched, nothing is due now and no attempt is in flight. */
  idle(): Promise<void>
  /** Sends a delivery again now (same body, same webhookId); undefined when it does not exist. */
  replay(id: number): Promise<DeliveryView | undefined>
  /** Stops timers, interrupts attempts in flight (they stay pending) and waits for the loop to end. */
  stop(): Promise<void>
  readonly queue: Queue
}

export function createScheduler(runtime: Runtime, concurrency = DEFAULT_CONCURRENCY): Scheduler {
  const { clock, repos, keys, options, log } = runtime
  const queue = createQueue(repos.webhooks)
  const inFlight = new Set<AbortController>()
  /** This instance's name on the deliveries it sends (another instance may share the file). */
  let claimer = ''
  let stopped = false
  let running = false
  let armed: TimerHandle | null = null
  let wake: { at: number; handle: TimerHandle } | null = null
  let eventsWaiting = false
  let topUpQueued = false
  let workers = 0
  let budget = 0
  let drained: (() => void) | null = null
  let pumpEndWaiters: Array<() => void> = []

  function start(): void {
    claimer = newClaimer()
    const requeued = queue.recover(clock.now(), isLiveClaimer)
    if (requeued > 0) log.info(`webhooks: ${requeued} interrupted deliveries are due again`)
    runtime.onEvents(kick)
    runtime.onReset(onReset)
    runtime.onClose(stop)
    eventsWaiting = true // events a crash left undispatched
    armNow()
  }

  function kick(): void {
    if (stopped) return
    eventsWaiting = true
    if (running) queueTopUp()
    else armNow()
  }

  /**
   * Dispatches the next slice and fills free slots soon, inside the running pump. setImmediate
   * lets the pending requests and responses go first; it waits for no time, so it is not the clock's.
   */
  function queueTopUp(): void {
    if (topUpQueued) return
    topUpQueued = true
    setImmediate(function topUp() {
      topUpQueued = false
      if (stopped) return
      if (!running) return armNow()
      // Only idle slots need new work now; busy workers dispatch the rest as they run dry.
      if (workers < concurrency) {
        dispatch()
        fill()
      }
    })
  }

  function armNow(): void {
    if (stopped || armed || running) return
    armed = clock.setTimeout(function dueNow() {
      armed = null
      return pump()
    }, 0)
  }

  /** Arms the one timer for the earliest pending retry (or runs now when something is due). */
  function schedule(): void {
    if (stopped) return
    if (eventsWaiting) return armNow()
    const at = queue.nextDueAt()
    if (at === undefined) return clearWake()
    if (at <= clock.now()) return armNow()
    if (wake?.at === at) return
    clearWake()
    wake = {
      at,
      handle: clock.setTimeout(function retryDue() {
        wake = null
        return pump()
      }, at - clock.now()),
    }
  }

  function clearWake(): void {
    if (wake) clock.clearTimeout(wake.handle)
    wake = null
  }

  /**
   * One run of the loop (a clock task): resolves when its workers have nothing left to claim.
   * A timer that fires while a run is going (clock tasks run side by side) waits for it and then
   * runs again, so advance() still awaits the work that fell due at that timer's time.
   */
  async function pump(): Promise<void> {
    if (stopped) return
    if (running) {
      await new Promise<void>((resolve) => pumpEndWaiters.push(resolve))
      return pump()
    }
    running = true
    budget = CLAIMS_PER_PUMP
    try {
      await new Promise<void>((resolve) => {
        drained = resolve
        dispatch()
        fill()
        if (workers === 0) resolve()
      })
    } finally {
      running = false
      drained = null
      schedule()
      const waiters = pumpEndWaiters
      pumpEndWaiters = []
      for (const wakeUp of waiters) wakeUp()
    }
  }

  function dispatch(): void {
    if (!eventsWaiting) return
    eventsWaiting = false
    try {
      if (dispatchPending({ repos, now: () => clock.now() }).more) {
        eventsWaiting = true
        queueTopUp()
      }
    } catch (error) {
      log.error(`webhooks: dispatch failed: ${(error as Error).message}`)
    }
  }

  /** Starts workers until the concurrency limit, the pump's budget or the due work runs out. */
  function fill(): void {
    const free = Math.min(concurrency - workers, budget)
    if (stopped || free <= 0) return
    const claimed = queue.claimDue(clock.now(), free, claimer) // one statement for the whole batch
    budget -= claimed.length
    for (const delivery of claimed) {
      workers++
      void work(delivery)
    }
  }

  /**
   * The next due delivery for a worker that just finished one. New events are dispatched only
   * when nothing is due: one slice at a time, as the work runs dry, instead of all at once.
   */
  function claimNext(): DeliveryRow | undefined {
    if (stopped || budget <= 0) return undefined
    let [delivery] = queue.claimDue(clock.now(), 1, claimer)
    if (!delivery && eventsWaiting) {
      dispatch()
      ;[delivery] = queue.claimDue(clock.now(), 1, claimer)
      fill() // the slice may hold work for idle slots too
    }
    if (delivery) budget--
    return delivery
  }

  async function work(first: DeliveryRow): Promise<void> {
    for (let delivery: DeliveryRow | undefined = first; delivery; delivery = claimNext()) {
      try {
        await attempt(delivery)
      } catch (error) {
        giveUp(delivery, error)
      }
    }
    workers--
    if (workers === 0) drained?.()
  }

  /** A bug or a closed database, not the receiver: log it and fail the delivery rather than loop on it. */
  function giveUp(delivery: DeliveryRow, error: unknown): void {
    const message = `ghl-mock error: ${(error as Error).message}`
    log.error(`webhooks: delivery ${delivery.id}: ${message}`)
    try {
      const now = clock.now()
      const record = { startedAt: now, url: delivery.url, statusCode: null, error: message, durationMs: 0, responseExcerpt: '', signatures: {} }
      queue.settle(delivery, record, { outcome: 'failed', reason: message }, now)
    } catch {
      // The database is gone (closing): the row stays 'sending' and the next start re-sends it.
    }
  }

  async function attempt(delivery: DeliveryRow): Promise<void> {
    const sent = await send(delivery.url, delivery.body)
    if (sent.result.interrupted) return queue.release(delivery, clock.now())
    const number = delivery.attemptCount + 1
    const verdict = verdictFor({ statusCode: sent.result.statusCode, attempt: number, seed: options.seed, deliveryId: delivery.id })
    queue.settle(delivery, sent.record, verdict, clock.now())
    const detail = sent.result.statusCode ?? sent.result.error
    log.debug(`webhooks: ${delivery.type} #${delivery.id} attempt ${number} → ${detail} (${verdict.outcome})`)
  }

  async function send(url: string, body: string): Promise<{ result: PostResult; record: AttemptRecord }> {
    // Registered before signing, so a stop during signing still interrupts (the POST never starts).
    const controller = new AbortController()
    inFlight.add(controller)
    try {
      const signatures = await signatureHeaders(body, keys, options.signature)
      const startedAt = clock.now()
      const result = await postWebhook(url, body, signatures, { timeoutMs: options.webhookTimeoutMs, signal: controller.signal })
      const { statusCode, error, durationMs, responseExcerpt } = result
      return { result, record: { startedAt, url, statusCode, error, durationMs, responseExcerpt, signatures } }
    } finally {
      inFlight.delete(controller)
    }
  }

  async function replay(id: number): Promise<DeliveryView | undefined> {
    const delivery = queue.get(id)
    if (!delivery) return undefined
    // The app's current URL: a developer who fixed their endpoint replays to the fixed one.
    const url = repos.apps.get(delivery.appId)?.webhookUrl || delivery.url
    const sent = await send(url, delivery.body)
    if (!sent.result.interrupted) {
      const { statusCode } = sent.result
      queue.settleReplay(delivery, sent.record, statusCode !== null && statusCode >= 200 && statusCode < 300, clock.now())
    }
    const after = queue.get(id)
    return after ? queue.view(after) : undefined
  }

  async function idle(): Promise<void> {
    while (!stopped) {
      if (running || armed) {
        await new Promise<void>((resolve) => pumpEndWaiters.push(resolve))
        continue
      }
      const due = queue.nextDueAt()
      if (eventsWaiting || repos.events.undispatched(1).length > 0 || (due !== undefined && due <= clock.now())) {
        eventsWaiting = true
        armNow()
        continue
      }
      return
    }
  }

  function onReset(): void {
    // The tables were wiped: forget the retry timer; attempts in flight log nowhere (their row is gone).
    clearWake()
    eventsWaiting = false
  }

  async function stop(): Promise<void> {
    if (stopped) return
    stopped = true
    if (armed) clock.clearTimeout(armed)
    armed = null
    clearWake()
    for (const controller of inFlight) controller.abort()
    if (running) await new Promise<void>((resolve) => pumpEndWaiters.push(resolve))
    retireClaimer(claimer)
    const waiters = pumpEndWaiters
    pumpEndWaiters = []
    for (const wakeUp of waiters) wakeUp()
  }

  return { start, kick, idle, replay, stop, queue }
}
