// The webhook delivery queue's SQL: deliveries (what to send where, and its state) and their
// attempts. State transitions are decided in src/webhooks/queue.ts; this file only stores them.
import { transaction, type Db } from './db.js'

export type DeliveryStatus = 'pending' | 'sending' | 'delivered' | 'failed'
export type AttemptKind = 'scheduled' | 'replay'
export type AttemptOutcome = 'delivered' | 'retry' | 'failed'

export interface DeliveryRow {
  id: number
  eventId: number
  webhookId: string
  type: string
  appId: string
  locationId: string | null
  companyId: string | null
  url: string
  /** The exact bytes sent (compact JSON). */
  body: string
  status: DeliveryStatus
  attemptCount: number
  nextAttemptAt: number | null
  lastStatusCode: number | null
  lastError: string | null
  createdAt: number
  updatedAt: number
}

export type NewDelivery = Pick<
  DeliveryRow,
  'eventId' | 'webhookId' | 'type' | 'appId' | 'locationId' | 'companyId' | 'url' | 'body' | 'createdAt' | 'nextAttemptAt'
>

export interface AttemptRow {
  id: number
  deliveryId: number
  number: number
  kind: AttemptKind
  startedAt: number
  url: string
  statusCode: number | null
  outcome: AttemptOutcome
  error: string | null
  durationMs: number
  responseExcerpt: string
  signatures: Record<string, string>
}

export type NewAttempt = Omit<AttemptRow, 'id' | 'number'>

/** How a recorded attempt changes its delivery; `null` leaves status and due time as they are. */
export interface DeliveryUpdate {
  status: DeliveryStatus
  nextAttemptAt: number | null
}

export interface DeliveryFilter {
  type?: string
  status?: DeliveryStatus
  locationId?: string
  appId?: string
  eventId?: number
  /** Only deliveries with a smaller id (the next page, newest first). */
  before?: number
  limit: number
}

export interface WebhookRepo {
  insertDelivery(delivery: NewDelivery): number
  get(id: number): DeliveryRow | undefined
  /**
   * Marks up to `limit` pending deliveries due at `now` as sent by `claimer` and returns them,
   * earliest first. One UPDATE … WHERE status = 'pending' under the write lock: when two instances
   * share the file, a delivery goes to exactly one of them.
   */
  claimDue(now: number, limit: number, claimer: string): DeliveryRow[]
  /** The earliest due time among pending deliveries. */
  nextDueAt(): number | undefined
  /**
   * Logs an attempt and applies `update` in one transaction; `countsTowardLimit` adds it to the
   * scheduled-attempt count. Returns false (and logs nothing) when the delivery is gone (a reset).
   */
  recordAttempt(attempt: NewAttempt, update: DeliveryUpdate | null, countsTowardLimit: boolean, at: number): boolean
  /** The instances that have deliveries `sending` (null: claimed before claimers were recorded). */
  sendingClaimers(): Array<string | null>
  /** Puts the deliveries `claimer` left `sending` (it crashed) back to pending, due at `now`. */
  requeueSendingOf(claimer: string | null, now: number): number
  /** Puts one claimed delivery back to pending without logging an attempt. */
  release(id: number, at: number): void
  /** Newest first. */
  list(filter: DeliveryFilter): DeliveryRow[]
  /** Attempts of the given deliveries, oldest first. */
  attemptsOf(deliveryIds: readonly number[]): AttemptRow[]
}

interface RawDelivery {
  id: number
  event_id: number
  webhook_id: string
  type: string
  app_id: string
  location_id: string | null
  company_id: string | null
  url: string
  body: string
  status: DeliveryStatus
  attempt_count: number
  next_attempt_at: number | null
  last_status_code: number | null
  last_error: string | null
  created_at: number
  updated_at: number
}

interface RawAttempt {
  id: number
  delivery_id: number
  number: number
  kind: AttemptKind
  started_at: number
  url: string
  status_code: number | null
  outcome: AttemptOutcome
  error: string | null
  duration_ms: number
  response_excerpt: string
  signatures: string
}

const fromRawDelivery = (raw: RawDelivery): DeliveryRow => ({
  id: raw.id,
  eventId: raw.event_id,
  webhookId: raw.webhook_id,
  type: raw.type,
  appId: raw.app_id,
  locationId: raw.location_id,
  companyId: raw.company_id,
  url: raw.url,
  body: raw.body,
  status: raw.status,
  attemptCount: raw.attempt_count,
  nextAttemptAt: raw.next_attempt_at,
  lastStatusCode: raw.last_status_code,
  lastError: raw.last_error,
  createdAt: raw.created_at,
  updatedAt: raw.updated_at,
})

const fromRawAttempt = (raw: RawAttempt): AttemptRow => ({
  id: raw.id,
  deliveryId: raw.delivery_id,
  number: raw.number,
  kind: raw.kind,
  startedAt: raw.started_at,
  url: raw.url,
  statusCode: raw.status_code,
  outcome: raw.outcome,
  error: raw.error,
  durationMs: raw.duration_ms,
  responseExcerpt: raw.response_excerpt,
  signatures: JSON.parse(raw.signatures) as Record<string, string>,
})

/** The list filters, in a fixed order; each combination gets its own prepared statement. */
const filterColumns = [
  ['type', 'type = @type'],
  ['status', 'status = @status'],
  ['locationId', 'location_id = @locationId'],
  ['appId', 'app_id = @appId'],
  ['eventId', 'event_id = @eventId'],
  ['before', 'id < @before'],
] as const

