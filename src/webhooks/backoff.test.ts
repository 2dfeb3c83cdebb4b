import { describe, expect, it } from 'vitest'
import { jitterMs, MAX_ATTEMPTS, RETRY_INTERVAL_MS, RETRY_JITTER_MS, verdictFor } from './backoff.js'

const facts = (statusCode: number | null, attempt = 1) => ({ statusCode, attempt, seed: 1, deliveryId: 42 })

describe('retry policy', () => {
  it.each([200, 201, 204, 299])('treats %i as delivered', (status) => {
    expect(verdictFor(facts(status))).toEqual({ outcome: 'delivered' })
  })

  it.each([301, 400, 401, 404, 408, 409, 500, 502, 503, 504, null])('never retries %s', (status) => {
    expect(verdictFor(facts(status)).outcome).toBe('failed')
  })

  it('retries a 429 after 10 minutes plus jitter, until the 6th attempt', () => {
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      const verdict = verdictFor(facts(429, attempt))
      expect(verdict.outcome).toBe('retry')
      const delay = verdict.outcome === 'retry' ? verdict.delayMs : 0
      expect(delay).toBeGreaterThanOrEqual(RETRY_INTERVAL_MS)
      expect(delay).toBeLessThan(RETRY_INTERVAL_MS + RETRY_JITTER_MS)
    }
    expect(verdictFor(facts(429, MAX_ATTEMPTS))).toMatchObject({ outcome: 'failed' })
    expect(MAX_ATTEMPTS).toBe(6)
    expect(RETRY_INTERVAL_MS).toBe(600_000)
  })
})

describe('jitter', () => {
  it('is the same for the same seed, delivery and attempt, and differs otherwise', () => {
    expect(jitterMs(7, 1, 1)).toBe(jitterMs(7, 1, 1))
    const draws = new Set([jitterMs(7, 1, 1), jitterMs(8, 1, 1), jitterMs(7, 2, 1), jitterMs(7, 1, 2)])
    expect(draws.size).toBe(4)
  })

  it('stays within [0, 5 min) and spreads over the range', () => {
    const draws = Array.from({ length: 2_000 }, (_, i) => jitterMs(1, i, 1))
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...draws)).toBeLessThan(RETRY_JITTER_MS)
    // Uniform: each fifth of the range gets roughly a fifth of the draws.
    for (let bucket = 0; bucket < 5; bucket++) {
      const inBucket = draws.filter((d) => Math.floor(d / (RETRY_JITTER_MS / 5)) === bucket).length
      expect(inBucket).toBeGreaterThan(300)
      expect(inBucket).toBeLessThan(500)
    }
  })
})
