import { describe, expect, it } from 'vitest'
import { openDatabase } from './db.js'
import { createRepos } from './repos.js'
import type { TokenRow } from './tokens.js'

const row = (over: Partial<TokenRow> = {}): TokenRow => ({
  id: 't1',
  tokenHash: 'h1',
  kind: 'pit',
  appId: null,
  clientId: null,
  authClass: 'Location',
  companyId: 'C1',
  locationId: 'L1',
  userId: null,
  scopes: ['contacts.readonly'],
  installId: 'i1',
  source: 'private_integration',
  parentId: 'p1',
  createdAt: 1,
  expiresAt: null,
  revokedAt: null,
  ...over,
})

describe('token repository cache', () => {
  it('serves repeated reads from memory but sees every write at once', () => {
    const repos = createRepos(openDatabase(':memory:'))
    repos.tokens.insert(row())
    const first = repos.tokens.getByHash('h1')!
    expect(repos.tokens.getByHash('h1')).toBe(first) // the same object: no second query
    expect(Object.isFrozen(first) && Object.isFrozen(first.scopes)).toBe(true)

    repos.tokens.setScopes('t1', ['contacts.write'])
    expect(repos.tokens.getByHash('h1')?.scopes).toEqual(['contacts.write'])
    repos.tokens.setExpiry('t1', 50)
    expect(repos.tokens.getByHash('h1')?.expiresAt).toBe(50)
    repos.tokens.revokeByParent('p1', 60)
    expect(repos.tokens.getByHash('h1')?.revokedAt).toBe(60)
  })

  it('sees revocations by install and by id, and forgets everything on wipe', () => {
    const repos = createRepos(openDatabase(':memory:'))
    repos.tokens.insert(row())
    repos.tokens.insert(row({ id: 't2', tokenHash: 'h2', installId: null }))
    repos.tokens.getByHash('h1')
    repos.tokens.getByHash('h2')
    expect(repos.tokens.revokeByInstall('i1', 7)).toBe(1)
    expect(repos.tokens.getByHash('h1')?.revokedAt).toBe(7)
    repos.tokens.revoke('t2', 8)
    expect(repos.tokens.getByHash('h2')?.revokedAt).toBe(8)
    repos.wipe()
    expect(repos.tokens.getByHash('h1')).toBeUndefined()
  })

  it('does not remember a row read inside a transaction that rolls back', () => {
    const repos = createRepos(openDatabase(':memory:'))
    expect(() =>
      repos.transaction(() => {
        repos.tokens.insert(row())
        expect(repos.tokens.getByHash('h1')?.id).toBe('t1')
        throw new Error('roll back')
      }),
    ).toThrow('roll back')
    expect(repos.tokens.getByHash('h1')).toBeUndefined()
  })
})