export function createWebhookRepo(db: Db): WebhookRepo {
  const s = {
    insert: db.prepare(`INSERT INTO webhook_deliveries (event_id, webhook_id, type, app_id, location_id, company_id, url, body,
      status, next_attempt_at, created_at, updated_at) VALUES (@eventId, @webhookId, @type, @appId, @locationId, @companyId, @url,
      @body, 'pending', @nextAttemptAt, @createdAt, @createdAt)`),
    get: db.prepare('SELECT * FROM webhook_deliveries WHERE id = ?'),
    claimDue: db.prepare(`UPDATE webhook_deliveries SET status = 'sending', claimed_by = @claimer, updated_at = @now
      WHERE id IN (SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= @now
        ORDER BY next_attempt_at, id LIMIT @limit)
      AND status = 'pending' RETURNING *`),
    nextDue: db.prepare(`SELECT min(next_attempt_at) AS at FROM webhook_deliveries WHERE status = 'pending'`),
    update: db.prepare(`UPDATE webhook_deliveries SET
        status = coalesce(@status, status),
        next_attempt_at = CASE WHEN @keep = 1 THEN next_attempt_at ELSE @nextAttemptAt END,
        attempt_count = attempt_count + @counts,
        last_status_code = @statusCode, last_error = @error, updated_at = @at
      WHERE id = @id`),
    insertAttempt: db.prepare(`INSERT INTO webhook_attempts (delivery_id, number, kind, started_at, url, status_code, outcome, error,
      duration_ms, response_excerpt, signatures) VALUES (@deliveryId,
      (SELECT count(*) + 1 FROM webhook_attempts WHERE delivery_id = @deliveryId), @kind, @startedAt, @url, @statusCode, @outcome,
      @error, @durationMs, @responseExcerpt, @signatures)`),
    sendingClaimers: db.prepare(`SELECT DISTINCT claimed_by FROM webhook_deliveries WHERE status = 'sending'`).pluck(),
    requeueSendingOf: db.prepare(`UPDATE webhook_deliveries SET status = 'pending', claimed_by = NULL, next_attempt_at = @now,
      updated_at = @now WHERE status = 'sending' AND claimed_by IS @claimer`),
    release: db.prepare(
      `UPDATE webhook_deliveries SET status = 'pending', claimed_by = NULL, updated_at = ? WHERE id = ? AND status = 'sending'`,
    ),
    attemptsOf: db.prepare(
      'SELECT * FROM webhook_attempts WHERE delivery_id IN (SELECT value FROM json_each(?)) ORDER BY delivery_id, id',
    ),
  }
  const listStatements = new Map<string, ReturnType<Db['prepare']>>()

  function listStatement(filter: DeliveryFilter) {
    const used = filterColumns.filter(([key]) => filter[key] !== undefined)
    const key = used.map(([name]) => name).join(',')
    let statement = listStatements.get(key)
    if (!statement) {
      const where = used.length > 0 ? `WHERE ${used.map(([, clause]) => clause).join(' AND ')}` : ''
      statement = db.prepare(`SELECT * FROM webhook_deliveries ${where} ORDER BY id DESC LIMIT @limit`)
      listStatements.set(key, statement)
    }
    return statement
  }

  /** RETURNING gives rows in no promised order; callers send the earliest due first. */
  function claimDue(now: number, limit: number, claimer: string): DeliveryRow[] {
    const rows = transaction(db, () => s.claimDue.all({ now, limit, claimer }) as RawDelivery[])
    return rows.map(fromRawDelivery).sort((a, b) => (a.nextAttemptAt ?? 0) - (b.nextAttemptAt ?? 0) || a.id - b.id)
  }

  const recordAttempt = db.transaction(
    (attempt: NewAttempt, update: DeliveryUpdate | null, countsTowardLimit: boolean, at: number): boolean => {
      const changed = s.update.run({
        id: attempt.deliveryId,
        status: update?.status ?? null,
        keep: update ? 0 : 1,
        nextAttemptAt: update?.nextAttemptAt ?? null,
        counts: countsTowardLimit ? 1 : 0,
        statusCode: attempt.statusCode,
        error: attempt.error,
        at,
      }).changes
      if (changed === 0) return false
      s.insertAttempt.run({ ...attempt, signatures: JSON.stringify(attempt.signatures) })
      return true
    },
  )

  return {
    insertDelivery: (delivery) => Number(s.insert.run(delivery).lastInsertRowid),
    get: (id) => {
      const raw = s.get.get(id) as RawDelivery | undefined
      return raw ? fromRawDelivery(raw) : undefined
    },
    claimDue,
    nextDueAt: () => (s.nextDue.get() as { at: number | null }).at ?? undefined,
    recordAttempt: (attempt, update, counts, at) => recordAttempt.immediate(attempt, update, counts, at),
    sendingClaimers: () => s.sendingClaimers.all() as Array<string | null>,
    requeueSendingOf: (claimer, now) => s.requeueSendingOf.run({ claimer, now }).changes,
    release: (id, at) => void s.release.run(at, id),
    list: (filter) => (listStatement(filter).all(filter) as RawDelivery[]).map(fromRawDelivery),
    attemptsOf: (ids) => (ids.length === 0 ? [] : (s.attemptsOf.all(JSON.stringify(ids)) as RawAttempt[]).map(fromRawAttempt)),
  }
}
