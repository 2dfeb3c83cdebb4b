// The delivery queue's state machine over its SQLite tables: pending → sending → delivered |
// failed | pending again (a 429 with attempts left). Also the JSON view the control plane shows.
// Nothing here sends, signs or sets timers.
import type {
  AttemptRow, DeliveryFilter, DeliveryRow, DeliveryStatus, NewAttempt, WebhookRepo,
} from '../storage/webhooks.js'
import type { Verdict } from './backoff.js'

export type { DeliveryRow, DeliveryStatus, DeliveryFilter }

/** One attempt as the scheduler saw it, before it is logged. */
export type AttemptRecord = Omit<NewAttempt, 'deliveryId' | 'kind' | 'outcome'>

export interface Queue {
  /** Claims up to `limit` deliveries due at `now` for `claimer` (they become `sending`). */
  claimDue(now: number, limit: number, claimer: string): DeliveryRow[]
  /** When the earliest pending delivery is due, if any. */
  nextDueAt(): number | undefined
  /** Logs a scheduled attempt and moves the delivery on as `verdict` says. */
  settle(delivery: DeliveryRow, attempt: AttemptRecord, verdict: Verdict, now: number): void
  /** Logs a replay; only a 2xx changes the delivery (to delivered, cancelling any pending retry). */
  settleReplay(delivery: DeliveryRow, attempt: AttemptRecord, delivered: boolean, now: number): void
  /** Gives a claimed delivery back untried (the attempt was interrupted by a stop). */
  release(delivery: DeliveryRow, now: number): void
  /**
   * After a start: deliveries a crashed instance left `sending` are due again now (at-least-once).
   * Those of a claimer `isLive` says may still be sending (another instance on the file) stay.
   */
  recover(now: number, isLive: (claimer: string | null) => boolean): number
  get(id: number): DeliveryRow | undefined
  /** Newest first, each with its attempts. */
  list(filter: DeliveryFilter): DeliveryView[]
  view(delivery: DeliveryRow): DeliveryView
}

export interface AttemptView {
  number: number
  kind: AttemptRow['kind']
  at: string
  url: string
  statusCode: number | null
  outcome: AttemptRow['outcome']
  error: string | null
  durationMs: number
  responseExcerpt: string
  signatures: Record<string, string>
}

export interface DeliveryView {
  id: number
  webhookId: string
  eventId: number
  type: string
  appId: string
  locationId: string | null
  companyId: string | null
  url: string
  status: DeliveryStatus
  attemptCount: number
  nextAttemptAt: string | null
  createdAt: string
  updatedAt: string
  payload: unknown
  attempts: AttemptView[]
}

const iso = (ms: number) => new Date(ms).toISOString()

export function createQueue(repo: WebhookRepo): Queue {
  function toView(delivery: DeliveryRow, attempts: AttemptRow[]): DeliveryView {
    return {
      id: delivery.id,
      webhookId: delivery.webhookId,
      eventId: delivery.eventId,
      type: delivery.type,
      appId: delivery.appId,
      locationId: delivery.locationId,
      companyId: delivery.companyId,
      url: delivery.url,
      status: delivery.status,
      attemptCount: delivery.attemptCount,
      nextAttemptAt: delivery.nextAttemptAt === null ? null : iso(delivery.nextAttemptAt),
      createdAt: iso(delivery.createdAt),
      updatedAt: iso(delivery.updatedAt),
      payload: JSON.parse(delivery.body) as unknown,
      attempts: attempts.map((attempt) => ({
        number: attempt.number,
        kind: attempt.kind,
        at: iso(attempt.startedAt),
        url: attempt.url,
        statusCode: attempt.statusCode,
        outcome: attempt.outcome,
        error: attempt.error,
        durationMs: attempt.durationMs,
        responseExcerpt: attempt.responseExcerpt,
        signatures: attempt.signatures,
      })),
    }
  }

  return {
    claimDue: (now, limit, claimer) => repo.claimDue(now, limit, claimer),
    nextDueAt: () => repo.nextDueAt(),
    settle(delivery, attempt, verdict, now) {
      const update =
        verdict.outcome === 'retry'
          ? { status: 'pending' as const, nextAttemptAt: now + verdict.delayMs }
          : { status: verdict.outcome, nextAttemptAt: null }
      repo.recordAttempt({ ...attempt, deliveryId: delivery.id, kind: 'scheduled', outcome: verdict.outcome }, update, true, now)
    },
    settleReplay(delivery, attempt, delivered, now) {
      const update = delivered ? { status: 'delivered' as const, nextAttemptAt: null } : null
      repo.recordAttempt({ ...attempt, deliveryId: delivery.id, kind: 'replay', outcome: delivered ? 'delivered' : 'failed' }, update, false, now)
    },
    release: (delivery, now) => repo.release(delivery.id, now),
    recover(now, isLive) {
      let requeued = 0
      for (const claimer of repo.sendingClaimers()) if (!isLive(claimer)) requeued += repo.requeueSendingOf(claimer, now)
      return requeued
    },
    get: (id) => repo.get(id),
    list(filter) {
      const deliveries = repo.list(filter)
      const attempts = new Map<number, AttemptRow[]>()
      for (const attempt of repo.attemptsOf(deliveries.map((d) => d.id))) {
        const list = attempts.get(attempt.deliveryId)
        if (list) list.push(attempt)
        else attempts.set(attempt.deliveryId, [attempt])
      }
      return deliveries.map((delivery) => toView(delivery, attempts.get(delivery.id) ?? []))
    },
    view: (delivery) => toView(delivery, repo.attemptsOf([delivery.id])),
  }
}
