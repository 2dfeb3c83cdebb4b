// The only code that reads the time or sets timers. Everything time-based (token expiry, rate
// limits, webhook retries) asks a Clock, so tests fast-forward one object instead of sleeping.
import { setTimeout as realSetTimeout, clearTimeout as realClearTimeout, setImmediate } from 'node:timers'

export type ClockMode = 'system' | 'manual'

/** A scheduled callback; its promise (if any) is awaited by `advance()`. */
type TimerTask = () => unknown

export interface TimerHandle {
  readonly id: number
}

/** Where a clock stands, as persisted with the data it governs (see clock-position.ts). */
export interface ClockPosition {
  mode: ClockMode
  /** Milliseconds since the epoch when it was taken. */
  nowMs: number
  offsetMs: number
}

/**
 * The clock every time-based part of ghl-mock uses.
 * @example
 * const mock = await createServer({ clock: 'manual' })
 * await mock.clock.advance(10 * 60_000) // fires what fell due, awaits the work it started
 */
export interface Clock {
  readonly mode: ClockMode
  /** Milliseconds since the epoch, as this clock sees it. */
  now(): number
  /** How far this clock is ahead of the machine's time (manual: relative to its start). */
  offsetMs(): number
  setTimeout(task: TimerTask, delayMs: number): TimerHandle
  clearTimeout(handle: TimerHandle): void
  /** Moves time forward, firing due timers in time order and awaiting the work they start. */
  advance(ms: number): Promise<void>
  /** Where the clock stands now. */
  position(): ClockPosition
  /**
   * Puts the clock back where a previous run left it (at start, before any timer is set): the
   * system clock takes the offset back, the manual clock its time and offset.
   */
  restore(position: ClockPosition): void
  /** Registers a listener told after every advance() moved the time (before its work is awaited). */
  onAdvance(listener: () => void): void
  /** Stops every pending timer (on close). */
  dispose(): void
}

interface PendingTimer {
  id: number
  dueAt: number
  task: TimerTask
  /** Only on the system clock: the real timer that fires it when nobody advances. */
  real?: ReturnType<typeof realSetTimeout>
}

/** Shared by both clocks: keeps timers ordered by due time and runs the due ones one by one. */
abstract class TimerQueue implements Clock {
  abstract readonly mode: ClockMode
  abstract now(): number
  abstract offsetMs(): number
  protected abstract moveBy(ms: number): void
  protected abstract arm(timer: PendingTimer): void
  abstract restore(position: ClockPosition): void

  private nextId = 1
  private readonly pending = new Map<number, PendingTimer>()
  /** Tasks started and not finished yet; advance() waits for them before it resolves. */
  private readonly inFlight = new Set<Promise<void>>()
  private readonly advanceListeners: Array<() => void> = []

  position(): ClockPosition {
    return { mode: this.mode, nowMs: this.now(), offsetMs: this.offsetMs() }
  }

  onAdvance(listener: () => void): void {
    this.advanceListeners.push(listener)
  }

  setTimeout(task: TimerTask, delayMs: number): TimerHandle {
    const timer: PendingTimer = { id: this.nextId++, dueAt: this.now() + Math.max(0, delayMs), task }
    this.pending.set(timer.id, timer)
    this.arm(timer)
    return { id: timer.id }
  }

  clearTimeout(handle: TimerHandle): void {
    const timer = this.pending.get(handle.id)
    if (timer?.real) realClearTimeout(timer.real)
    this.pending.delete(handle.id)
  }

  async advance(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance(ms) needs a finite, non-negative number')
    const target = this.now() + ms
    // Step through due timers in order so each sees the time it was due at; timers that the fired
    // work schedules inside the window (a webhook retry 10 minutes later) run in the same call.
    // Steps never go backwards and add up to exactly `ms`, even while real time passes meanwhile.
    let moved = 0
    for (let next = this.nextDue(target); next; next = this.nextDue(target)) {
      const step = Math.max(0, Math.min(next.dueAt - this.now(), ms - moved))
      this.moveBy(step)
      moved += step
      await this.fire(next)
    }
    this.moveBy(ms - moved)
    // Timers beyond the window were armed for the old time: arm them again for the new one, so a
    // retry 10 minutes out after a 6-minute jump fires 4 real minutes from now, not 10.
    for (const timer of this.pending.values()) this.rearm(timer)
    for (const listener of this.advanceListeners) listener()
    // Work that timers started on their own (due now, or a real timer) finishes before we return too.
    while (this.inFlight.size > 0) await Promise.all(this.inFlight)
  }

