// GET /opportunities/pipelines and GET /opportunities/lost-reason over HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServer } from '../../server.js'
import { expectError, expectSpec, startOpportunityKit, type OpportunityKit } from '../../../test/support/opportunity-kit.js'

type Json = Record<string, any>

let kit: OpportunityKit
let loc: string

beforeEach(async () => {
  kit = await startOpportunityKit()
  loc = kit.locations[0]!.id
})
afterEach(() => kit.close())

describe('GET /opportunities/pipelines', () => {
  it("lists the location's seeded pipelines with their stages in order", async () => {
    const body = await expectSpec('get-pipelines', await kit.call('GET', `/opportunities/pipelines?locationId=${loc}`))
    const seeded = kit.repos.pipelines.listByLocation(loc, 100).map((r) => r.data)
    expect(body.pipelines).toEqual(seeded)
    for (const pipeline of body.pipelines as Json[]) {
      expect(pipeline).toMatchObject({ locationId: loc, showInFunnel: true, showInPieChart: true })
      expect(pipeline.stages.length).toBeGreaterThan(0)
      expect(pipeline.stages.map((s: Json) => s.position)).toEqual(pipeline.stages.map((_: unknown, i: number) => i))
      for (const stage of pipeline.stages) expect(Object.keys(stage)).toEqual(expect.arrayContaining(['id', 'name', 'position']))
    }
  })

  it('needs a locationId the token may act in', async () => {
    await expectError(await kit.call('GET', '/opportunities/pipelines'), 422, 'locationId should not be empty')
    await expectError(await kit.call('GET', `/opportunities/pipelines?locationId=${kit.locations[1]!.id}`), 403, 'The token does not have access to this location.')
  })
})

describe('GET /opportunities/lost-reason', () => {
  it('lists five lost reasons per location, the same ids in every instance', async () => {
    const body = await expectSpec('get-lost-reason', await kit.call('GET', `/opportunities/lost-reason?locationId=${loc}`))
    expect(body.total).toBe(5)
    expect(body.lostReasons.map((r: Json) => r.name)).toEqual(['Not interested', 'Went with a competitor', 'Price too high', 'No response', 'Bad timing'])
    for (const reason of body.lostReasons as Json[]) {
      expect(reason.id).toMatch(/^[A-Za-z0-9]{20}$/)
      expect(reason.locationId).toBe(loc)
    }
    const otherLocation = kit.locations[1]!.id
    const theirs = await expectSpec('get-lost-reason', await kit.call('GET', `/opportunities/lost-reason?locationId=${otherLocation}`, { as: { locationId: otherLocation } }))
    expect(theirs.lostReasons.map((r: Json) => r.id)).not.toContain(body.lostReasons[0].id)

    const second = await createServer({ world: 'small', clock: 'manual', listen: false })
    try {
      const { lostReasonsOf } = await import('./opportunity-lost-reasons.js')
      expect(lostReasonsOf(second.runtime.repos, loc).map((r) => r.id)).toEqual(body.lostReasons.map((r: Json) => r.id))
    } finally {
      await second.close()
    }
  })

  it('filters by query and name, pages with skip and limit, and lists no deleted reasons', async () => {
    const get = async (query: string) => expectSpec('get-lost-reason', await kit.call('GET', `/opportunities/lost-reason?locationId=${loc}&${query}`))
    expect((await get('query=PRICE')).lostReasons.map((r: Json) => r.name)).toEqual(['Price too high'])
    expect((await get('name=no%20response')).lostReasons.map((r: Json) => r.name)).toEqual(['No response'])
    expect((await get('name=response')).total).toBe(0)
    const page = await get('skip=1&limit=2')
    expect(page.lostReasons.map((r: Json) => r.name)).toEqual(['Went with a competitor', 'Price too high'])
    expect(page.total).toBe(5)
    expect(await get('deleted=true')).toEqual({ lostReasons: [], total: 0 })
    await expectError(await kit.call('GET', `/opportunities/lost-reason?locationId=${loc}&limit=0&deleted=maybe`), 422, 'limit must not be less than 1')
  })
})
