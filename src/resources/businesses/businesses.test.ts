import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectConformsToSpec } from '../../../test/support/spec-conformance.js'
import { startKit, type Kit } from '../../../test/support/location-kit.js'

let kit: Kit
beforeEach(async () => {
  kit = await startKit()
})
afterEach(() => kit.mock.close())

const list = async (qs: string, token?: string) =>
  (await expectConformsToSpec('get-businesses-by-location', await kit.call('GET', `/businesses/?${qs}`, { token }))).businesses as Array<{ id: string; name: string }>

describe('businesses', () => {
  it('creates (201, "buiseness"), lists, reads, updates and deletes', async () => {
    const locationId = kit.locations[0]!.id
    expect(await list(`locationId=${locationId}`)).toEqual([])
    const created = await expectConformsToSpec('create-business', await kit.call('POST', '/businesses/', {
      body: { name: 'Acme Roofing', locationId, phone: '+15551234567', email: 'office@acme.test', city: 'Denver', country: 'US' },
    }))
    expect(created.success).toBe(true)
    const business = created.buiseness
    expect(business).toMatchObject({
      id: expect.stringMatching(/^[A-Za-z0-9]{20}$/), name: 'Acme Roofing', locationId, phone: '+15551234567', city: 'Denver',
      createdBy: { source: 'INTEGRATION', channel: 'OAUTH' }, createdAt: new Date(kit.mock.clock.now()).toISOString(),
    })
    expect((await expectConformsToSpec('get-business', await kit.call('GET', `/businesses/${business.id}`))).business).toEqual(business)

    await kit.mock.clock.advance(5_000)
    const updated = await expectConformsToSpec('update-business', await kit.call('PUT', `/businesses/${business.id}`, { body: { name: 'Acme Roofing & Gutters', state: 'CO' } }))
    expect(updated.buiseness).toMatchObject({ name: 'Acme Roofing & Gutters', state: 'CO', city: 'Denver', createdAt: business.createdAt })
    expect(Date.parse(updated.buiseness.updatedAt) - Date.parse(business.createdAt)).toBe(5_000)
    expect((await list(`locationId=${locationId}`)).map((b) => b.name)).toEqual(['Acme Roofing & Gutters'])

    expect(await expectConformsToSpec('delete-Business', await kit.call('DELETE', `/businesses/${business.id}`))).toEqual({ success: true })
    const gone = await kit.call('GET', `/businesses/${business.id}`)
    expect(gone.status).toBe(400)
    expect((await gone.json()).message).toBe('Business not found')
  })

  it('pages with skip and limit, oldest first, stable while writing', async () => {
    const locationId = kit.locations[0]!.id
    for (let i = 0; i < 5; i++) {
      await kit.call('POST', '/businesses/', { body: { name: `Biz ${i}`, locationId } })
      await kit.mock.clock.advance(1_000)
    }
    const first = await list(`locationId=${locationId}&limit=2`)
    expect(first.map((b) => b.name)).toEqual(['Biz 0', 'Biz 1'])
    // A business added between pages lands at the end, not in the middle.
    await kit.call('POST', '/businesses/', { body: { name: 'Biz 5', locationId } })
    expect((await list(`locationId=${locationId}&limit=2&skip=2`)).map((b) => b.name)).toEqual(['Biz 2', 'Biz 3'])
    expect((await list(`locationId=${locationId}&limit=2&skip=4`)).map((b) => b.name)).toEqual(['Biz 4', 'Biz 5'])
    expect(await list(`locationId=${locationId}&skip=6`)).toEqual([])
    const missing = await kit.call('GET', '/businesses/')
    expect(missing.status).toBe(422)
    expect((await missing.json()).message).toEqual(['locationId should not be empty'])
    const bad = await kit.call('GET', `/businesses/?locationId=${locationId}&limit=0`)
    expect(bad.status).toBe(422)
    expect((await bad.json()).message).toEqual(['limit must not be less than 1'])
  })

  it("keeps each sub-account's businesses to itself", async () => {
    const [a, b] = kit.locations
    const tokenB = kit.token({ locationId: b!.id })
    const ofB = (await (await kit.call('POST', '/businesses/', { token: tokenB, body: { name: 'B Corp', locationId: b!.id } })).json()).buiseness
    for (const [method, body] of [['GET', undefined], ['PUT', { name: 'mine' }], ['DELETE', undefined]] as const) {
      const res = await kit.call(method, `/businesses/${ofB.id}`, { body })
      expect(res.status).toBe(400)
      expect((await res.json()).message).toBe('Business not found')
    }
    expect((await kit.call('GET', `/businesses/?locationId=${b!.id}`)).status).toBe(403)
    expect((await kit.call('POST', '/businesses/', { body: { name: 'x', locationId: b!.id } })).status).toBe(403)
    expect(await list(`locationId=${a!.id}`)).toEqual([])
    // B's own token still reaches it.
    expect((await kit.call('GET', `/businesses/${ofB.id}`, { token: tokenB })).status).toBe(200)

    const bad = await kit.call('POST', '/businesses/', { body: { locationId: a!.id, email: 5 } })
    expect(bad.status).toBe(422)
    expect((await bad.json()).message).toEqual(['name should not be empty', 'email must be a string'])
  })
})
