import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectConformsToSpec } from '../../../test/support/spec-conformance.js'
import { startKit, type Kit } from '../../../test/support/location-kit.js'

let kit: Kit
beforeEach(async () => {
  kit = await startKit()
})
afterEach(() => kit.mock.close())

const base = () => `/locations/${kit.locations[0]!.id}/customValues`

describe('custom values', () => {
  it('lists, creates (201), reads, updates and deletes', async () => {
    const locationId = kit.locations[0]!.id
    const seeded = (await expectConformsToSpec('get-custom-values', await kit.call('GET', base()))).customValues
    expect(seeded.map((v: { fieldKey: string }) => v.fieldKey)).toEqual(['{{ custom_values.business_phone }}', '{{ custom_values.booking_link }}'])

    const created = await expectConformsToSpec('create-custom-value', await kit.call('POST', base(), { body: { name: 'Promo Code', value: 'SPRING25' } }))
    expect(created.customValue).toEqual({ id: expect.stringMatching(/^[A-Za-z0-9]{20}$/), name: 'Promo Code', fieldKey: '{{ custom_values.promo_code }}', value: 'SPRING25', locationId })
    const id = created.customValue.id
    expect((await expectConformsToSpec('get-custom-value', await kit.call('GET', `${base()}/${id}`))).customValue).toEqual(created.customValue)
    const listed = (await expectConformsToSpec('get-custom-values', await kit.call('GET', base()))).customValues
    expect(listed.at(-1)).toEqual(created.customValue)

    const updated = await expectConformsToSpec('update-custom-value', await kit.call('PUT', `${base()}/${id}`, { body: { name: 'Coupon', value: '' } }))
    // The key stays, so templates using it keep working.
    expect(updated.customValue).toEqual({ ...created.customValue, name: 'Coupon', value: '' })

    expect(await expectConformsToSpec('delete-custom-value', await kit.call('DELETE', `${base()}/${id}`))).toEqual({ succeded: true })
    const gone = await kit.call('GET', `${base()}/${id}`)
    expect(gone.status).toBe(400)
    expect((await gone.json()).message).toBe('Custom value not found')
  })

  it('keeps names unique and gives a renamed-away key a suffix', async () => {
    const first = (await (await kit.call('POST', base(), { body: { name: 'Promo Code', value: 'A' } })).json()).customValue
    const dup = await kit.call('POST', base(), { body: { name: ' promo code ', value: 'B' } })
    expect(dup.status).toBe(400)
    expect((await dup.json()).message).toBe('Custom value with this name already exists')
    await kit.call('PUT', `${base()}/${first.id}`, { body: { name: 'Old Promo', value: 'A' } })
    const second = (await (await kit.call('POST', base(), { body: { name: 'Promo Code', value: 'B' } })).json()).customValue
    expect(second.fieldKey).toBe('{{ custom_values.promo_code_2 }}')
  })

  it('names bad fields and hides other sub-accounts\' values', async () => {
    const bad = await kit.call('POST', base(), { body: { value: 42 } })
    expect(bad.status).toBe(422)
    expect((await bad.json()).message).toEqual(['name should not be empty', 'value must be a string'])
    const [, b] = kit.locations
    const valueOfB = kit.mock.runtime.repos.customValues.listByLocation(b!.id, 1)[0]!
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await kit.call(method, `${base()}/${valueOfB.id}`, { body: method === 'PUT' ? { name: 'x', value: 'y' } : undefined })
      expect(res.status).toBe(400)
    }
    expect(kit.mock.runtime.repos.customValues.get(valueOfB.id)!.data.name).toBe(valueOfB.data.name)
  })
})
