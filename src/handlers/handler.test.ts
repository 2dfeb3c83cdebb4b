// The seam's promises, checked by `npm run typecheck` (each @ts-expect-error must stay an error)
// and at run time (every registered key routes to an operation of the table).
import { describe, expect, it } from 'vitest'
import { operationTable } from '../spec/operation-table.js'
import type { BodyOf, HandlerSet, SuccessBody } from './handler.js'
import { handlerFor, handlers } from './index.js'

describe('handler seam', () => {
  it('types handlers by operation key: a misspelt key, body field or answer field fails the typecheck', () => {
    const answer = (c: { json(body: unknown): Response }) => c.json({})
    const good: HandlerSet = { 'get-contact': answer }
    // @ts-expect-error 'get-contcat' is not an operation key
    const typo: HandlerSet = { 'get-contcat': answer }
    const body: BodyOf<'create-custom-menu'> = { title: 'Reports' }
    // @ts-expect-error 'titel' is not a field of CreateCustomMenuDTO
    const misspeltField = body.titel
    // @ts-expect-error 'totalLink' is not a field of GetCustomMenusResponseDTO
    const misspeltAnswer: SuccessBody<'get-custom-menus'> = { customMenus: [], totalLink: 1 }
    expect([good, typo, misspeltField, misspeltAnswer]).toHaveLength(4)
  })

  it('registers only keys of the operation table', () => {
    const keys = new Set(operationTable.map((op) => op.key))
    expect(Object.keys(handlers).filter((key) => !keys.has(key))).toEqual([])
    expect(handlerFor('create-custom-menu')).toBeTypeOf('function')
    expect(handlerFor('no-such-operation')).toBeUndefined()
  })
})
