import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectConformsToSpec } from '../../../test/support/spec-conformance.js'
import { startKit, type Kit } from '../../../test/support/location-kit.js'

let kit: Kit
beforeEach(async () => {
  kit = await startKit()
})
afterEach(() => kit.mock.close())

// The live API (and the spec's own example) returns `meta` as objects; the schema says strings.
const META = { ignore: ['/meta'] }

describe('POST /locations/{locationId}/customFields/upload', () => {
  it('accepts files for a contact and records their metadata', async () => {
    const locationId = kit.locations[0]!.id
    const contact = kit.mock.runtime.repos.contacts.listByLocation(locationId, 1)[0]!
    const form = new FormData()
    form.append('id', contact.id)
    form.append('maxFiles', '2')
    const csv = 'name,email\nAda,ada@x.test\n'
    form.append('file', new File([csv], 'leads.csv', { type: 'text/csv' }))
    form.append('photo', new File([new Uint8Array(10)], 'face.PNG', { type: 'image/png' }))
    const res = await kit.call('POST', `/locations/${locationId}/customFields/upload`, { form })
    const body = await expectConformsToSpec('upload-file-customFields', res, META)
    expect(Object.keys(body.uploadedFiles)).toEqual(['leads.csv', 'face.PNG'])
    expect(body.uploadedFiles['leads.csv']).toMatch(new RegExp(`/location/${locationId}/custom-Field/${contact.id}/[0-9a-f-]{36}\\.csv$`))
    expect(body.meta).toEqual([
      { fieldname: 'file', originalname: 'leads.csv', encoding: '7bit', mimetype: 'text/csv', size: csv.length, url: body.uploadedFiles['leads.csv'] },
      { fieldname: 'photo', originalname: 'face.PNG', encoding: '7bit', mimetype: 'image/png', size: 10, url: body.uploadedFiles['face.PNG'] },
    ])
    const stored = kit.mock.runtime.repos.customFieldUploads.listByLocation(locationId, 10)
    // Both were stored at the same instant; their order among themselves is not defined.
    expect(stored).toHaveLength(2)
    expect(stored.map((row) => row.data)).toEqual(expect.arrayContaining(body.meta.map((m: object) => expect.objectContaining({ ...m, fieldId: contact.id }))))
  })

  it('rejects too many files, no file, a JSON body, and a foreign record id', async () => {
    const [a, b] = kit.locations
    const path = `/locations/${a!.id}/customFields/upload`
    const field = kit.mock.runtime.repos.locationQueries.customFieldsOf(a!.id, ['contact'])[0]!
    const tooMany = new FormData()
    tooMany.append('id', field.id)
    tooMany.append('maxFiles', '1')
    tooMany.append('a', new File(['1'], 'a.txt'))
    tooMany.append('b', new File(['2'], 'b.txt'))
    const res = await kit.call('POST', path, { form: tooMany })
    expect(res.status).toBe(422)
    expect((await res.json()).message).toEqual(['no more than 1 files may be uploaded'])

    const none = new FormData()
    none.append('id', field.id)
    expect((await (await kit.call('POST', path, { form: none })).json()).message).toEqual(['file should not be empty'])
    expect((await kit.call('POST', path, { body: { id: field.id } })).status).toBe(422)

    const foreign = new FormData()
    foreign.append('id', kit.mock.runtime.repos.contacts.listByLocation(b!.id, 1)[0]!.id)
    foreign.append('file', new File(['x'], 'x.txt'))
    const other = await kit.call('POST', path, { form: foreign })
    expect(other.status).toBe(400)
    expect(kit.mock.runtime.repos.customFieldUploads.countByLocation(a!.id)).toBe(0)
  })
})
