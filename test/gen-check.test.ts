// Cross-cutting: src/generated/ must match what scripts/gen.ts produces from specs/highlevel/, and the
// compiled table must hold the properties routing and auth rely on.
import { describe, expect, it } from 'vitest'
import { compareWithDisk, generate } from '../scripts/gen-core.js'
import { operations } from '../src/generated/index.js'
import { findOperation } from '../src/spec/operation-table.js'

describe('src/generated', () => {
  it('is fresh (run `npm run gen` when this fails)', async () => {
    expect(compareWithDisk(await generate())).toEqual({ changed: [], missing: [], extra: [] })
  }, 120_000)
})

describe('compiled operations', () => {
  const indexOf = (method: string, honoPath: string): number =>
    operations.findIndex((op) => op.method === method && op.honoPath === honoPath)

  it('has all 576 operations with unique keys', () => {
    expect(operations).toHaveLength(576)
    expect(new Set(operations.map((op) => op.key)).size).toBe(576)
  })

  it('registers static paths before the {param} paths that would swallow them', () => {
    expect(indexOf('get', '/calendars/groups')).toBeLessThan(indexOf('get', '/calendars/:calendarId'))
    expect(indexOf('get', '/conversations/search')).toBeLessThan(indexOf('get', '/conversations/:conversationId'))
    expect(indexOf('get', '/invoices/template')).toBeLessThan(indexOf('get', '/invoices/:invoiceId'))
  })

  it('never lets an earlier route shadow a later one that Hono would otherwise reach', () => {
    const shadowed: string[] = []
    operations.forEach((later, j) => {
      operations.slice(0, j).forEach((earlier) => {
        if (earlier.method === later.method && matches(earlier.honoPath, later.honoPath) && earlier.honoPath.includes(':')) {
          shadowed.push(`${later.method} ${later.honoPath} shadowed by ${earlier.honoPath}`)
        }
      })
    })
    expect(shadowed).toEqual([])
  })

  it('carries scopes and token kinds from the spec', () => {
    expect(findOperation('get-contact')).toMatchObject({ method: 'get', honoPath: '/contacts/:contactId', requiredScopes: ['contacts.readonly'] })
    expect(findOperation('get-location-access-token')).toMatchObject({ path: '/oauth/locationToken', schemes: ['Agency-Access-Only'] })
  })

  it('prefixes operationIds that several specs share with their module', () => {
    const keys = operations.filter((op) => op.operationId === 'list-invoices').map((op) => op.key).sort()
    expect(keys).toEqual(['invoices.list-invoices', 'products.list-invoices'])
  })
})

/** Whether a request for `path` (a route written out literally) would match `pattern`. */
function matches(pattern: string, path: string): boolean {
  const p = pattern.split('/')
  const s = path.split('/')
  return p.length === s.length && p.every((seg, i) => seg.startsWith(':') || seg === s[i])
}
