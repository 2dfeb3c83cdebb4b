import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectConformsToSpec } from '../../../test/support/spec-conformance.js'
import { startKit, type Kit } from '../../../test/support/location-kit.js'
import { webhookPayload } from '../../webhooks/dispatcher.js'

let kit: Kit
beforeEach(async () => {
  kit = await startKit()
})
afterEach(() => kit.mock.close())

const agency = () => kit.token({ companyId: kit.companyId })
type WireUser = { id: string; email: string; firstName: string; lastName: string; roles: { type: string; role: string; locationIds: string[] } }

async function search(qs: string, token = agency()): Promise<{ users: WireUser[]; count: number }> {
  return expectConformsToSpec('search-users', await kit.call('GET', `/users/search?companyId=${kit.companyId}&${qs}`, { token }))
}

function newUser(overrides: Record<string, unknown> = {}) {
  return {
    companyId: kit.companyId, firstName: 'Grace', lastName: 'Hopper', email: 'Grace@Navy.test', password: 'cobol-1959',
    phone: '+15550009999', type: 'account', role: 'user', locationIds: [kit.locations[0]!.id],
    permissions: { websitesEnabled: true, contactsEnabled: false }, scopes: ['contacts.write', 'campaigns.readonly'],
    ...overrides,
  }
}

