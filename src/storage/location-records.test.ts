// Every filtered query of the location-family repositories is served by an index: EXPLAIN QUERY
// PLAN of each statement they prepare (the lazily built search shapes included) shows no table scan.
import { describe, expect, it } from 'vitest'
import { openDatabase, type Db } from './db.js'
import { createLocationRecordRepos } from './location-records.js'
import { createTenantRepos } from './tenants.js'

/** Opens a database whose `prepare` records every SQL text it is given. */
function recordingDatabase(): { db: Db; statements: Set<string> } {
  const db = openDatabase(':memory:')
  const statements = new Set<string>()
  const prepare = db.prepare.bind(db)
  db.prepare = ((sql: string) => {
    statements.add(sql)
    return prepare(sql)
  }) as Db['prepare']
  return { db, statements }
}

/** The plan's detail lines, with every parameter bound to NULL. */
function plan(db: Db, sql: string): string[] {
  const named = Object.fromEntries([...sql.matchAll(/@(\w+)/g)].map((m) => [m[1], null]))
  const positional = (sql.match(/\?/g) ?? []).map(() => null)
  const statement = db.prepare(`EXPLAIN QUERY PLAN ${sql}`)
  const rows = (Object.keys(named).length > 0 ? statement.all(named) : statement.all(...positional)) as Array<{ detail: string }>
  return rows.map((row) => row.detail)
}

/** A full scan of a real table (json_each is a table-valued function over one parameter). */
const tableScan = (detail: string) => /^SCAN (?!json_each)\w+/.test(detail) && !/USING (COVERING )?INDEX .* \(/.test(detail)

describe('location-family queries', () => {
  it('use an index for every filtered statement', () => {
    const { db, statements } = recordingDatabase()
    const tenants = createTenantRepos(db)
    const records = createLocationRecordRepos(db)
    // Build every lazily prepared search shape.
    for (const email of [undefined, 'a@b.c']) for (const order of ['asc', 'desc'] as const) tenants.locations.search({ companyId: 'c', email, order, skip: 0, limit: 1 })
    const sorts = ['name', 'dateAdded', 'firstName', 'lastName', 'email'] as const
    for (const sort of sorts) {
      for (const locationId of [undefined, 'l']) {
        tenants.users.search({ companyId: 'c', locationId, query: 'x', type: 'agency', role: 'admin', ids: ['u'], sort, direction: 'desc', skip: 0, limit: 1 })
        tenants.users.search({ companyId: 'c', locationId, sort, direction: 'asc', skip: 0, limit: 1 })
      }
    }
    tenants.users.filterByEmail({ companyId: 'c', emails: ['a@b.c'], deleted: false, skip: 0, limit: 1 })
    records.locationTasks.search('l', { skip: 0, limit: 1 })
    records.locationTasks.search('l', { contactIds: ['c'], assignedTo: ['u'], completed: true, query: 'q', businessId: 'b', skip: 0, limit: 1 })

    // Schema introspection at start-up (sqlite_master, pragmas) is not on a request path.
    const filtered = [...statements].filter(
      (sql) => /\bWHERE\b/i.test(sql) && !/^\s*(INSERT|UPDATE|DELETE)/i.test(sql) && !/sqlite_master|pragma_/.test(sql),
    )
    expect(filtered.length).toBeGreaterThan(30)
    const scans = filtered.flatMap((sql) => plan(db, sql).filter(tableScan).map((detail) => `${detail} ← ${sql.replace(/\s+/g, ' ')}`))
    expect(scans).toEqual([])
    db.close()
  })
})
