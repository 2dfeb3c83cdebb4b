import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectConformsToSpec } from '../../../test/support/spec-conformance.js'
import { createServer, type GhlMock } from '../../server.js'
import { authHeaders, mintToken } from '../../testing.js'

let mock: GhlMock
let agency: string
let otherAgency: string
let locations: string[]
let companies: string[]
beforeAll(async () => {
  mock = await createServer({ world: 'small', clock: 'manual', listen: false, logLevel: 'error', fixtures: { agencies: [{ locations: 2 }, { locations: 1 }] } })
  const world = mock.world()
  // The agency with two sub-accounts first, the one with a single sub-account second.
  const count = (id: string) => world.locations.filter((l) => l.companyId === id).length
  companies = [...new Set(world.locations.map((l) => l.companyId))].sort((a, b) => count(b) - count(a))
  agency = await mintToken(mock, { companyId: companies[0]! })
  otherAgency = await mintToken(mock, { companyId: companies[1]! })
  locations = world.locations.filter((l) => l.companyId === companies[0]).map((l) => l.id)
})
afterAll(() => mock.close())

function call(method: string, path: string, body?: unknown, token = agency): Promise<Response> {
  const headers: Record<string, string> = { ...authHeaders(token), 'Content-Type': 'application/json' }
  return Promise.resolve(mock.app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }))
}

const link = (over: Record<string, unknown> = {}) => ({
  title: 'Booking Reports', url: 'https://reports.example.com/', icon: { name: 'calendar', fontFamily: 'fas' },
  showOnCompany: true, showOnLocation: true, showToAllLocations: false, locations: [], openMode: 'iframe', userRole: 'all', ...over,
})

const list = async (qs = '', token = agency) => expectConformsToSpec('get-custom-menus', await call('GET', `/custom-menus/?${qs}`, undefined, token))

describe('custom menu links', () => {
  it('lists the seeded links of the caller agency only', async () => {
    const seeded = await list()
    expect(seeded.totalLinks).toBe(2)
    expect(seeded.customMenus.map((m: { title: string }) => m.title)).toEqual(['Client Portal', 'Agency Reports'])
    const foreign = await list('', otherAgency)
    expect(foreign.customMenus.map((m: { id: string }) => m.id)).not.toContain(seeded.customMenus[0].id)
  })

  it('creates, reads, filters, updates and deletes a link', async () => {
    const created = (await expectConformsToSpec('create-custom-menu', await call('POST', '/custom-menus/', link({ locations: [locations[1]] })))).customMenu
    expect(created).toMatchObject({ id: expect.stringMatching(/^[A-Za-z0-9]{20}$/), title: 'Booking Reports', locations: [locations[1]], order: 3 })
    expect((await expectConformsToSpec('get-custom-menu-by-id', await call('GET', `/custom-menus/${created.id}`))).customMenu).toEqual(created)

    const titles = async (qs: string) => (await list(qs)).customMenus.map((m: { title: string }) => m.title)
    expect(await titles(`locationId=${locations[1]}`)).toEqual(['Client Portal', 'Booking Reports'])
    expect(await titles(`locationId=${locations[0]}`)).toEqual(['Client Portal'])
    expect(await titles('showOnCompany=true')).toEqual(['Agency Reports', 'Booking Reports'])
    expect(await titles('query=booking')).toEqual(['Booking Reports'])
    expect((await list('skip=1&limit=1')).customMenus).toHaveLength(1)

    const updated = await expectConformsToSpec('update-custom-menu', await call('PUT', `/custom-menus/${created.id}`, { title: 'Bookings', openMode: 'new_tab' }))
    expect(updated).toEqual({ success: true, customMenu: { ...created, title: 'Bookings', openMode: 'new_tab' } })

    await mock.clock.advance(1_000)
    const deleted = await expectConformsToSpec('delete-custom-menu', await call('DELETE', `/custom-menus/${created.id}`))
    expect(deleted).toEqual({ success: true, message: 'Custom menu link deleted successfully', deletedMenuId: created.id, deletedAt: new Date(mock.clock.now()).toISOString() })
    expect((await call('GET', `/custom-menus/${created.id}`)).status).toBe(404)
  })

  it('answers another agency\'s link exactly like an unknown one', async () => {
    const created = (await (await call('POST', '/custom-menus/', link())).json()).customMenu
    for (const id of [created.id, 'A'.repeat(20)]) {
      const res = await call('PUT', `/custom-menus/${id}`, { title: 'x' }, otherAgency)
      expect(res.status).toBe(404)
      expect(await res.json()).toMatchObject({ statusCode: 404, message: 'Custom menu link not found' })
    }
    expect((await call('GET', `/custom-menus/${created.id}`)).status).toBe(200)
  })

  it('refuses bad input with every problem named and stores nothing', async () => {
    const before = (await list()).totalLinks
    const res = await call('POST', '/custom-menus/', { title: '', url: 'not a url', icon: { name: 'x', fontFamily: 'emoji' }, openMode: 'popup' })
    expect(res.status).toBe(422)
    const { message } = await res.json()
    expect(message).toEqual(expect.arrayContaining([
      'title should not be empty', 'url must be a URL address', 'icon.fontFamily must be one of the following values: fab, fas, far',
      'showOnCompany must be a boolean value', 'openMode must be one of the following values: iframe, new_tab, current_tab',
      'userRole should not be empty', 'locations should not be empty',
    ]))
    const foreign = await call('POST', '/custom-menus/', link({ locations: ['B'.repeat(20)] }))
    expect(foreign.status).toBe(422)
    expect((await call('POST', '/custom-menus/', '[1,2]')).status).toBe(422)
    expect((await list()).totalLinks).toBe(before)
  })

  it('needs an agency token with the custom-menu-link scopes', async () => {
    const location = await mintToken(mock, { locationId: locations[0]! })
    expect((await call('GET', '/custom-menus/', undefined, location)).status).toBe(401)
    const readOnly = await mintToken(mock, { companyId: companies[0]!, scopes: ['custom-menu-link.readonly'] })
    expect((await call('GET', '/custom-menus/', undefined, readOnly)).status).toBe(200)
    expect((await call('POST', '/custom-menus/', link(), readOnly)).status).toBe(401)
  })
})
