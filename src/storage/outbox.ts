// The event outbox: handlers append an event inside the transaction of the change that caused
// it; the webhook dispatcher reads what is not dispatched yet. No delivery logic here.
import type { Db } from './db.js'

export interface OutboxEvent {
  id: number
  type: string
  locationId: string | null
  companyId: string | null
  /** Set when the event concerns one app only (INSTALL, UNINSTALL). */
  appId: string | null
  payload: Record<string, unknown>
  createdAt: number
  dispatchedAt: number | null
}

export interface NewEvent {
  type: string
  locationId?: string | null
  companyId?: string | null
  appId?: string | null
  payload: Record<string, unknown>
}

interface RawEvent {
  id: number
  type: string
  location_id: string | null
  company_id: string | null
  app_id: string | null
  payload: string
  created_at: number
  dispatched_at: number | null
}

export interface OutboxRepo {
  append(event: NewEvent, at: number): number
  undispatched(limit: number): OutboxEvent[]
  /**
   * Marks an event dispatched; false when it already was (another instance on the same file got it
   * first). Call it inside the transaction that writes the event's deliveries.
   */
  markDispatched(id: number, at: number): boolean
  list(limit: number): OutboxEvent[]
}

export function createOutboxRepo(db: Db): OutboxRepo {
  const s = {
    append: db.prepare(
      'INSERT INTO events (type, location_id, company_id, app_id, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    undispatched: db.prepare('SELECT * FROM events WHERE dispatched_at IS NULL ORDER BY id LIMIT ?'),
    markDispatched: db.prepare('UPDATE events SET dispatched_at = ? WHERE id = ? AND dispatched_at IS NULL'),
    list: db.prepare('SELECT * FROM events ORDER BY id DESC LIMIT ?'),
  }
  const fromRaw = (raw: RawEvent): OutboxEvent => ({
    id: raw.id,
    type: raw.type,
    locationId: raw.location_id,
    companyId: raw.company_id,
    appId: raw.app_id,
    payload: JSON.parse(raw.payload) as Record<string, unknown>,
    createdAt: raw.created_at,
    dispatchedAt: raw.dispatched_at,
  })
  return {
    append(event, at) {
      const result = s.append.run(
        event.type,
        event.locationId ?? null,
        event.companyId ?? null,
        event.appId ?? null,
        JSON.stringify(event.payload),
        at,
      )
      return Number(result.lastInsertRowid)
    },
    undispatched: (limit) => (s.undispatched.all(limit) as RawEvent[]).map(fromRaw),
    markDispatched: (id, at) => s.markDispatched.run(at, id).changes === 1,
    list: (limit) => (s.list.all(limit) as RawEvent[]).map(fromRaw),
  }
}
