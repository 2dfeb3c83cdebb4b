// Custom menu links of an agency: one row per link, the API-shaped JSON in `data`. Lists filter
// within one company's index range (an agency has a handful of links), never the whole table.
import type { Db } from './db.js'

type Json = Record<string, unknown>

export interface CustomMenuRow {
  id: string
  companyId: string
  data: Json
  createdAt: number
  updatedAt: number
}

export interface CustomMenuFilter {
  companyId: string
  /** Only links shown in this sub-account (shown on sub-accounts, to all of them or to this one). */
  locationId?: string
  /** Only links shown on the agency's own view. */
  companyOnly: boolean
  /** Contained in the title, case-insensitive. */
  query?: string
  skip: number
  limit: number
}

export interface CustomMenuRepo {
  get(id: string): CustomMenuRow | undefined
  insert(row: CustomMenuRow): void
  update(id: string, data: Json, updatedAt: number): void
  remove(id: string): boolean
  /** Oldest first, with the number of links that match before paging. */
  list(filter: CustomMenuFilter): { rows: CustomMenuRow[]; total: number }
}

interface RawRow {
  id: string
  company_id: string
  data: string
  created_at: number
  updated_at: number
}

const MATCHES = `company_id = @companyId
  AND (@query IS NULL OR instr(title_lc, @query) > 0)
  AND (@companyOnly = 0 OR json_extract(data, '$.showOnCompany') = 1)
  AND (@locationId IS NULL OR (json_extract(data, '$.showOnLocation') = 1 AND (json_extract(data, '$.showToAllLocations') = 1
    OR EXISTS (SELECT 1 FROM json_each(data, '$.locations') WHERE value = @locationId))))`

export function createCustomMenuRepo(db: Db): CustomMenuRepo {
  const columns = 'id, company_id, data, created_at, updated_at'
  const s = {
    get: db.prepare(`SELECT ${columns} FROM custom_menus WHERE id = ?`),
    insert: db.prepare(`INSERT INTO custom_menus (${columns}) VALUES (@id, @companyId, @data, @createdAt, @updatedAt)`),
    update: db.prepare('UPDATE custom_menus SET data = ?, updated_at = ? WHERE id = ?'),
    remove: db.prepare('DELETE FROM custom_menus WHERE id = ?'),
    page: db.prepare(`SELECT ${columns} FROM custom_menus WHERE ${MATCHES} ORDER BY created_at, id LIMIT @limit OFFSET @skip`),
    count: db.prepare(`SELECT count(*) AS n FROM custom_menus WHERE ${MATCHES}`).pluck(),
  }
  const toRow = (raw: RawRow): CustomMenuRow => ({
    id: raw.id, companyId: raw.company_id, data: JSON.parse(raw.data) as Json, createdAt: raw.created_at, updatedAt: raw.updated_at,
  })
  return {
    get(id) {
      const raw = s.get.get(id) as RawRow | undefined
      return raw ? toRow(raw) : undefined
    },
    insert: (row) => void s.insert.run({ ...row, data: JSON.stringify(row.data) }),
    update: (id, data, updatedAt) => void s.update.run(JSON.stringify(data), updatedAt, id),
    remove: (id) => s.remove.run(id).changes > 0,
    list(filter) {
      const params = {
        companyId: filter.companyId,
        query: filter.query ? filter.query.toLowerCase() : null,
        companyOnly: filter.companyOnly ? 1 : 0,
        locationId: filter.locationId ?? null,
      }
      const rows = (s.page.all({ ...params, skip: filter.skip, limit: filter.limit }) as RawRow[]).map(toRow)
      return { rows, total: s.count.get(params) as number }
    },
  }
}
