import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mintOAuthToken } from '../auth/access-tokens.js'
import { GhlError, messages } from '../errors.js'
import { createServer, type GhlMock } from '../server.js'
import { bearerToken, checkBearer } from './bearer.js'

let mock: GhlMock

beforeAll(async () => {
  mock = await createServer({ world: 'small', clock: 'manual', listen: false, logLevel: 'error' })
})
afterAll(() => mock.close())

const messageOf = (fn: () => unknown) => {
  try {
    fn()
    return null
  } catch (error) {
    return (error as GhlError).message
  }
}

describe('bearerToken', () => {
  it('reads the token of a Bearer header, scheme in any case', () => {
    expect(bearerToken('Bearer abc')).toBe('abc')
    expect(bearerToken('bearer  abc ')).toBe('abc')
    expect(bearerToken('Basic abc')).toBeUndefined()
    expect(bearerToken('Bearer')).toBeUndefined()
    expect(bearerToken('Bearer a b')).toBeUndefined()
  })
})

describe('checkBearer', () => {
  it('returns the live token row', () => {
    const location = mock.world().locations[0]!
    const app = mock.runtime.repos.apps.list()[0]!
    const { token, row } = mintOAuthToken(mock.runtime, { app, authClass: 'Location', companyId: location.companyId, locationId: location.id, scopes: [], source: 'test' })
    expect(checkBearer(mock.runtime, `Bearer ${token}`).id).toBe(row.id)
  })

  it('tells a missing header from an unusable token', () => {
    expect(messageOf(() => checkBearer(mock.runtime, undefined))).toBe(messages.authorizationMissing)
    expect(messageOf(() => checkBearer(mock.runtime, '  '))).toBe(messages.authorizationMissing)
    expect(messageOf(() => checkBearer(mock.runtime, 'Bearer eyJ.x.y'))).toBe(messages.invalidJwt)
    expect(messageOf(() => checkBearer(mock.runtime, 'Token abc'))).toBe(messages.invalidJwt)
    expect(messageOf(() => checkBearer(mock.runtime, 'Bearer pit-00000000-0000-0000-0000-000000000000'))).toBe(messages.invalidJwt)
  })
})
