// Contact lookups beyond the generic record repository: duplicate matching, notes, tasks,
// campaign and workflow enrolments, a contact's appointments and the location's tag list.
// Every statement is prepared once here; callers pass ids and values, never SQL.
import type { Db } from './db.js'
import { recordRowFromRaw, type RawRecordRow, type RecordRow } from './records.js'
import { createContactSearch, type ContactSearch } from './contact-search.js'

type Json = Record<string, unknown>

/** A note or task row: API-shaped JSON plus its owner. */
export interface ChildRow {
  id: string
  locationId: string
  contactId: string
  data: Json
  createdAt: number
  updatedAt: number
}

/** Columns a task keeps outside its JSON, for location-wide task search. */
export interface TaskColumns {
  assignedTo: string | null
  completed: boolean
  dueAt: number | null
}

export interface Enrolment {
  id: string
  addedAt: number
  eventStartTime?: string | null
}

export interface ContactStore extends ContactSearch {
  /** The oldest contact of the location with this (lower-cased) email or normalized phone. */
  findByEmail(locationId: string, email: string): RecordRow<Json> | undefined
  findByPhone(locationId: string, phone: string): RecordRow<Json> | undefined
  notes: ChildTable
  tasks: ChildTable & {
    insertTask(row: ChildRow, columns: TaskColumns): void
    updateTask(id: string, data: Json, updatedAt: number, columns: TaskColumns): void
  }
  campaigns: EnrolmentTable
  workflows: EnrolmentTable
  /** The contact's appointments (API JSON), earliest first. */
  appointmentsOf(contactId: string): Json[]
  /** Adds the tags the location does not know yet to its tag list; `newId` names each new one. */
  ensureLocationTags(locationId: string, names: readonly string[], at: number, newId: () => string): void
}

export interface ChildTable {
  get(contactId: string, id: string): ChildRow | undefined
  /** By id alone, within a location (what `POST /_mock/webhooks/trigger` with a recordId asks). */
  getInLocation(locationId: string, id: string): ChildRow | undefined
  /** Newest first. */
  listOf(contactId: string): ChildRow[]
  insert(row: ChildRow): void
  update(id: string, data: Json, updatedAt: number): void
  remove(id: string): boolean
}

export interface EnrolmentTable {
  /** False when the contact was enrolled already (the start time is updated either way). */
  add(contactId: string, id: string, locationId: string, at: number, eventStartTime?: string | null): boolean
  remove(contactId: string, id: string): boolean
  removeAll(contactId: string): number
  listOf(contactId: string): Enrolment[]
}

interface RawChild {
  id: string
  location_id: string
  contact_id: string
  data: string
  created_at: number
  updated_at: number
}

type RawContact = RawRecordRow

const contactColumns = 'id, location_id, data, created_at, updated_at'

export function createContactStore(db: Db): ContactStore {
  const s = {
    byEmail: db.prepare(`SELECT ${contactColumns} FROM contacts WHERE location_id = ? AND email = ? ORDER BY created_at, id LIMIT 1`),
    byPhone: db.prepare(`SELECT ${contactColumns} FROM contacts WHERE location_id = ? AND phone = ? ORDER BY created_at, id LIMIT 1`),
    appointments: db.prepare('SELECT data FROM appointments WHERE contact_id = ? ORDER BY starts_at, id'),
    insertTag: db.prepare(
      `INSERT INTO tags (id, location_id, name, data, created_at, updated_at) VALUES (@id, @location, @name, @data, @at, @at)
       ON CONFLICT (location_id, name) DO NOTHING`,
    ),
    hasTag: db.prepare('SELECT 1 FROM tags WHERE location_id = ? AND name = ?'),
    insertTask: db.prepare(
      `INSERT INTO contact_tasks (id, location_id, contact_id, assigned_to, completed, due_at, data, created_at, updated_at)
       VALUES (@id, @location_id, @contact_id, @assigned_to, @completed, @due_at, @data, @created_at, @updated_at)`,
    ),
    updateTask: db.prepare(
      `UPDATE contact_tasks SET data = @data, updated_at = @updated_at, assigned_to = @assigned_to, completed = @completed, due_at = @due_at WHERE id = @id`,
    ),
  }
  const tasks = childTable(db, 'contact_tasks')
  const toContact = (raw: RawContact | undefined): RecordRow<Json> | undefined => raw && recordRowFromRaw(raw)
  const taskParams = (columns: TaskColumns) => ({
    assigned_to: columns.assignedTo,
    completed: columns.completed ? 1 : 0,
    due_at: columns.dueAt,
  })

  return {
    ...createContactSearch(db),
    findByEmail: (locationId, email) => toContact(s.byEmail.get(locationId, email) as RawContact | undefined),
    findByPhone: (locationId, phone) => toContact(s.byPhone.get(locationId, phone) as RawContact | undefined),
    notes: childTable(db, 'contact_notes'),
    tasks: {
      ...tasks,
      insertTask(row, columns) {
        s.insertTask.run({
          id: row.id,
          location_id: row.locationId,
          contact_id: row.contactId,
          data: JSON.stringify(row.data),
          created_at: row.createdAt,
          updated_at: row.updatedAt,
          ...taskParams(columns),
        })
      },
      updateTask(id, data, updatedAt, columns) {
        s.updateTask.run({ id, data: JSON.stringify(data), updated_at: updatedAt, ...taskParams(columns) })
      },
    },
    campaigns: enrolmentTable(db, 'contact_campaigns', 'campaign_id'),
    workflows: enrolmentTable(db, 'contact_workflows', 'workflow_id'),
    appointmentsOf: (contactId) => (s.appointments.pluck().all(contactId) as string[]).map((data) => JSON.parse(data) as Json),
    ensureLocationTags(locationId, names, at, newId) {
      for (const name of names) {
        if (s.hasTag.get(locationId, name)) continue
        const id = newId()
        s.insertTag.run({ id, location: locationId, name, data: JSON.stringify({ id, name, locationId }), at })
      }
    },
  }
}

