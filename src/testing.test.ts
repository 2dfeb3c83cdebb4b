import { afterEach, describe, expect, it } from 'vitest'
import { createServer, type GhlMock } from './server.js'
import { apiRequest, authHeaders, mintToken, mintTokenAnswer } from './testing.js'

let mock: GhlMock | undefined
afterEach(() => mock?.close())

describe('ghl-mock/testing', () => {
  it('mints a token the API accepts, in-process', async () => {
    mock = await createServer({ world: 'small', clock: 'manual', listen: false, logLevel: 'error' })
    const locationId = mock.world().locations[0]!.id
    const token = await mintToken(mock, { locationId, scopes: ['contacts.readonly'] })
    const res = await mock.app.request(`/contacts/?locationId=${locationId}`, { headers: authHeaders(token) })
    expect(res.status).toBe(200)
  })

  it('builds the auth headers with a default or given Version', () => {
    expect(authHeaders('t')).toEqual({ Authorization: 'Bearer t', Version: '2021-07-28' })
    expect(authHeaders('t', '2021-04-15').Version).toBe('2021-04-15')
  })

  it('sends the admin token when the instance has one', async () => {
    mock = await createServer({ world: 'small', clock: 'manual', listen: false, logLevel: 'error', adminToken: 'sekret-admin' })
    const companyId = mock.world().companies[0]!.id
    const answer = await mintTokenAnswer(mock, { companyId, type: 'pit', scopes: 'locations.readonly' })
    expect(answer).toMatchObject({ userType: 'Company', type: 'pit', scope: 'locations.readonly' })
  })

  it('throws with the control plane answer when minting fails', async () => {
    mock = await createServer({ world: 'small', clock: 'manual', listen: false, logLevel: 'error' })
    await expect(mintToken(mock, { locationId: 'nope' })).rejects.toThrow(/404.*Location not found: nope/)
  })

  it('calls the API with a token, a Version (or none) and a JSON body', async () => {
    mock = await createServer({ world: 'small', clock: 'manual', listen: false, logLevel: 'error' })
    const locationId = mock.world().locations[0]!.id
    const token = await mintToken(mock, { locationId, scopes: ['contacts.write'] })
    expect((await apiRequest(mock, 'POST', '/contacts/', { token, body: { locationId } })).status).toBe(201)
    expect((await apiRequest(mock, 'POST', '/contacts/', { token, version: null, body: { locationId } })).status).toBe(401)
  })
})