describe('users', () => {
  it('creates (201, UserCreate), reads, updates and soft-deletes a user', async () => {
    const locationId = kit.locations[0]!.id
    const created = await expectConformsToSpec('create-user', await kit.call('POST', '/users/', { token: agency(), body: newUser() }), {
      // The spec types `scopes` as one scope name; a user holding several has them space-separated.
      ignore: ['/scopes'],
    })
    expect(created).toMatchObject({
      name: 'Grace Hopper', email: 'grace@navy.test', phone: '+15550009999', scopes: 'contacts.write campaigns.readonly',
      roles: { type: 'account', role: 'user', locationIds: [locationId], restrictSubAccount: false },
      permissions: { websitesEnabled: true, contactsEnabled: false, campaignsEnabled: true },
    })
    expect(created).not.toHaveProperty('password')
    const event = kit.mock.runtime.repos.events.list(10).find((e) => e.type === 'UserCreate')!
    expect(event.locationId).toBe(locationId)
    // What an app receives: the documented UserCreate fields.
    expect(webhookPayload(event, kit.mock.runtime.repos.apps.list()[0]!, 'webhook-id')).toMatchObject({
      type: 'UserCreate', locationId, id: created.id, firstName: 'Grace', lastName: 'Hopper',
      email: 'grace@navy.test', phone: '+15550009999', extension: '', role: 'user', permissions: created.permissions, locations: [locationId],
    })

    // GET answers the bare user; the sub-account's own token sees it too.
    const fetched = await expectConformsToSpec('get-user', await kit.call('GET', `/users/${created.id}`), { ignore: ['/scopes'] })
    expect(fetched).toEqual(created)

    const updated = await expectConformsToSpec('update-user', await kit.call('PUT', `/users/${created.id}`, {
      token: agency(), body: { lastName: 'Murray Hopper', role: 'admin', locationIds: [kit.locations[1]!.id], permissions: { contactsEnabled: true }, scopes: [] },
    }))
    expect(updated).toMatchObject({ name: 'Grace Murray Hopper', roles: { role: 'admin', locationIds: [kit.locations[1]!.id] }, permissions: { contactsEnabled: true, websitesEnabled: true } })
    expect(updated).not.toHaveProperty('scopes')
    // Moved away: the first sub-account's token no longer sees the user.
    expect((await kit.call('GET', `/users/${created.id}`)).status).toBe(400)

    const deleted = await expectConformsToSpec('delete-user', await kit.call('DELETE', `/users/${created.id}`, { token: agency() }))
    expect(deleted).toEqual({ succeded: true, message: 'Queued deleting user with e-mail grace@navy.test and name Grace Murray Hopper. Will take effect in a few minutes.' })
    const gone = await kit.call('GET', `/users/${created.id}`, { token: agency() })
    expect(gone.status).toBe(400)
    expect((await gone.json()).message).toBe('User not found')
    expect((await search('query=hopper')).count).toBe(0)
    const asDeleted = await expectConformsToSpec('filter-users-by-email', await kit.call('POST', '/users/search/filter-by-email', {
      token: agency(), body: { companyId: kit.companyId, emails: 'grace@navy.test', deleted: true },
    }))
    expect(asDeleted).toEqual({ users: [{ id: created.id, email: 'grace@navy.test' }], count: 1 })
  })

  it('searches by text, type, role, ids and location, sorted and paged', async () => {
    const all = await search('limit=100')
    expect(all.count).toBe(kit.users.length)
    // Default order: first name, then last name.
    const names = all.users.map((u) => `${u.firstName} ${u.lastName}`.toLowerCase())
    expect(names).toEqual([...names].sort())
    const admin = kit.users.find((u) => u.roles.type === 'agency')!
    expect((await search('type=agency')).users.map((u) => u.id)).toEqual([admin.id])
    expect((await search(`query=${encodeURIComponent(admin.lastName.toUpperCase())}`)).users.map((u) => u.id)).toContain(admin.id)
    expect((await search(`query=${encodeURIComponent(admin.phone.slice(2, 8))}`)).users.map((u) => u.id)).toContain(admin.id)
    const [a] = kit.locations
    const inA = await search(`locationId=${a!.id}`)
    expect(inA.users.every((u) => u.roles.locationIds.includes(a!.id))).toBe(true)
    expect(inA.count).toBe(3) // the agency admin and two users of the sub-account
    expect((await search(`locationId=${a!.id}&role=admin&type=account`)).count).toBe(1)
    const two = all.users.slice(0, 2).map((u) => u.id)
    expect((await search(`ids=${two.join(',')}`)).users.map((u) => u.id)).toEqual(two)

    const byEmailDesc = await search('sort=email&sortDirection=desc&limit=3')
    expect(byEmailDesc.users.map((u) => u.email)).toEqual(all.users.map((u) => u.email).sort().reverse().slice(0, 3))
    expect(byEmailDesc.count).toBe(all.count)
    const pages = [...(await search('sort=dateAdded&limit=3')).users, ...(await search('sort=dateAdded&limit=3&skip=3')).users, ...(await search('sort=dateAdded&limit=3&skip=6')).users]
    expect(new Set(pages.map((u) => u.id)).size).toBe(all.count)
    expect((await search('skip=100')).users).toEqual([])
  })

  it("keeps a sub-account token to its own sub-account's users", async () => {
    const [a, b] = kit.locations
    const tokenA = kit.token({ locationId: a!.id })
    const mine = await search('limit=100', tokenA)
    expect(mine.count).toBe(3)
    expect(mine.users.every((u) => u.roles.locationIds.includes(a!.id))).toBe(true)
    expect((await kit.call('GET', `/users/search?companyId=${kit.companyId}&locationId=${b!.id}`, { token: tokenA })).status).toBe(403)
    const userOfB = kit.users.find((u) => u.roles.type === 'account' && u.roles.locationIds[0] === b!.id)!
    for (const [method, body] of [['GET', undefined], ['PUT', { firstName: 'X' }], ['DELETE', undefined]] as const) {
      const res = await kit.call(method, `/users/${userOfB.id}`, { token: tokenA, body })
      expect(res.status).toBe(400)
      expect((await res.json()).message).toBe('User not found')
    }
    expect(kit.mock.runtime.repos.users.get(userOfB.id)!.firstName).toBe(userOfB.firstName)
    // Not for agency users either, nor agency-wide placement.
    const admin = kit.users.find((u) => u.roles.type === 'agency')!
    expect((await kit.call('DELETE', `/users/${admin.id}`, { token: tokenA })).status).toBe(403)
    expect((await kit.call('POST', '/users/', { token: tokenA, body: newUser({ locationIds: [a!.id, b!.id] }) })).status).toBe(403)
    // Its own sub-account works, and the deprecated list shows the result.
    const created = await expectConformsToSpec('create-user', await kit.call('POST', '/users/', { token: tokenA, body: newUser({ scopes: undefined }) }))
    const listed = await expectConformsToSpec('get-user-by-location', await kit.call('GET', `/users/?locationId=${a!.id}`, { token: tokenA }))
    expect(listed.users.map((u: WireUser) => u.id)).toContain(created.id)
  })

  it('names every bad field, rejects a taken email and foreign sub-accounts', async () => {
    const bad = await kit.call('POST', '/users/', { token: agency(), body: { companyId: kit.companyId, email: 'nope', type: 'boss', role: 'user', locationIds: 'x', permissions: { contactsEnabled: 'yes' } } })
    expect(bad.status).toBe(422)
    expect((await bad.json()).message).toEqual([
      'firstName should not be empty',
      'lastName should not be empty',
      'email must be an email',
      'password should not be empty',
      'type must be one of the following values: agency, account',
      'each value in locationIds must be a string',
      'permissions.contactsEnabled must be a boolean value',
    ])
    const taken = await kit.call('POST', '/users/', { token: agency(), body: newUser({ email: kit.users[1]!.email.toUpperCase() }) })
    expect(taken.status).toBe(400)
    expect((await taken.json()).message).toBe('User with this email already exists')
    const foreign = await kit.call('POST', '/users/', { token: agency(), body: newUser({ locationIds: ['notOurs12345678901234'] }) })
    expect(foreign.status).toBe(400)
    const otherCompany = await kit.call('POST', '/users/', { token: agency(), body: newUser({ companyId: 'otherCompany12345678' }) })
    expect(otherCompany.status).toBe(403)
    const noCompany = await kit.call('GET', '/users/search', { token: agency() })
    expect(noCompany.status).toBe(422)
    expect((await noCompany.json()).message).toEqual(['companyId should not be empty'])
  })

  it('filters by email with projections', async () => {
    const [one, two] = kit.users
    const body = { companyId: kit.companyId, emails: `${one!.email.toUpperCase()}, ${two!.email},nobody@x.test` }
    const ids = await expectConformsToSpec('filter-users-by-email', await kit.call('POST', '/users/search/filter-by-email', { token: agency(), body }))
    expect(ids).toEqual({ users: [{ id: one!.id, email: one!.email }, { id: two!.id, email: two!.email }], count: 2 })
    const some = await expectConformsToSpec('filter-users-by-email', await kit.call('POST', '/users/search/filter-by-email', { token: agency(), body: { ...body, projection: 'firstName,roles', limit: '1', skip: '1' } }))
    expect(some).toEqual({ users: [{ id: two!.id, firstName: two!.firstName, roles: two!.roles }], count: 2 })
    const all = await expectConformsToSpec('filter-users-by-email', await kit.call('POST', '/users/search/filter-by-email', { token: agency(), body: { ...body, projection: 'all' } }))
    expect(all.users[0]).toMatchObject({ id: one!.id, name: one!.name, permissions: one!.permissions })
  })
})