  /** Only real timers (the system clock's) were armed for a time; manual timers wait for advance(). */
  private rearm(timer: PendingTimer): void {
    if (!timer.real) return
    realClearTimeout(timer.real)
    this.arm(timer)
  }

  dispose(): void {
    for (const timer of this.pending.values()) if (timer.real) realClearTimeout(timer.real)
    this.pending.clear()
  }

  /**
   * Runs a timer's task; its failures are the task's own business, never the clock's. Tasks run
   * side by side: a slow one (a webhook attempt waiting on its receiver) never holds back another
   * that falls due meanwhile (a fault delay on an API request). advance() awaits each in time order.
   */
  protected fire(timer: PendingTimer): Promise<void> {
    if (!this.pending.delete(timer.id)) return Promise.resolve()
    if (timer.real) realClearTimeout(timer.real)
    const run = (async () => {
      try {
        await timer.task()
      } catch (error) {
        console.error('ghl-mock: a scheduled task failed', error)
      }
    })()
    this.inFlight.add(run)
    void run.finally(() => this.inFlight.delete(run))
    return run
  }

  private nextDue(target: number): PendingTimer | undefined {
    let earliest: PendingTimer | undefined
    for (const timer of this.pending.values()) {
      if (timer.dueAt <= target && (!earliest || timer.dueAt < earliest.dueAt)) earliest = timer
    }
    return earliest
  }
}

/** Wall-clock time plus an offset that `advance()` grows, so a running CLI instance can jump ahead. */
export class SystemClock extends TimerQueue {
  readonly mode = 'system' as const
  private offset = 0

  now(): number {
    return Date.now() + this.offset
  }

  offsetMs(): number {
    return this.offset
  }

  protected moveBy(ms: number): void {
    this.offset += ms
  }

  restore(position: ClockPosition): void {
    // Wall time went on while it was stopped; only the jump ahead is kept.
    this.offset = Math.max(0, position.offsetMs)
  }

  protected arm(timer: PendingTimer): void {
    const delay = Math.max(0, timer.dueAt - this.now())
    // Timers beyond ~24.8 days overflow Node's limit; re-arm in steps.
    const step = Math.min(delay, 2 ** 31 - 1)
    timer.real = realSetTimeout(() => {
      if (timer.dueAt > this.now()) this.arm(timer)
      else void this.fire(timer)
    }, step)
    timer.real.unref()
  }
}

/** Time that only moves when a test calls `advance()`; starts at `startMs` (default: now). */
export class ManualClock extends TimerQueue {
  readonly mode = 'manual' as const
  private current: number
  private start: number

  constructor(startMs: number = Date.now()) {
    super()
    this.current = startMs
    this.start = startMs
  }

  now(): number {
    return this.current
  }

  offsetMs(): number {
    return this.current - this.start
  }

  protected moveBy(ms: number): void {
    this.current += ms
  }

  restore(position: ClockPosition): void {
    // A manual clock resumes at the very time it stood at; one that ran on the system clock before
    // resumes at the machine's time plus the offset it had.
    this.current = position.mode === 'manual' ? position.nowMs : Date.now() + position.offsetMs
    this.start = this.current - position.offsetMs
  }

  protected arm(timer: PendingTimer): void {
    // Work due now (a webhook to deliver right after a write) runs on its own; anything in the
    // future waits for advance(), so tests never depend on the machine's time.
    if (timer.dueAt <= this.current) setImmediate(() => void this.fire(timer))
  }
}

export function createClock(mode: ClockMode, startMs?: number): Clock {
  return mode === 'manual' ? new ManualClock(startMs) : new SystemClock()
}
