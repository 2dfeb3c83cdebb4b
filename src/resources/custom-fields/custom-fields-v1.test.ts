import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectConformsToSpec } from '../../../test/support/spec-conformance.js'
import { startKit, type Kit } from '../../../test/support/location-kit.js'

let kit: Kit
beforeEach(async () => {
  kit = await startKit()
})
afterEach(() => kit.mock.close())

const base = () => `/locations/${kit.locations[0]!.id}/customFields`

describe('custom fields v1', () => {
  it('lists the seeded contact fields, filtered by model', async () => {
    const all = await expectConformsToSpec('get-custom-fields', await kit.call('GET', base()))
    expect(all.customFields.length).toBe(2)
    expect(all.customFields[0]).toMatchObject({ fieldKey: 'contact.lead_score', dataType: 'NUMERICAL', model: 'contact', locationId: kit.locations[0]!.id })
    expect((await expectConformsToSpec('get-custom-fields', await kit.call('GET', `${base()}?model=opportunity`))).customFields).toEqual([])
    const bad = await kit.call('GET', `${base()}?model=deal`)
    expect(bad.status).toBe(422)
    expect((await bad.json()).message).toEqual(['model must be one of the following values: contact, opportunity, all'])
  })

  it('creates, reads, updates and deletes an opportunity field', async () => {
    const created = await expectConformsToSpec(
      'locations.create-custom-field',
      await kit.call('POST', base(), { body: { name: 'Deal Source', dataType: 'SINGLE_OPTIONS', model: 'opportunity', placeholder: 'Pick one', position: 100, options: ['Web', 'Referral'] } }),
    )
    expect(created.customField).toMatchObject({
      name: 'Deal Source', fieldKey: 'opportunity.deal_source', dataType: 'SINGLE_OPTIONS', model: 'opportunity',
      placeholder: 'Pick one', position: 100, picklistOptions: ['Web', 'Referral'],
    })
    const id = created.customField.id
    const listed = await expectConformsToSpec('get-custom-fields', await kit.call('GET', `${base()}?model=opportunity`))
    expect(listed.customFields.map((f: { id: string }) => f.id)).toEqual([id])
    expect((await expectConformsToSpec('get-custom-field', await kit.call('GET', `${base()}/${id}`))).customField).toEqual(created.customField)

    const updated = await expectConformsToSpec(
      'locations.update-custom-field',
      await kit.call('PUT', `${base()}/${id}`, { body: { name: 'Lead Origin', options: ['Web', 'Referral', 'Event'] } }),
    )
    // The key was fixed at creation; the name and options change.
    expect(updated.customField).toMatchObject({ name: 'Lead Origin', fieldKey: 'opportunity.deal_source', picklistOptions: ['Web', 'Referral', 'Event'] })

    expect(await expectConformsToSpec('locations.delete-custom-field', await kit.call('DELETE', `${base()}/${id}`))).toEqual({ succeded: true })
    const gone = await kit.call('GET', `${base()}/${id}`)
    expect(gone.status).toBe(400)
    expect((await gone.json()).message).toBe('Custom field not found')
  })

  it('orders by position and rejects a second field of the same name', async () => {
    // Seeded: Lead Score at 0, Preferred Contact Time at 50.
    await kit.call('POST', base(), { body: { name: 'First Thing', dataType: 'TEXT', position: 10 } })
    const list = (await (await kit.call('GET', `${base()}?model=contact`)).json()).customFields as Array<{ name: string; position: number }>
    expect(list.map((f) => [f.name, f.position])).toEqual([['Lead Score', 0], ['First Thing', 10], ['Preferred Contact Time', 50]])
    const dup = await kit.call('POST', base(), { body: { name: 'first thing!', dataType: 'TEXT' } })
    expect(dup.status).toBe(400)
    expect((await dup.json()).message).toBe('Custom field with this name already exists')
  })

  it('names each bad field and hides other sub-accounts\' fields', async () => {
    const bad = await kit.call('POST', base(), { body: { dataType: 'COLOR', model: 'deal', position: -3 } })
    expect(bad.status).toBe(422)
    expect((await bad.json()).message).toEqual([
      'name should not be empty',
      expect.stringMatching(/^dataType must be one of the following values: TEXT, /),
      'model must be one of the following values: contact, opportunity',
      'position must not be less than 0',
    ])
    const [, b] = kit.locations
    const fieldOfB = kit.mock.runtime.repos.locationQueries.customFieldsOf(b!.id, ['contact'])[0]!
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await kit.call(method, `${base()}/${fieldOfB.id}`, { body: method === 'PUT' ? { name: 'x' } : undefined })
      expect(res.status).toBe(400)
    }
    expect(kit.mock.runtime.repos.customFields.get(fieldOfB.id)).toBeDefined()
  })
})
