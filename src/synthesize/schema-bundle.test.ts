import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import type { SchemaTable } from '../generated/index.js'
import { bundleSchema, resolveRef } from './schema-bundle.js'

const table: SchemaTable = {
  'm/Body': {
    type: 'object',
    additionalProperties: false,
    properties: {
      name: { type: 'string', nullable: true },
      kind: { type: 'string', enum: ['a', 'b', 'a'], nullable: true },
      country: { type: 'number', enum: [['US', 'CA']] },
      direction: { type: 'object', default: 'outbound' },
      config: { allOf: [{ $ref: 'm/Config' }], default: { type: 'forever' } },
      strict: { $ref: 'm/Config' },
      child: { $ref: 'm/Body' },
    },
    required: ['name', 'subType'],
  },
  'm/Config': { type: 'object', properties: { type: { type: 'string' }, duration: { type: 'number' } }, required: ['type', 'duration'] },
  'm/Alias': { $ref: 'm/Body' },
}

const compile = (optional: string[] = []) =>
  new Ajv({ allErrors: true, strict: false, validateSchema: false }).compile(bundleSchema({ $ref: 'm/Alias' }, table, { optional }))

describe('bundleSchema', () => {
  it('inlines referenced schemas (recursive ones too) so Ajv compiles the result alone', () => {
    const validate = compile(['subType'])
    expect(validate({ name: 'x', child: { name: 'y', subType: 's', child: { name: 'z', subType: 's' } } })).toBe(true)
    expect(validate({ name: 'x', child: { name: 5, subType: 's' } })).toBe(false)
    expect(validate({ name: 'x', child: { name: 'y' } })).toBe(false) // the override is top-level only
  })

  it('translates nullable, dedupes enums and allows unknown fields', () => {
    const validate = compile(['subType'])
    expect(validate({ name: null, kind: null, extra: true })).toBe(true)
    expect(validate({ name: 'x', kind: 'c' })).toBe(false)
  })

  it("repairs enums the specs mistype: a nested list, values the declared type contradicts", () => {
    const validate = compile(['subType'])
    expect(validate({ name: 'x', country: 'US' })).toBe(true)
    expect(validate({ name: 'x', country: 'FR' })).toBe(false)
  })

  it('drops the overridden required fields, only those', () => {
    expect(compile(['subType'])({ name: 'x' })).toBe(true)
    expect(compile()({ name: 'x' })).toBe(false)
    expect(compile(['subType'])({})).toBe(false)
  })

  it("accepts a property's own default where its type or required list says otherwise, without loosening shared schemas", () => {
    const validate = compile(['subType'])
    expect(validate({ name: 'x', direction: 'outbound', config: { type: 'forever' } })).toBe(true)
    expect(validate({ name: 'x', strict: { type: 'forever' } })).toBe(false)
  })

  it('leaves the generated table untouched', () => {
    const before = JSON.stringify(table)
    compile(['subType'])
    expect(JSON.stringify(table)).toBe(before)
  })
})

describe('resolveRef', () => {
  it('follows chains of references', () => {
    expect(resolveRef({ $ref: 'm/Alias' }, table)).toBe(table['m/Body'])
    expect(resolveRef({ $ref: 'm/Missing' }, table)).toBeUndefined()
  })
})
