// Read-only queries of the dashboard (/_mock/ui) that the API's repositories do not offer: newest
// tokens, a conversation's messages, a calendar's upcoming appointments, a contact's conversations.
// Every one is bounded and walks an index (or the rowid b-tree), never a whole table.
import type { Db } from './db.js'
import { recordRowFromRaw, type RawRecordRow, type RecordRow } from './records.js'

type Json = Record<string, unknown>

export interface TokenSummary {
  id: string
  kind: string
  clientId: string | null
  authClass: string
  companyId: string
  locationId: string | null
  scopes: string[]
  source: string
  createdAt: number
  expiresAt: number | null
  revokedAt: number | null
}

export interface DashboardReads {
  /** The newest tokens first (rowid order is insertion order). */
  recentTokens(limit: number): TokenSummary[]
  messagesOf(conversationId: string, limit: number): RecordRow<Json>[]
  upcomingAppointments(calendarId: string, fromMs: number, limit: number): RecordRow<Json>[]
  conversationsOfContact(contactId: string, limit: number): RecordRow<Json>[]
}

const base = 'id, location_id, data, created_at, updated_at'

export function createDashboardReads(db: Db): DashboardReads {
  const s = {
    tokens: db.prepare(`SELECT id, kind, client_id, auth_class, company_id, location_id, scopes, source, created_at, expires_at, revoked_at
      FROM tokens ORDER BY rowid DESC LIMIT ?`),
    messages: db.prepare(`SELECT ${base} FROM messages WHERE conversation_id = ? ORDER BY created_at, id LIMIT ?`),
    upcoming: db.prepare(`SELECT ${base} FROM appointments WHERE calendar_id = ? AND starts_at >= ? ORDER BY starts_at LIMIT ?`),
    conversations: db.prepare(`SELECT ${base} FROM conversations WHERE contact_id = ? LIMIT ?`),
  }
  const rows = (raws: unknown[]) => (raws as RawRecordRow[]).map((raw) => recordRowFromRaw<Json>(raw))
  return {
    recentTokens: (limit) =>
      (s.tokens.all(limit) as Array<Record<string, unknown>>).map((r) => ({
        id: String(r.id),
        kind: String(r.kind),
        clientId: (r.client_id as string | null) ?? null,
        authClass: String(r.auth_class),
        companyId: String(r.company_id),
        locationId: (r.location_id as string | null) ?? null,
        scopes: String(r.scopes) === '' ? [] : String(r.scopes).split(' '),
        source: String(r.source),
        createdAt: Number(r.created_at),
        expiresAt: r.expires_at === null ? null : Number(r.expires_at),
        revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
      })),
    messagesOf: (conversationId, limit) => rows(s.messages.all(conversationId, limit)),
    upcomingAppointments: (calendarId, fromMs, limit) => rows(s.upcoming.all(calendarId, fromMs, limit)),
    conversationsOfContact: (contactId, limit) => rows(s.conversations.all(contactId, limit)),
  }
}
