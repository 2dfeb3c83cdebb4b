import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectConformsToSpec } from '../../../test/support/spec-conformance.js'
import { startKit, type Kit } from '../../../test/support/location-kit.js'

let kit: Kit
beforeEach(async () => {
  kit = await startKit()
})
afterEach(() => kit.mock.close())

describe('location tags', () => {
  it('lists the seeded tags by name, then creates, renames and deletes one', async () => {
    const locationId = kit.locations[0]!.id
    const base = `/locations/${locationId}/tags`
    const list = async () => (await expectConformsToSpec('get-location-tags', await kit.call('GET', base))).tags as Array<{ id: string; name: string }>
    const seeded = await list()
    expect(seeded.length).toBe(3)
    expect(seeded.map((t) => t.name)).toEqual([...seeded.map((t) => t.name)].sort())

    const created = await expectConformsToSpec('create-tag', await kit.call('POST', base, { body: { name: '  Hot Lead ' } }))
    expect(created.tag).toEqual({ id: expect.stringMatching(/^[A-Za-z0-9]{20}$/), name: 'hot lead', locationId })
    const id = created.tag.id
    expect((await expectConformsToSpec('get-tag-by-id', await kit.call('GET', `${base}/${id}`))).tag.name).toBe('hot lead')
    expect((await list()).map((t) => t.name)).toContain('hot lead')

    const renamed = await expectConformsToSpec('update-tag', await kit.call('PUT', `${base}/${id}`, { body: { name: 'Warm Lead' } }))
    expect(renamed.tag).toEqual({ id, name: 'warm lead', locationId })
    // Renaming to its own name is no clash.
    expect((await kit.call('PUT', `${base}/${id}`, { body: { name: 'warm lead' } })).status).toBe(200)

    expect(await expectConformsToSpec('delete-tag', await kit.call('DELETE', `${base}/${id}`))).toEqual({ succeded: true })
    const gone = await kit.call('GET', `${base}/${id}`)
    expect(gone.status).toBe(400)
    expect(await gone.json()).toMatchObject({ statusCode: 400, message: 'Tag not found' })
    expect(await list()).toEqual(seeded)
  })

  it('keeps names unique per sub-account, case-insensitively', async () => {
    const [a, b] = kit.locations
    const existing = (await (await kit.call('GET', `/locations/${a!.id}/tags`)).json()).tags[0]
    const dup = await kit.call('POST', `/locations/${a!.id}/tags`, { body: { name: existing.name.toUpperCase() } })
    expect(dup.status).toBe(400)
    expect((await dup.json()).message).toBe('Tag with this name already exists')
    // The same name is free in another sub-account.
    const other = await kit.call('POST', `/locations/${b!.id}/tags`, { body: { name: 'only-in-b' } , token: kit.token({ locationId: b!.id }) })
    expect(other.status).toBe(200)
    const again = await kit.call('POST', `/locations/${a!.id}/tags`, { body: { name: 'only-in-b' } })
    expect(again.status).toBe(200)
    const second = (await (await kit.call('GET', `/locations/${a!.id}/tags`)).json()).tags[1]
    const clash = await kit.call('PUT', `/locations/${a!.id}/tags/${second.id}`, { body: { name: existing.name } })
    expect(clash.status).toBe(400)
  })

  it("never shows another sub-account's tag, and rejects an empty name", async () => {
    const [a, b] = kit.locations
    const tokenB = kit.token({ locationId: b!.id })
    const tagOfB = (await (await kit.call('GET', `/locations/${b!.id}/tags`, { token: tokenB })).json()).tags[0]
    // A's token on A's path with B's tag id: unknown.
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await kit.call(method, `/locations/${a!.id}/tags/${tagOfB.id}`, { body: method === 'PUT' ? { name: 'stolen' } : undefined })
      expect(res.status).toBe(400)
      expect((await res.json()).message).toBe('Tag not found')
    }
    // A's token on B's path: the location check.
    expect((await kit.call('GET', `/locations/${b!.id}/tags`)).status).toBe(403)
    expect(kit.mock.runtime.repos.tags.get(tagOfB.id)!.data.name).toBe(tagOfB.name)

    const empty = await kit.call('POST', `/locations/${a!.id}/tags`, { body: { name: '   ' } })
    expect(empty.status).toBe(422)
    expect((await empty.json()).message).toEqual(['name should not be empty'])
    const malformed = await kit.call('POST', `/locations/${a!.id}/tags`, { body: '{"name":' })
    expect(malformed.status).toBe(400)
  })

  it('lists an empty sub-account as an empty array', async () => {
    const locationId = kit.locations[0]!.id
    for (const tag of kit.mock.runtime.repos.locationQueries.tagsByName(locationId)) kit.mock.runtime.repos.tags.remove(tag.id)
    expect(await expectConformsToSpec('get-location-tags', await kit.call('GET', `/locations/${locationId}/tags`))).toEqual({ tags: [] })
  })
})
