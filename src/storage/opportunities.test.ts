// The opportunity repository below HTTP: the trigger-kept totals agree with a recount after any
// mix of writes, and migration 6 fills its columns and totals from rows written before it.
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from './db.js'
import { core } from './migrations/001-core.js'
import { migrations } from './migrations/index.js'
import { createRepos } from './repos.js'

type Json = Record<string, unknown>

function freshRepos() {
  const db = new Database(':memory:')
  migrate(db, migrations)
  const repos = createRepos(db)
  repos.companies.insert({ id: 'C1' } as never)
  for (const id of ['L1', 'L2']) repos.locations.insert({ id, companyId: 'C1' } as never, 0)
  return { db, repos }
}

function opportunity(i: number, locationId: string): Json {
  return {
    id: `O${i}`,
    name: `Deal ${i}`,
    pipelineId: `P${i % 2}`,
    pipelineStageId: `S${i % 3}`,
    status: ['open', 'won', 'lost'][i % 3],
    assignedTo: i % 4 === 0 ? undefined : `U${i % 2}`,
    monetaryValue: i % 5 === 0 ? undefined : i * 10,
    contactId: `K${i}`,
    locationId,
  }
}

/** The totals recomputed from the rows, in the repository's output shape. */
function recount(db: Database.Database, locationId: string) {
  return db
    .prepare(
      `SELECT pipeline_id AS pipelineId, pipeline_stage_id AS pipelineStageId, count(*) AS count, sum(monetary_value) AS monetaryValue
       FROM opportunities WHERE location_id = ? GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .all(locationId)
}

describe('opportunity totals', () => {
  it('stay equal to a recount through inserts, updates of every counted column, and deletes', () => {
    const { db, repos } = freshRepos()
    for (let i = 0; i < 60; i++) {
      const data = opportunity(i, i % 3 === 0 ? 'L2' : 'L1')
      repos.opportunities.insert({ id: String(data.id), locationId: String(data.locationId), data, createdAt: i, updatedAt: i })
    }
    for (let i = 0; i < 60; i += 4) {
      const row = repos.opportunities.get(`O${i}`)!
      repos.opportunities.update(row.id, { ...row.data, pipelineStageId: 'S9', status: 'abandoned', assignedTo: 'U7', monetaryValue: 1 }, 100)
    }
    for (let i = 1; i < 60; i += 7) repos.opportunities.remove(`O${i}`)
    for (const locationId of ['L1', 'L2']) {
      expect(repos.opportunities.totals({ locationId })).toEqual(recount(db, locationId))
      const open = db.prepare("SELECT count(*) AS n FROM opportunities WHERE location_id = ? AND status = 'open' AND assigned_to = 'U1'").get(locationId) as { n: number }
      const fromTotals = repos.opportunities.totals({ locationId, statuses: ['open'], assignedTo: 'U1' }).reduce((s, t) => s + t.count, 0)
      expect(fromTotals).toBe(open.n)
    }
  })

  it('drop with their location', () => {
    const { db, repos } = freshRepos()
    const data = opportunity(1, 'L1')
    repos.opportunities.insert({ id: 'O1', locationId: 'L1', data, createdAt: 1, updatedAt: 1 })
    repos.locations.remove('L1')
    expect(repos.opportunities.totals({ locationId: 'L1' })).toEqual([])
    expect(db.prepare('SELECT count(*) AS n FROM opportunity_totals').get()).toEqual({ n: 0 })
  })
})

describe('search planning', () => {
  it('skips the query when the totals show no match, and reads a small filter\'s own index', () => {
    const { repos } = freshRepos()
    for (let i = 0; i < 5000; i++) {
      const data: Json = { ...opportunity(i, 'L1'), pipelineStageId: i < 10 ? 'rare' : 'common', status: i % 2 === 0 ? 'open' : 'won' }
      repos.opportunities.insert({ id: String(data.id), locationId: 'L1', data, createdAt: i, updatedAt: i })
    }
    const page = { order: 'desc' as const, limit: 5 }
    const rare = { locationId: 'L1', pipelineStageId: 'rare', statuses: ['open'] }
    expect(repos.opportunities.search(rare, page).map((r) => r.id)).toEqual(['O8', 'O6', 'O4', 'O2', 'O0'])
    expect(repos.opportunities.explain(rare, page).join('\n')).toContain('opportunities_by_stage (location_id=? AND pipeline_stage_id=?)')
    const dense = { locationId: 'L1', pipelineStageId: 'common', statuses: ['open'] }
    expect(repos.opportunities.search(dense, page)).toHaveLength(5)
    expect(repos.opportunities.explain(dense, page).join('\n')).toContain('COVERING INDEX opportunities_search')
    const none = { locationId: 'L1', pipelineStageId: 'rare', statuses: ['lost'] }
    expect(repos.opportunities.search(none, page)).toEqual([])
    expect(repos.opportunities.explain(none, page)[0]).toBe('NO QUERY: the totals show no match')
  })
})

describe('migration 6', () => {
  it('fills the new columns and the totals from rows written under schema 1', () => {
    const db = new Database(':memory:')
    migrate(db, [core])
    db.exec(`INSERT INTO companies VALUES ('C1', '{}'); INSERT INTO locations VALUES ('L1', 'C1', '{}', 0);`)
    const insert = db.prepare('INSERT INTO opportunities (id, location_id, pipeline_id, contact_id, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    insert.run('O1', 'L1', 'P1', 'K1', JSON.stringify({ name: 'Big Deal', pipelineStageId: 'S1', status: 'won', assignedTo: 'U1', monetaryValue: 250 }), 1, 1)
    insert.run('O2', 'L1', 'P1', 'K2', JSON.stringify({ name: 'Small', pipelineStageId: 'S1', status: 'won', monetaryValue: null }), 2, 2)
    migrate(db, migrations)
    expect(db.prepare('SELECT id, name_lower, pipeline_stage_id, status, assigned_to, monetary_value FROM opportunities ORDER BY id').all()).toEqual([
      { id: 'O1', name_lower: 'big deal', pipeline_stage_id: 'S1', status: 'won', assigned_to: 'U1', monetary_value: 250 },
      { id: 'O2', name_lower: 'small', pipeline_stage_id: 'S1', status: 'won', assigned_to: null, monetary_value: 0 },
    ])
    const repos = createRepos(db)
    expect(repos.opportunities.totals({ locationId: 'L1' })).toEqual([{ pipelineId: 'P1', pipelineStageId: 'S1', count: 2, monetaryValue: 250 }])
    expect(repos.opportunities.search({ locationId: 'L1', text: 'DEAL' }, { order: 'asc', limit: 10 }).map((r) => r.id)).toEqual(['O1'])
  })
})
