// A repository for one location-scoped record table (contacts, pipelines, …): the API-shaped
// JSON in `data` plus indexed lookup columns. Every statement is prepared once, here.
import type { Db } from './db.js'

/** The tables this repository may be built for; names are never taken from a request. */
export type RecordTable =
  | 'contacts' | 'pipelines' | 'opportunities' | 'calendars' | 'appointments'
  | 'conversations' | 'messages' | 'custom_fields' | 'custom_values' | 'tags'
  | 'businesses' | 'recurring_tasks' | 'custom_field_folders' | 'custom_field_uploads' | 'location_templates'
  | 'calendar_blocked_slots' | 'calendar_groups' | 'calendar_notes' | 'calendar_resources' | 'calendar_notifications' | 'calendar_schedules'

export interface RecordRow<T> {
  id: string
  locationId: string
  data: T
  createdAt: number
  updatedAt: number
}

/** Where a page of a location's records starts: after this (createdAt, id). */
export interface Cursor {
  createdAt: number
  id: string
}

export interface RecordRepo<T> {
  get(id: string): RecordRow<T> | undefined
  /** The record only if it belongs to `locationId`: other tenants' ids look like unknown ids. */
  getInLocation(locationId: string, id: string): RecordRow<T> | undefined
  insert(row: RecordRow<T>): void
  update(id: string, data: T, updatedAt: number): void
  remove(id: string): boolean
  /** Oldest first, `limit` rows after `after`. */
  listByLocation(locationId: string, limit: number, after?: Cursor): RecordRow<T>[]
  countByLocation(locationId: string): number
}

/** A record row as SQLite returns it (the columns every record table shares). */
export interface RawRecordRow {
  id: string
  location_id: string
  data: string
  created_at: number
  updated_at: number
}

/** Decodes a raw row; every repository over a record table shares this one decoding. */
export function recordRowFromRaw<T = Record<string, unknown>>(raw: RawRecordRow): RecordRow<T> {
  return {
    id: raw.id,
    locationId: raw.location_id,
    data: JSON.parse(raw.data) as T,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
  }
}

/**
 * Builds the repository. `columns` maps a record to its extra indexed columns (for contacts:
 * lower-cased email and phone), kept in step with `data` on every write.
 */
export function createRecordRepo<T>(
  db: Db,
  table: RecordTable,
  columns: (data: T) => Record<string, string | number | null> = () => ({}),
  columnNames: readonly string[] = [],
): RecordRepo<T> {
  const base = 'id, location_id, data, created_at, updated_at'
  const extra = columnNames.map((name) => `, ${name}`).join('')
  const extraParams = columnNames.map((name) => `, @${name}`).join('')
  const extraSets = columnNames.map((name) => `, ${name} = @${name}`).join('')
  const statements = {
    get: db.prepare(`SELECT ${base} FROM ${table} WHERE id = ?`),
    getInLocation: db.prepare(`SELECT ${base} FROM ${table} WHERE id = ? AND location_id = ?`),
    insert: db.prepare(
      `INSERT INTO ${table} (${base}${extra}) VALUES (@id, @location_id, @data, @created_at, @updated_at${extraParams})`,
    ),
    update: db.prepare(`UPDATE ${table} SET data = @data, updated_at = @updated_at${extraSets} WHERE id = @id`),
    remove: db.prepare(`DELETE FROM ${table} WHERE id = ?`),
    firstPage: db.prepare(
      `SELECT ${base} FROM ${table} WHERE location_id = ? ORDER BY created_at, id LIMIT ?`,
    ),
    nextPage: db.prepare(
      `SELECT ${base} FROM ${table} WHERE location_id = ? AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?`,
    ),
    count: db.prepare(`SELECT count(*) AS n FROM ${table} WHERE location_id = ?`),
  }

  const toRow = (raw: RawRecordRow | undefined): RecordRow<T> | undefined => (raw ? recordRowFromRaw<T>(raw) : undefined)

  return {
    get: (id) => toRow(statements.get.get(id) as RawRecordRow | undefined),
    getInLocation: (locationId, id) => toRow(statements.getInLocation.get(id, locationId) as RawRecordRow | undefined),
    insert(row) {
      statements.insert.run({
        id: row.id,
        location_id: row.locationId,
        data: JSON.stringify(row.data),
        created_at: row.createdAt,
        updated_at: row.updatedAt,
        ...columns(row.data),
      })
    },
    update(id, data, updatedAt) {
      statements.update.run({ id, data: JSON.stringify(data), updated_at: updatedAt, ...columns(data) })
    },
    remove: (id) => statements.remove.run(id).changes > 0,
    listByLocation(locationId, limit, after) {
      const raws = after
        ? statements.nextPage.all(locationId, after.createdAt, after.id, limit)
        : statements.firstPage.all(locationId, limit)
      return (raws as RawRecordRow[]).map((raw) => toRow(raw)!)
    },
    countByLocation: (locationId) => (statements.count.get(locationId) as { n: number }).n,
  }
}
