// HighLevel's rate limits: a burst window and a daily quota per (app client, resource), in memory
// and on the clock. Pure bookkeeping: it decides and reports, the pipeline turns that into HTTP.
import type { Clock } from '../clock.js'
import type { TokenRow } from '../storage/tokens.js'

export interface RateLimitConfig {
  /** Requests per interval per bucket (`X-RateLimit-Max`). */
  burst: number
  /** Interval length in ms (`X-RateLimit-Interval-Milliseconds`). */
  intervalMs: number
  /** Requests per UTC day per bucket (`X-RateLimit-Limit-Daily`). */
  daily: number
}

/** One (client, resource) pair's counters. Kept in a Map; mutated in place, never reallocated. */
export interface Bucket {
  readonly key: string
  windowStart: number
  windowCount: number
  /** UTC day number (ms since epoch / 86,400,000) the daily count belongs to. */
  day: number
  dayCount: number
}

const DAY_MS = 86_400_000

/**
 * The bucket key: the app's client id (a PIT has no app, so the PIT's own id stands in) and the
 * resource the token acts for, its location or, for agency tokens, its company.
 */
export function bucketKey(token: TokenRow): string {
  const client = token.clientId ?? `pit:${token.id}`
  const resource = token.locationId ?? `company:${token.companyId}`
  return `${client}|${resource}`
}

/**
 * Fixed windows: a burst window opens with the first request after the previous one closed and
 * lasts `intervalMs` (how a Redis INCR + EXPIRE limiter behaves); the daily quota resets at UTC
 * midnight of the clock. Refused requests are not counted.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>()
  /** The three header values that never change, formatted once. */
  private readonly fixed: { daily: string; interval: string; max: string }

  constructor(
    private readonly clock: Clock,
    readonly config: RateLimitConfig,
  ) {
    this.fixed = { daily: String(config.daily), interval: String(config.intervalMs), max: String(config.burst) }
  }

  bucketFor(token: TokenRow): Bucket {
    const key = bucketKey(token)
    let bucket = this.buckets.get(key)
    if (bucket === undefined) {
      bucket = { key, windowStart: 0, windowCount: 0, day: -1, dayCount: 0 }
      this.buckets.set(key, bucket)
    }
    return bucket
  }

  /** Counts one request when both limits allow it; false when either is exhausted. */
  take(bucket: Bucket): boolean {
    this.roll(bucket)
    if (bucket.dayCount >= this.config.daily || bucket.windowCount >= this.config.burst) return false
    if (bucket.windowCount === 0) bucket.windowStart = this.clock.now()
    bucket.windowCount++
    bucket.dayCount++
    return true
  }

  /** Remaining requests in the current burst window and day, as the headers report them. */
  remaining(bucket: Bucket): { burst: number; daily: number } {
    this.roll(bucket)
    return {
      burst: Math.max(0, this.config.burst - bucket.windowCount),
      daily: Math.max(0, this.config.daily - bucket.dayCount),
    }
  }

  /** Sets the five headers on a response (no intermediate object: this runs on every request). */
  applyHeaders(headers: Headers, bucket: Bucket): void {
    const left = this.remaining(bucket)
    headers.set('X-RateLimit-Limit-Daily', this.fixed.daily)
    headers.set('X-RateLimit-Daily-Remaining', String(left.daily))
    headers.set('X-RateLimit-Interval-Milliseconds', this.fixed.interval)
    headers.set('X-RateLimit-Max', this.fixed.max)
    headers.set('X-RateLimit-Remaining', String(left.burst))
  }

  /** Every bucket seen so far with what is used of it now (the dashboard's meters). */
  usage(): Array<{ key: string; burstUsed: number; dailyUsed: number }> {
    return [...this.buckets.values()].map((bucket) => {
      this.roll(bucket)
      return { key: bucket.key, burstUsed: bucket.windowCount, dailyUsed: bucket.dayCount }
    })
  }

  /** Forgets every bucket (`POST /_mock/reset`). */
  clear(): void {
    this.buckets.clear()
  }

  private roll(bucket: Bucket): void {
    const now = this.clock.now()
    // A window opens with its first counted request (see take), not with a mere look at it.
    if (bucket.windowCount > 0 && now >= bucket.windowStart + this.config.intervalMs) bucket.windowCount = 0
    const day = Math.floor(now / DAY_MS)
    if (day !== bucket.day) {
      bucket.day = day
      bucket.dayCount = 0
    }
  }
}
