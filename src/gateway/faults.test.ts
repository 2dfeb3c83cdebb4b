import { describe, expect, it } from 'vitest'
import { compileMatch, FaultBook } from './faults.js'

describe('compileMatch', () => {
  it('matches an operation by key or operationId', () => {
    const test = compileMatch('get-contact')
    expect(test('GET', '/contacts/abc', 'get-contact', 'get-contact')).toBe(true)
    expect(test('GET', '/contacts/abc', 'contacts.get-contact', 'get-contact')).toBe(true)
    expect(test('GET', '/contacts/abc', 'get-contacts', 'get-contacts')).toBe(false)
  })

  it('matches paths with * spanning any characters, and an optional method', () => {
    const any = compileMatch('/contacts/*')
    expect(any('GET', '/contacts/abc', 'k', 'k')).toBe(true)
    expect(any('DELETE', '/contacts/abc/notes/1', 'k', 'k')).toBe(true)
    expect(any('GET', '/contacts', 'k', 'k')).toBe(false)
    const post = compileMatch('POST /contacts/*')
    expect(post('POST', '/contacts/upsert', 'k', 'k')).toBe(true)
    expect(post('GET', '/contacts/upsert', 'k', 'k')).toBe(false)
    expect(compileMatch('/contacts/search.json')('GET', '/contacts/searchXjson', 'k', 'k')).toBe(false)
  })
})

describe('FaultBook', () => {
  it('uses the oldest matching rule first and drops it when used up', () => {
    const book = new FaultBook()
    const first = book.add({ match: '/a/*', status: 500, times: 2 })
    book.add({ match: '/a/*', status: 503 })
    expect(book.take('GET', '/a/1', 'k', 'k')).toMatchObject({ faultId: first.id, status: 500 })
    expect(book.list()[0]).toMatchObject({ remaining: 1, hits: 1 })
    expect(book.take('GET', '/a/1', 'k', 'k')?.status).toBe(500)
    expect(book.take('GET', '/a/1', 'k', 'k')?.status).toBe(503)
    expect(book.take('GET', '/a/1', 'k', 'k')).toBeUndefined()
    expect(book.empty).toBe(true)
  })

  it('removes one rule by id or all of them', () => {
    const book = new FaultBook()
    const a = book.add({ match: 'x', status: 500 })
    book.add({ match: 'y', status: 500 })
    expect(book.remove(a.id)).toBe(true)
    expect(book.remove(a.id)).toBe(false)
    book.clear()
    expect(book.list()).toEqual([])
  })
})
