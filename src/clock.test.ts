import { describe, expect, it } from 'vitest'
import { ManualClock, SystemClock } from './clock.js'

describe('ManualClock', () => {
  it('fires due timers in time order, each seeing the time it was due at', async () => {
    const clock = new ManualClock(1_000)
    const seen: string[] = []
    clock.setTimeout(() => seen.push(`b@${clock.now()}`), 200)
    clock.setTimeout(() => seen.push(`a@${clock.now()}`), 100)
    clock.setTimeout(() => seen.push(`c@${clock.now()}`), 500)
    await clock.advance(300)
    expect(seen).toEqual(['a@1100', 'b@1200'])
    expect(clock.now()).toBe(1_300)
    await clock.advance(200)
    expect(seen).toEqual(['a@1100', 'b@1200', 'c@1500'])
  })

  it('runs timers scheduled by fired work when they fall inside the same advance', async () => {
    const clock = new ManualClock(0)
    const attempts: number[] = []
    const attempt = () => {
      attempts.push(clock.now())
      if (attempts.length < 4) clock.setTimeout(attempt, 600)
    }
    clock.setTimeout(attempt, 0)
    await clock.advance(3_000)
    expect(attempts).toEqual([0, 600, 1_200, 1_800])
  })

  it('awaits the asynchronous work a timer starts before advance resolves', async () => {
    const clock = new ManualClock(0)
    let finished = false
    clock.setTimeout(async () => {
      await new Promise((resolve) => setImmediate(resolve))
      finished = true
    }, 10)
    await clock.advance(10)
    expect(finished).toBe(true)
  })

  it('does not fire cleared timers and never moves backwards', async () => {
    const clock = new ManualClock(0)
    let fired = false
    const handle = clock.setTimeout(() => (fired = true), 10)
    clock.clearTimeout(handle)
    await clock.advance(100)
    expect(fired).toBe(false)
    await expect(clock.advance(-1)).rejects.toThrow(RangeError)
    expect(clock.offsetMs()).toBe(100)
  })

  it('runs work that is due now without an advance', async () => {
    const clock = new ManualClock(0)
    const ran = new Promise<number>((resolve) => clock.setTimeout(() => resolve(clock.now()), 0))
    await expect(ran).resolves.toBe(0)
  })

  it('keeps a failing task from stopping the others', async () => {
    const clock = new ManualClock(0)
    const seen: number[] = []
    const errors: unknown[] = []
    const original = console.error
    console.error = (...args: unknown[]) => void errors.push(args)
    try {
      clock.setTimeout(() => {
        throw new Error('boom')
      }, 5)
      clock.setTimeout(() => seen.push(clock.now()), 6)
      await clock.advance(10)
    } finally {
      console.error = original
    }
    expect(seen).toEqual([6])
    expect(errors).toHaveLength(1)
  })
})

describe('SystemClock', () => {
  it('moves by an offset and fires timers that the jump made due', async () => {
    const clock = new SystemClock()
    const before = clock.now()
    let firedAt = 0
    clock.setTimeout(() => (firedAt = clock.now()), 60 * 60_000)
    await clock.advance(2 * 60 * 60_000)
    expect(clock.offsetMs()).toBe(2 * 60 * 60_000)
    expect(firedAt).toBeGreaterThanOrEqual(before + 60 * 60_000)
    expect(clock.now()).toBeGreaterThanOrEqual(before + 2 * 60 * 60_000)
    clock.dispose()
  })

  it('does not hold a timer back behind a slow task that another timer started', async () => {
    const clock = new SystemClock()
    let release!: () => void
    const slow = new Promise<void>((resolve) => (release = resolve))
    clock.setTimeout(() => slow, 0)
    const quick = new Promise<string>((resolve) => clock.setTimeout(() => resolve('ran'), 1))
    await expect(quick).resolves.toBe('ran') // while the slow task is still running
    release()
    await clock.advance(0)
    clock.dispose()
  })
})

describe('advance() on the system clock (issue #11, defect 5)', () => {
  it('re-arms pending timers for the new time: one due in an hour fires at once after a jump of 59:59.9', async () => {
    const clock = new SystemClock()
    const fired = new Promise<string>((resolve) => clock.setTimeout(() => resolve('fired'), 60 * 60_000))
    await clock.advance(60 * 60_000 - 100)
    // 100 ms of real time are left; without re-arming it would wait the whole hour.
    const late = new Promise<string>((resolve) => setTimeout(() => resolve('still waiting'), 2_000).unref())
    await expect(Promise.race([fired, late])).resolves.toBe('fired')
    clock.dispose()
  })
})

describe('position and restore (issue #11, defect 6)', () => {
  it('a manual clock resumes at the time and offset it stood at', async () => {
    const clock = new ManualClock(Date.parse('2026-03-01T00:00:00Z'))
    await clock.advance(12 * 60_000)
    const again = new ManualClock()
    again.restore(clock.position())
    expect(again.now()).toBe(Date.parse('2026-03-01T00:12:00Z'))
    expect(again.offsetMs()).toBe(12 * 60_000)
  })

  it('a system clock takes its offset back and tells listeners about every advance', async () => {
    const clock = new SystemClock()
    const seen: number[] = []
    clock.onAdvance(() => seen.push(clock.offsetMs()))
    await clock.advance(5_000)
    const again = new SystemClock()
    again.restore(clock.position())
    expect(again.offsetMs()).toBe(5_000)
    expect(seen).toEqual([5_000])
    clock.dispose()
  })
})
