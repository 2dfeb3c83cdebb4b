// The sub-account-wide task search (POST /locations/{id}/tasks/search) over contacts' tasks
// (the contacts resource's contact_tasks table, migration 5). Statements are prepared per filter
// shape from fixed fragments and served by contact_tasks_by_location.
import type { Db } from './db.js'

type Json = Record<string, unknown>

export interface LocationTaskFilter {
  contactIds?: string[]
  assignedTo?: string[]
  completed?: boolean
  /** Contained in the title or body, case-insensitive. */
  query?: string
  /** Tasks of contacts of this business. */
  businessId?: string
  skip: number
  limit: number
}

export interface LocationTaskQueries {
  /** Tasks of the sub-account's contacts, soonest due first. */
  search(locationId: string, filter: LocationTaskFilter): Json[]
}

/** LIKE pattern for "contains", with the user's % and _ taken literally. */
const contains = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`

export function createLocationTaskQueries(db: Db): LocationTaskQueries {
  const statements = new Map<string, ReturnType<Db['prepare']>>()

  function statementFor(filter: LocationTaskFilter) {
    const shape = [filter.contactIds, filter.assignedTo, filter.completed, filter.query, filter.businessId]
      .map((value): string => (value === undefined ? '0' : '1'))
      .join('')
    let statement = statements.get(shape)
    if (statement) return statement
    const where = ['location_id = @locationId']
    if (filter.contactIds !== undefined) where.push('contact_id IN (SELECT value FROM json_each(@contactIds))')
    if (filter.assignedTo !== undefined) where.push('assigned_to IN (SELECT value FROM json_each(@assignedTo))')
    if (filter.completed !== undefined) where.push('completed = @completed')
    if (filter.query !== undefined) {
      where.push(
        "(lower(json_extract(data, '$.title')) LIKE @query ESCAPE '\\' OR lower(coalesce(json_extract(data, '$.body'), '')) LIKE @query ESCAPE '\\')",
      )
    }
    if (filter.businessId !== undefined) {
      where.push('contact_id IN (SELECT id FROM contacts WHERE location_id = @locationId AND business_id = @businessId)')
    }
    statement = db.prepare(`SELECT data FROM contact_tasks WHERE ${where.join(' AND ')} ORDER BY due_at, id LIMIT @limit OFFSET @skip`)
    statements.set(shape, statement)
    return statement
  }

  return {
    search(locationId, filter) {
      const params: Record<string, unknown> = { locationId, limit: filter.limit, skip: filter.skip }
      if (filter.contactIds !== undefined) params.contactIds = JSON.stringify(filter.contactIds)
      if (filter.assignedTo !== undefined) params.assignedTo = JSON.stringify(filter.assignedTo)
      if (filter.completed !== undefined) params.completed = filter.completed ? 1 : 0
      if (filter.query !== undefined) params.query = contains(filter.query)
      if (filter.businessId !== undefined) params.businessId = filter.businessId
      const rows = statementFor(filter).all(params) as Array<{ data: string }>
      return rows.map((row) => JSON.parse(row.data) as Json)
    },
  }
}
