// Private integration tokens: shown once, scopes edited in place, rotation with a 7-day grace
// window on the manual clock, "rotate and expire now", deletion.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { authenticate } from '../auth/access-tokens.js'
import type { GhlMock } from '../server.js'
import { jsonPost, startMock } from '../../test/support/oauth.js'

let mock: GhlMock
let locationId: string
let companyId: string
beforeEach(async () => {
  mock = await startMock()
  locationId = mock.world().locations[0]!.id
  companyId = mock.world().companies[0]!.id
})
afterEach(() => mock.close())

const base = '/_mock/private-integrations'
const call = async (path: string, init?: RequestInit) => {
  const res = await mock.app.request(path, init)
  return { status: res.status, body: (await res.json()) as Record<string, any> }
}
const auth = (token: string) => authenticate(mock.runtime, token)
const DAY = 86_400_000

async function create(body: Record<string, unknown> = { locationId, name: 'Zapier sync', scopes: 'contacts.readonly contacts.write' }) {
  const { status, body: created } = await call(base, jsonPost(body))
  expect(status).toBe(201)
  return created
}

describe('POST /_mock/private-integrations', () => {
  it('returns a pit-<uuid> once, usable as a location bearer with exactly its scopes', async () => {
    const created = await create()
    expect(created.token).toMatch(/^pit-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    expect(created).toMatchObject({ name: 'Zapier sync', authClass: 'Location', locationId, companyId, scopes: ['contacts.readonly', 'contacts.write'], previousTokenExpiresAt: null })
    expect(auth(created.token)).toMatchObject({ kind: 'pit', authClass: 'Location', locationId, scopes: ['contacts.readonly', 'contacts.write'], expiresAt: null })
    const listed = await call(base)
    expect(listed.body.count).toBe(1)
    expect(JSON.stringify(listed.body)).not.toContain(created.token)
    expect(JSON.stringify((await call(`${base}/${created.id}`)).body)).not.toContain(created.token)
  })

  it('makes agency tokens from a companyId', async () => {
    const created = await create({ companyId, name: 'Agency reporting', scopes: ['locations.readonly'] })
    expect(auth(created.token)).toMatchObject({ authClass: 'Company', companyId, locationId: null })
  })

  it('rejects bad input with every problem, and unknown owners with 404', async () => {
    const bad = await call(base, jsonPost({ name: '', scopes: ['contacts.readonly', 'contacts.everything'] }))
    expect(bad.status).toBe(422)
    expect(bad.body.message).toEqual(['locationId or companyId is required', 'name should not be empty', 'scopes contains unknown scopes: contacts.everything'])
    expect((await call(base, jsonPost({ locationId: 'nope', name: 'x', scopes: 'contacts.readonly' }))).status).toBe(404)
  })
})

describe('editing and rotating', () => {
  it('edits scopes without a new token, and the change applies at once', async () => {
    const created = await create()
    const edited = await call(`${base}/${created.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scopes: ['contacts.readonly'] }) })
    expect(edited.status).toBe(200)
    expect(edited.body.scopes).toEqual(['contacts.readonly'])
    expect(auth(created.token)?.scopes).toEqual(['contacts.readonly'])
  })

  it('keeps the old token for a 7-day grace window after rotation, on the clock', async () => {
    const created = await create()
    const rotated = await call(`${base}/${created.id}/rotate`, jsonPost({}))
    expect(rotated.status).toBe(200)
    expect(rotated.body.token).not.toBe(created.token)
    expect(rotated.body.previousTokenExpiresAt).toBe(new Date(mock.clock.now() + 7 * DAY).toISOString())
    expect(auth(created.token)).toBeDefined()
    expect(auth(rotated.body.token)).toBeDefined()
    // Scope edits during the grace window reach both tokens.
    await call(`${base}/${created.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scopes: 'contacts.write' }) })
    expect(auth(created.token)?.scopes).toEqual(['contacts.write'])
    await mock.clock.advance(7 * DAY - 1)
    expect(auth(created.token)).toBeDefined()
    await mock.clock.advance(1)
    expect(auth(created.token)).toBeUndefined()
    expect(auth(rotated.body.token)).toBeDefined()
    expect((await call(`${base}/${created.id}`)).body.previousTokenExpiresAt).toBeNull()
  })

  it('"rotate and expire now" ends the old token at once', async () => {
    const created = await create()
    const rotated = await call(`${base}/${created.id}/rotate`, jsonPost({ expireNow: true }))
    expect(auth(created.token)).toBeUndefined()
    expect(auth(rotated.body.token)).toBeDefined()
  })

  it('a second rotation ends the first grace window: only two tokens ever live', async () => {
    const created = await create()
    const second = await call(`${base}/${created.id}/rotate`, jsonPost({}))
    const third = await call(`${base}/${created.id}/rotate`, jsonPost({}))
    expect(auth(created.token)).toBeUndefined()
    expect(auth(second.body.token)).toBeDefined()
    expect(auth(third.body.token)).toBeDefined()
  })

  it('deleting stops every token of the integration', async () => {
    const created = await create()
    const rotated = await call(`${base}/${created.id}/rotate`, jsonPost({}))
    expect((await call(`${base}/${created.id}`, { method: 'DELETE' })).status).toBe(200)
    expect(auth(created.token)).toBeUndefined()
    expect(auth(rotated.body.token)).toBeUndefined()
    expect((await call(`${base}/${created.id}`)).status).toBe(404)
    expect((await call(`${base}/${created.id}/rotate`, jsonPost({}))).status).toBe(404)
  })
})

describe('through the gateway', () => {
  const contacts = (token: string, location = locationId) =>
    mock.app.request(`/contacts/?locationId=${location}`, { headers: { authorization: `Bearer ${token}`, version: '2021-07-28' } })
  const message = async (res: Response) => ((await res.json()) as { message?: unknown }).message

  it('passes the same checks as OAuth tokens: scope, location access, revocation, grace window', async () => {
    const created = await create({ locationId, name: 'Reader', scopes: ['contacts.readonly'] })
    expect((await contacts(created.token)).status).toBe(200)
    expect((await contacts(created.token, mock.world().locations[1]!.id)).status).toBe(403)
    const opportunities = await mock.app.request(`/opportunities/search?location_id=${locationId}`, { headers: { authorization: `Bearer ${created.token}`, version: '2021-07-28' } })
    expect(await message(opportunities)).toBe('The token is not authorized for this scope.')
    await call(`${base}/${created.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scopes: ['opportunities.readonly'] }) })
    expect(await message(await contacts(created.token))).toBe('The token is not authorized for this scope.')
    await call(`${base}/${created.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scopes: ['contacts.readonly'] }) })
    const rotated = await call(`${base}/${created.id}/rotate`, jsonPost({}))
    expect((await contacts(created.token)).status).toBe(200)
    await mock.clock.advance(7 * DAY)
    expect(await message(await contacts(created.token))).toBe('Invalid JWT')
    expect((await contacts(rotated.body.token)).status).toBe(200)
    await call(`${base}/${created.id}`, { method: 'DELETE' })
    expect(await message(await contacts(rotated.body.token))).toBe('Invalid JWT')
  })
})
