import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectConformsToSpec } from '../../../test/support/spec-conformance.js'
import { startKit, type Kit, type TokenLike } from '../../../test/support/location-kit.js'

let kit: Kit
beforeEach(async () => {
  kit = await startKit()
})
afterEach(() => kit.mock.close())

// The live API lists folders in the folder shape ({id, name, objectKey, locationId}); the spec
// types `folders` as ICustomField, whose required field attributes a folder does not have.
const FOLDERS = { ignore: ['/folders'] }

const listFor = async (objectKey: string, locationId = kit.locations[0]!.id, token?: TokenLike) =>
  expectConformsToSpec(
    'get-custom-fields-by-object-key',
    await kit.call('GET', `/custom-fields/object-key/${objectKey}?locationId=${locationId}`, { token }),
    FOLDERS,
  )

describe('custom fields v2', () => {
  it('shows v1 fields under their object key, in a default folder', async () => {
    const locationId = kit.locations[0]!.id
    const { fields, folders } = await listFor('contact')
    expect(fields.map((f: { fieldKey: string }) => f.fieldKey)).toEqual(['contact.lead_score', 'contact.preferred_contact_time'])
    expect(folders).toEqual([expect.objectContaining({ name: 'General Info', objectKey: 'contact', locationId })])
    expect(fields.every((f: { parentId: string }) => f.parentId === folders[0].id)).toBe(true)
    expect(fields[1]).toMatchObject({ dataType: 'SINGLE_OPTIONS', options: [{ key: 'morning', label: 'Morning' }, { key: 'afternoon', label: 'Afternoon' }, { key: 'evening', label: 'Evening' }] })
    // Same default folder on every read, different per sub-account and object.
    expect((await listFor('contact')).folders[0].id).toBe(folders[0].id)
    expect((await listFor('opportunity')).folders[0].id).not.toBe(folders[0].id)
    expect((await listFor('custom_objects.pet')).folders).toEqual([])
  })

  it('runs the lifecycle of a custom-object folder and field', async () => {
    const locationId = kit.locations[0]!.id
    const folder = await expectConformsToSpec('create-custom-field-folder', await kit.call('POST', '/custom-fields/folder', { body: { objectKey: 'custom_objects.pet', name: 'Pet Details', locationId } }))
    expect(folder).toMatchObject({ id: expect.stringMatching(/^[A-Za-z0-9]{20}$/), objectKey: 'custom_objects.pet', locationId, name: 'Pet Details' })

    const created = await expectConformsToSpec(
      'custom-fields.create-custom-field',
      await kit.call('POST', '/custom-fields/', {
        body: {
          locationId, name: 'Breed', fieldKey: 'custom_objects.pet.breed', objectKey: 'custom_objects.pet', parentId: folder.id,
          dataType: 'SINGLE_OPTIONS', showInForms: true, options: [{ key: 'lab', label: 'Labrador' }, { label: 'Poodle' }], allowCustomOption: true,
        },
      }),
    )
    expect(created.field).toMatchObject({
      name: 'Breed', objectKey: 'custom_objects.pet', fieldKey: 'custom_objects.pet.breed', parentId: folder.id, showInForms: true,
      options: [{ key: 'lab', label: 'Labrador' }, { key: 'poodle', label: 'Poodle' }], allowCustomOption: true,
    })
    const id = created.field.id
    expect((await expectConformsToSpec('get-custom-field-by-id', await kit.call('GET', `/custom-fields/${id}`))).field).toEqual(created.field)
    expect((await listFor('custom_objects.pet')).fields.map((f: { id: string }) => f.id)).toEqual([id])
    // v1 sees only contact and opportunity fields.
    expect((await kit.call('GET', `/locations/${locationId}/customFields/${id}`)).status).toBe(400)

    await kit.mock.clock.advance(60_000)
    const updated = await expectConformsToSpec('custom-fields.update-custom-field', await kit.call('PUT', `/custom-fields/${id}`, { body: { locationId, showInForms: false, name: 'Dog Breed', options: [{ key: 'lab', label: 'Labrador' }] } }))
    expect(updated.field).toMatchObject({ name: 'Dog Breed', showInForms: false, options: [{ key: 'lab', label: 'Labrador' }] })
    expect(Date.parse(updated.field.dateUpdated) - Date.parse(updated.field.dateAdded)).toBe(60_000)

    // A folder with fields stays; once empty it goes.
    const busy = await kit.call('DELETE', `/custom-fields/folder/${folder.id}?locationId=${locationId}`)
    expect(busy.status).toBe(400)
    expect(await expectConformsToSpec('custom-fields.delete-custom-field', await kit.call('DELETE', `/custom-fields/${id}`))).toEqual({ succeded: true, id, key: 'custom_objects.pet.breed' })
    const renamed = await expectConformsToSpec('update-custom-field-folder', await kit.call('PUT', `/custom-fields/folder/${folder.id}`, { body: { name: 'Pets', locationId } }))
    expect(renamed).toMatchObject({ id: folder.id, name: 'Pets' })
    expect(await expectConformsToSpec('delete-custom-field-folder', await kit.call('DELETE', `/custom-fields/folder/${folder.id}?locationId=${locationId}`))).toEqual({ succeded: true, id: folder.id, key: 'custom_objects.pet' })
    expect((await listFor('custom_objects.pet')).folders).toEqual([])
  })

  it('creates a contact field that v1 lists, and keeps field keys unique', async () => {
    const locationId = kit.locations[0]!.id
    const folderId = (await listFor('contact')).folders[0].id
    const body = { locationId, name: 'Shoe Size', fieldKey: 'contact.shoe_size', objectKey: 'contact', parentId: folderId, dataType: 'NUMERICAL', showInForms: true }
    const created = await expectConformsToSpec('custom-fields.create-custom-field', await kit.call('POST', '/custom-fields/', { body }))
    const v1 = await expectConformsToSpec('get-custom-field', await kit.call('GET', `/locations/${locationId}/customFields/${created.field.id}`))
    expect(v1.customField).toMatchObject({ name: 'Shoe Size', fieldKey: 'contact.shoe_size', model: 'contact', dataType: 'NUMERICAL' })
    const dup = await kit.call('POST', '/custom-fields/', { body })
    expect(dup.status).toBe(400)
    expect((await dup.json()).message).toBe('Custom field with this key already exists')
  })

  it('renames the default folder but never deletes it', async () => {
    const locationId = kit.locations[0]!.id
    const folder = (await listFor('contact')).folders[0]
    const renamed = await expectConformsToSpec('update-custom-field-folder', await kit.call('PUT', `/custom-fields/folder/${folder.id}`, { body: { name: 'Profile', locationId } }))
    expect(renamed).toMatchObject({ id: folder.id, name: 'Profile', objectKey: 'contact', dateAdded: folder.dateAdded })
    expect((await listFor('contact')).folders).toEqual([expect.objectContaining({ id: folder.id, name: 'Profile' })])
    const del = await kit.call('DELETE', `/custom-fields/folder/${folder.id}?locationId=${locationId}`)
    expect(del.status).toBe(400)
    expect((await del.json()).message).toBe('The default folder cannot be deleted')
  })

  it('names every bad field of a create', async () => {
    const locationId = kit.locations[0]!.id
    const bad = await kit.call('POST', '/custom-fields/', { body: { locationId, objectKey: 'contact', fieldKey: 'opportunity.x', dataType: 'MULTIPLE_OPTIONS', showInForms: 'yes' } })
    expect(bad.status).toBe(422)
    expect((await bad.json()).message).toEqual([
      'parentId should not be empty',
      'showInForms must be a boolean value',
      'fieldKey must be contact.<key> (lower-case letters, digits and underscores)',
      'options should not be empty',
    ])
    const badKey = await kit.call('GET', `/custom-fields/object-key/deals?locationId=${locationId}`)
    expect(badKey.status).toBe(422)
    const wrongFolder = await kit.call('POST', '/custom-fields/', {
      body: { locationId, objectKey: 'opportunity', fieldKey: 'opportunity.x', parentId: (await listFor('contact')).folders[0].id, dataType: 'TEXT', showInForms: true },
    })
    expect(wrongFolder.status).toBe(400)
    expect((await wrongFolder.json()).message).toBe('Folder not found')
  })

  it("treats another sub-account's field or folder as unknown", async () => {
    const [a, b] = kit.locations
    const tokenB = kit.token({ locationId: b!.id })
    const fieldOfB = (await listFor('contact', b!.id, tokenB)).fields[0]
    for (const [method, body] of [['GET', undefined], ['PUT', { locationId: a!.id, showInForms: true }], ['DELETE', undefined]] as const) {
      const res = await kit.call(method, `/custom-fields/${fieldOfB.id}`, { body })
      expect(res.status).toBe(400)
      expect((await res.json()).message).toBe('Custom field not found')
    }
    const folderOfB = await (await kit.call('POST', '/custom-fields/folder', { token: tokenB, body: { objectKey: 'contact', name: 'B only', locationId: b!.id } })).json()
    const res = await kit.call('PUT', `/custom-fields/folder/${folderOfB.id}`, { body: { name: 'mine', locationId: a!.id } })
    expect(res.status).toBe(400)
    // Naming B's location with A's token is the gateway's 403.
    expect((await kit.call('GET', `/custom-fields/object-key/contact?locationId=${b!.id}`)).status).toBe(403)
    // B's own token still reaches it.
    expect((await kit.call('GET', `/custom-fields/${fieldOfB.id}`, { token: tokenB })).status).toBe(200)
  })
})
