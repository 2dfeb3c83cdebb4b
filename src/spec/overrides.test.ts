import { describe, expect, it } from 'vitest'
import { loadSchemas, operations, type OperationKey } from '../generated/index.js'
import { auditOverrides, overrides, requiredBodyFields, type Overrides } from './overrides.js'

const schemas = await loadSchemas()
const none: Overrides = { scopes: [], body: [], public: [] }
const op = (key: string) => operations.find((o) => o.key === key)

describe('overrides', () => {
  it('agree with the spec: no unknown key, no contradiction, no repetition', () => {
    expect(auditOverrides(operations, schemas)).toEqual([])
  })

  it('name, in each scope reason, the route of the operation they patch', () => {
    for (const o of overrides.scopes) {
      const target = op(o.key)
      expect(o.reason, o.key).toContain(`${target?.method.toUpperCase()} ${target?.honoPath}`)
    }
  })

  it('give a reason for every entry', () => {
    const all = [...overrides.scopes, ...overrides.body, ...overrides.public]
    expect(all.filter((o) => o.reason.trim().length < 20)).toEqual([])
  })
})

describe('auditOverrides', () => {
  it('flags an override that contradicts a scope the spec lists', () => {
    const given = { ...none, scopes: [{ key: 'get-contact' as const, scopes: ['contacts.write'], reason: 'x' }] }
    expect(auditOverrides(operations, schemas, given)).toEqual([
      'get-contact: scope override (contacts.write) contradicts the spec (contacts.readonly)',
    ])
  })

  it('flags an override that merely repeats the spec', () => {
    const given = { ...none, scopes: [{ key: 'get-contact' as const, scopes: ['contacts.readonly'], reason: 'x' }] }
    expect(auditOverrides(operations, schemas, given)).toEqual([
      'get-contact: scope override repeats the spec (contacts.readonly); remove it',
    ])
  })

  it('flags an override naming no operation', () => {
    const given = { ...none, body: [{ key: 'send-a-message' as OperationKey, optional: ['status'], reason: 'x' }] }
    expect(auditOverrides(operations, schemas, given)).toEqual(['send-a-message: no such operation'])
  })

  it('flags a body field the spec does not require', () => {
    const given = { ...none, body: [{ key: 'send-a-new-message' as const, optional: ['message'], reason: 'x' }] }
    expect(auditOverrides(operations, schemas, given)).toEqual([
      'send-a-new-message: body field message is not required by the spec; remove it',
    ])
  })

  it('flags a public override on an operation the spec secures', () => {
    const given = { ...none, public: [{ key: 'get-location-access-token' as const, reason: 'x' }] }
    expect(auditOverrides(operations, schemas, given)).toEqual([
      'get-location-access-token: marked public but the spec secures it (Agency-Access-Only)',
    ])
  })

  it('flags the same key listed twice', () => {
    const entry = { key: 'get-tag-by-id' as const, scopes: ['locations/tags.readonly'], reason: 'x' }
    expect(auditOverrides(operations, schemas, { ...none, scopes: [entry, entry] })).toEqual([
      'get-tag-by-id: listed twice in scopes overrides',
    ])
  })
})

describe('requiredBodyFields', () => {
  it('follows the body $ref into the schema table', () => {
    const send = op('send-a-new-message')
    expect(send && requiredBodyFields(send, schemas)).toEqual(['type', 'subType', 'contactId', 'status'])
  })
})