function childTable(db: Db, table: 'contact_notes' | 'contact_tasks'): ChildTable {
  const columns = 'id, location_id, contact_id, data, created_at, updated_at'
  const s = {
    get: db.prepare(`SELECT ${columns} FROM ${table} WHERE id = ? AND contact_id = ?`),
    getInLocation: db.prepare(`SELECT ${columns} FROM ${table} WHERE id = ? AND location_id = ?`),
    list: db.prepare(`SELECT ${columns} FROM ${table} WHERE contact_id = ? ORDER BY created_at DESC, id DESC`),
    insert: db.prepare(
      `INSERT INTO ${table} (${columns}) VALUES (@id, @location_id, @contact_id, @data, @created_at, @updated_at)`,
    ),
    update: db.prepare(`UPDATE ${table} SET data = ?, updated_at = ? WHERE id = ?`),
    remove: db.prepare(`DELETE FROM ${table} WHERE id = ?`),
  }
  const toRow = (raw: RawChild): ChildRow => ({
    id: raw.id,
    locationId: raw.location_id,
    contactId: raw.contact_id,
    data: JSON.parse(raw.data) as Json,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
  })
  return {
    get(contactId, id) {
      const raw = s.get.get(id, contactId) as RawChild | undefined
      return raw && toRow(raw)
    },
    getInLocation(locationId, id) {
      const raw = s.getInLocation.get(id, locationId) as RawChild | undefined
      return raw && toRow(raw)
    },
    listOf: (contactId) => (s.list.all(contactId) as RawChild[]).map(toRow),
    insert(row) {
      s.insert.run({
        id: row.id,
        location_id: row.locationId,
        contact_id: row.contactId,
        data: JSON.stringify(row.data),
        created_at: row.createdAt,
        updated_at: row.updatedAt,
      })
    },
    update: (id, data, updatedAt) => void s.update.run(JSON.stringify(data), updatedAt, id),
    remove: (id) => s.remove.run(id).changes > 0,
  }
}

function enrolmentTable(db: Db, table: 'contact_campaigns' | 'contact_workflows', key: 'campaign_id' | 'workflow_id'): EnrolmentTable {
  const withStart = table === 'contact_workflows'
  const s = {
    exists: db.prepare(`SELECT 1 FROM ${table} WHERE contact_id = ? AND ${key} = ?`),
    add: withStart
      ? db.prepare(
          `INSERT INTO ${table} (contact_id, ${key}, location_id, added_at, event_start_time) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (contact_id, ${key}) DO UPDATE SET event_start_time = excluded.event_start_time`,
        )
      : db.prepare(`INSERT OR IGNORE INTO ${table} (contact_id, ${key}, location_id, added_at) VALUES (?, ?, ?, ?)`),
    remove: db.prepare(`DELETE FROM ${table} WHERE contact_id = ? AND ${key} = ?`),
    removeAll: db.prepare(`DELETE FROM ${table} WHERE contact_id = ?`),
    list: db.prepare(
      `SELECT ${key} AS id, added_at AS addedAt${withStart ? ', event_start_time AS eventStartTime' : ''} FROM ${table} WHERE contact_id = ? ORDER BY added_at, ${key}`,
    ),
  }
  return {
    add(contactId, id, locationId, at, eventStartTime) {
      const existed = s.exists.get(contactId, id) !== undefined
      if (withStart) s.add.run(contactId, id, locationId, at, eventStartTime ?? null)
      else s.add.run(contactId, id, locationId, at)
      return !existed
    },
    remove: (contactId, id) => s.remove.run(contactId, id).changes > 0,
    removeAll: (contactId) => s.removeAll.run(contactId).changes,
    listOf: (contactId) => s.list.all(contactId) as Enrolment[],
  }
}
