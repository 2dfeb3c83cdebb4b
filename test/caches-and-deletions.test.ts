// What the gateway remembers in memory follows the database (issue #11, defects 7 and 1): a deleted
// location answers like one that never existed, and a token another instance on the same file
// deleted stops working here at once.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createServer, type GhlMock } from '../src/server.js'
import { apiRequest, mintToken } from '../src/testing.js'

const open: GhlMock[] = []
afterEach(async () => {
  for (const mock of open.splice(0)) await mock.close()
})

async function start(db = ':memory:'): Promise<GhlMock> {
  const mock = await createServer({ db, world: 'small', clock: 'manual', listen: false, logLevel: 'silent' })
  open.push(mock)
  return mock
}

const scopes = ['custom-menu-link.readonly', 'locations.internal-access-only']

async function agencyToken(mock: GhlMock): Promise<{ token: string; locationId: string }> {
  const location = mock.world().locations[0]!
  return { token: await mintToken(mock, { companyId: location.companyId, scopes }), locationId: location.id }
}

const menus = (mock: GhlMock, token: string, locationId: string) =>
  apiRequest(mock, 'GET', `/custom-menus/?locationId=${locationId}`, { token })
const remove = (mock: GhlMock, token: string, locationId: string) =>
  apiRequest(mock, 'DELETE', `/locations/${locationId}?deleteTwilioAccount=false`, { token })

describe('a deleted location at the gateway', () => {
  it('answers 403 like an id that never existed, once deleted on this instance', async () => {
    const mock = await start()
    const { token, locationId } = await agencyToken(mock)
    expect((await menus(mock, token, locationId)).status).toBe(200) // remembered now
    const never = await menus(mock, token, 'NeverExisted00000000')
    expect(never.status).toBe(403)
    expect((await remove(mock, token, locationId)).status).toBe(200)
    const gone = await menus(mock, token, locationId)
    expect(gone.status).toBe(403)
    const { traceId: _a, ...goneBody } = (await gone.json()) as Record<string, unknown>
    const { traceId: _b, ...neverBody } = (await never.json()) as Record<string, unknown>
    expect(goneBody).toEqual(neverBody)
  })

  it('answers 403 once another instance on the same file deleted it', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'ghl-mock-deleted-')), 'shared.db')
    const first = await start(db)
    const second = await start(db)
    const { token, locationId } = await agencyToken(first)
    expect((await menus(first, token, locationId)).status).toBe(200)
    expect((await remove(second, token, locationId)).status).toBe(200)
    expect((await menus(first, token, locationId)).status).toBe(403)
  })

  it('a private integration token deleted by another instance on the file is refused here at once', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'ghl-mock-tokens-')), 'shared.db')
    const first = await start(db)
    const second = await start(db)
    const locationId = first.world().locations[0]!.id
    const created = await first.app.request('/_mock/private-integrations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ locationId, name: 'Shared', scopes: ['contacts.readonly'] }),
    })
    const { id, token } = (await created.json()) as { id: string; token: string }
    const contacts = () => apiRequest(first, 'GET', `/contacts/?locationId=${locationId}`, { token })
    expect((await contacts()).status).toBe(200) // remembered now
    expect((await second.app.request(`/_mock/private-integrations/${id}`, { method: 'DELETE' })).status).toBeLessThan(300)
    expect((await contacts()).status).toBe(401)
  })
})
