import { describe, expect, it } from 'vitest'
import { addressedNoun, echoRequestIds } from './echo.js'

describe('addressedNoun', () => {
  it('names the resource a path parameter addresses', () => {
    expect(addressedNoun('/contacts/:contactId', 'contactId')).toBe('contact')
    expect(addressedNoun('/contacts/:contactId/notes/:id', 'id')).toBe('note')
    expect(addressedNoun('/opportunities/:id', 'id')).toBe('opportunity')
  })
})

describe('echoRequestIds', () => {
  it('puts path ids and the caller tenant into matching fields, and the addressed id into id', () => {
    const body = {
      id: 'gen',
      note: { id: 'gen', contactId: 'gen', locationId: 'gen', nested: { contactId: 'gen' } },
      items: [{ contactId: 'gen' }],
      other: { id: 'keep' },
      count: 3,
    }
    echoRequestIds(body, {
      params: { contactId: 'C1', id: 'N1' },
      addressed: { value: 'N1', noun: 'note' },
      locationId: 'L1',
      companyId: null,
    })
    expect(body).toEqual({
      id: 'N1',
      note: { id: 'N1', contactId: 'C1', locationId: 'L1', nested: { contactId: 'C1' } },
      items: [{ contactId: 'C1' }],
      other: { id: 'keep' },
      count: 3,
    })
  })

  it('leaves non-string values and deep fields alone', () => {
    const body = { a: { b: { c: { d: { contactId: 'deep' } } } }, contactId: 7 }
    echoRequestIds(body, { params: { contactId: 'C1' }, locationId: null, companyId: null })
    expect(body).toEqual({ a: { b: { c: { d: { contactId: 'deep' } } } }, contactId: 7 })
  })
})
