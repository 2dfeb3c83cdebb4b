// The retry policy, as HighLevel documents it: only a 429 is retried, 10 minutes plus jitter
// later, at most 6 attempts in all. Pure functions of their inputs: no clock, no storage.
import { createHash } from 'node:crypto'

/** Attempts per delivery, the first one included. */
export const MAX_ATTEMPTS = 6
/** The fixed part of the wait between two attempts. */
export const RETRY_INTERVAL_MS = 10 * 60_000
/**
 * Upper bound (exclusive) of the random part. Each wait is in [10 min, 15 min), so the whole
 * 6-attempt schedule spans 50–75 minutes (62.5 on average) — "approximately 1 hour 10 minutes"
 * in HighLevel's words, which do not give the jitter itself.
 */
export const RETRY_JITTER_MS = 5 * 60_000

export type Verdict =
  | { outcome: 'delivered' }
  | { outcome: 'retry'; delayMs: number }
  | { outcome: 'failed'; reason: string }

export interface AttemptFacts {
  /** The receiver's HTTP status; null when there was none (timeout, refused connection, …). */
  statusCode: number | null
  /** Which attempt this was, from 1. */
  attempt: number
  /** The instance's --seed and the delivery's id: the jitter is a function of both. */
  seed: number
  deliveryId: number
}

/** What happens after an attempt: 2xx delivered; 429 retried until the 6th; anything else failed. */
export function verdictFor(facts: AttemptFacts): Verdict {
  const { statusCode, attempt } = facts
  if (statusCode !== null && statusCode >= 200 && statusCode < 300) return { outcome: 'delivered' }
  if (statusCode === 429) {
    if (attempt < MAX_ATTEMPTS) return { outcome: 'retry', delayMs: RETRY_INTERVAL_MS + jitterMs(facts.seed, facts.deliveryId, attempt) }
    return { outcome: 'failed', reason: `429 on attempt ${attempt} of ${MAX_ATTEMPTS}: no attempts left` }
  }
  return { outcome: 'failed', reason: statusCode === null ? 'no response' : `status ${statusCode} is not retried` }
}

/**
 * The random part of the wait after `attempt`, uniform in [0, RETRY_JITTER_MS). Drawn from a hash
 * of (seed, delivery, attempt) rather than Math.random, so the same seed replays the same schedule.
 */
export function jitterMs(seed: number, deliveryId: number, attempt: number): number {
  const digest = createHash('sha256').update(`${seed}:${deliveryId}:${attempt}`).digest()
  return Math.floor((digest.readUInt32BE(0) / 2 ** 32) * RETRY_JITTER_MS)
}
