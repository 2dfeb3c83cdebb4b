import { describe, expect, it } from 'vitest'
import { operations } from '../generated/index.js'
import { buildOperationTable, findOperation, operationTable } from './operation-table.js'
import type { OperationKey } from '../generated/index.js'

const none = { scopes: [], body: [], public: [] }

describe('operationTable', () => {
  it('keeps every generated operation, in routing order', () => {
    expect(operationTable.map((op) => op.key)).toEqual(operations.map((op) => op.key))
  })

  it('takes scopes and token kinds from the spec', () => {
    const op = findOperation('get-contact')
    expect(op).toMatchObject({ requiredScopes: ['contacts.readonly'], schemes: ['bearer'], requiresAuth: true, requiresVersion: true })
    expect(op?.overrideReasons).toEqual([])
  })

  it('lists each token kind once when the spec offers alternatives', () => {
    expect(findOperation('get-invoice')).toMatchObject({
      schemes: ['Location-Access', 'Agency-Access'],
      requiredScopes: ['invoices.readonly'],
    })
  })

  it('fills a missing scope from an override and says why', () => {
    const op = findOperation('get-tag-by-id')
    expect(op?.requiredScopes).toEqual(['locations/tags.readonly'])
    expect(op?.overrideReasons[0]).toContain('Scopes table')
  })

  it('lets POST /oauth/token through without Version or token', () => {
    expect(findOperation('get-access-token')).toMatchObject({ requiresAuth: false, requiresVersion: false, requiredScopes: [] })
    expect(operationTable.filter((op) => !op.requiresAuth).map((op) => op.key)).toEqual(['get-access-token'])
  })

  it('does not demand a Version header where the spec declares none', () => {
    const store = operationTable.filter((op) => op.module === 'store')
    expect(store.length).toBeGreaterThan(0)
    expect(store.every((op) => !op.requiresVersion)).toBe(true)
  })

  it('relaxes the body fields real clients leave out', () => {
    expect(findOperation('send-a-new-message')?.optionalBodyFields).toEqual(['subType', 'status'])
    expect(findOperation('create-contact')?.optionalBodyFields).toEqual([])
  })

  it('returns undefined for an unknown key', () => {
    expect(findOperation('no-such-operation')).toBeUndefined()
  })

  it('refuses an override that names no operation', () => {
    const typo = { ...none, public: [{ key: 'get-acess-token' as OperationKey, reason: 'typo' }] }
    expect(() => buildOperationTable(operations, typo)).toThrow(/get-acess-token/)
  })

  it('applies nothing when given no overrides', () => {
    const bare = buildOperationTable(operations, none)
    expect(bare.find((op) => op.key === 'get-tag-by-id')?.requiredScopes).toEqual([])
    expect(bare.every((op) => op.requiresAuth)).toBe(true)
  })
})
