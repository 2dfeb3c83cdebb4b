import { describe, expect, it } from 'vitest'
import { operationTable } from '../spec/operation-table.js'
import { routePaths } from './routes.js'

describe('routePaths', () => {
  it('adds the slash-less twin of a collection root', () => {
    expect(routePaths('/contacts/', new Set(['/contacts/']))).toEqual(['/contacts/', '/contacts'])
    expect(routePaths('/contacts/:contactId', new Set())).toEqual(['/contacts/:contactId'])
    expect(routePaths('/', new Set(['/']))).toEqual(['/'])
  })

  it('never adds a twin the spec defines itself', () => {
    expect(routePaths('/things/', new Set(['/things/', '/things']))).toEqual(['/things/'])
  })

  it('gives every operation of the table a distinct route per method', () => {
    const seen = new Set<string>()
    for (const op of operationTable) {
      const paths = new Set(operationTable.filter((o) => o.method === op.method).map((o) => o.honoPath))
      for (const path of routePaths(op.honoPath, paths)) {
        const id = `${op.method} ${path}`
        expect(seen.has(id), id).toBe(false)
        seen.add(id)
      }
    }
  })
})
