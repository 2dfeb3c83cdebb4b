import { describe, expect, it } from 'vitest'
import type { SchemaTable } from '../generated/index.js'
import { hashSeed, sampleFromSchema, seededRandom } from './sample.js'

const table: SchemaTable = {
  'm/Node': { type: 'object', properties: { name: { type: 'string', example: 'root' }, child: { $ref: 'm/Node' } } },
  'm/Thing': {
    type: 'object',
    properties: {
      id: { type: 'string' },
      contactId: { type: 'string' },
      email: { type: 'string' },
      createdAt: { type: 'string' },
      website: { type: 'string', format: 'uri' },
      count: { type: 'integer', minimum: 5, maximum: 7 },
      ratio: { type: 'number' },
      active: { type: 'boolean' },
      status: { type: 'string', enum: ['open', 'won'] },
      code: { type: 'string', minLength: 30 },
      tags: { type: 'array', items: { type: 'string' }, minItems: 2 },
      direction: { type: 'string', example: ['outbound', 'inbound'] },
      success: { type: 'boolean', example: 'true' },
      source: { allOf: [{ type: 'object', properties: { kind: { type: 'string', example: 'funnel' } } }], example: '{ kind: "funnel" }' },
      nothing: { nullable: true },
    },
  },
}

describe('sampleFromSchema', () => {
  it('is the same for the same seed and differs for another', () => {
    const a = sampleFromSchema({ $ref: 'm/Thing' }, table, { seed: 'op|1' })
    expect(sampleFromSchema({ $ref: 'm/Thing' }, table, { seed: 'op|1' })).toEqual(a)
    expect(sampleFromSchema({ $ref: 'm/Thing' }, table, { seed: 'op|2' })).not.toEqual(a)
  })

  it('fits values to names, formats, enums and bounds', () => {
    const thing = sampleFromSchema({ $ref: 'm/Thing' }, table, { seed: 's' }) as Record<string, unknown>
    expect(thing.id).toMatch(/^[A-Za-z0-9]{20}$/)
    expect(thing.contactId).toMatch(/^[A-Za-z0-9]{20}$/)
    expect(thing.email).toMatch(/^[a-z]+\.\d+@example\.com$/)
    expect(Date.parse(thing.createdAt as string)).toBeGreaterThanOrEqual(Date.UTC(2024, 0, 1))
    expect(thing.website).toMatch(/^https:\/\/example\.com\//)
    expect(thing.count).toBeGreaterThanOrEqual(5)
    expect(thing.count).toBeLessThanOrEqual(7)
    expect(typeof thing.ratio).toBe('number')
    expect(typeof thing.active).toBe('boolean')
    expect(thing.status).toBe('open')
    expect((thing.code as string).length).toBeGreaterThanOrEqual(30)
    expect(thing.tags).toHaveLength(2)
    expect(thing.direction).toBe('outbound') // an array example on a non-array schema lists alternatives
    expect(typeof thing.success).toBe('boolean') // an example of the wrong type is not used
    expect(thing.source).toEqual({ kind: 'funnel' }) // a composite's prose example neither
    expect(thing.nothing).toBeNull()
  })

  it('uses examples first, types only when asked to skip them', () => {
    expect(sampleFromSchema({ type: 'string', example: 'from-spec' }, table, { seed: 's' })).toBe('from-spec')
    expect(sampleFromSchema({ type: 'string', example: 'from-spec' }, table, { seed: 's', useExamples: false })).not.toBe('from-spec')
  })

  it('fills required fields the schema forgot to declare', () => {
    const value = sampleFromSchema({ type: 'object', properties: { a: { type: 'integer', example: 1 } }, required: ['a', 'name'] }, table, { seed: 's' })
    expect(value).toEqual({ a: 1, name: expect.any(String) })
  })

  it('skips examples that break their format', () => {
    const value = sampleFromSchema({ type: 'string', format: 'date-time', example: '2024-01-01 10:00' }, table, { seed: 's' })
    expect(value).toMatch(/^2024-\d\d-\d\dT\d\d:00:00\.000Z$/)
  })

  it('stops recursive schemas instead of looping', () => {
    expect(sampleFromSchema({ $ref: 'm/Node' }, table, { seed: 's' })).toEqual({ name: 'root' })
  })

  it('merges allOf parts and takes the first anyOf branch', () => {
    const merged = sampleFromSchema(
      { allOf: [{ type: 'object', properties: { a: { type: 'string', example: 'A' } } }, { type: 'object', properties: { b: { type: 'integer', example: 2 } } }] },
      table,
      { seed: 's' },
    )
    expect(merged).toEqual({ a: 'A', b: 2 })
    expect(sampleFromSchema({ anyOf: [{ type: 'string', example: 'first' }, { type: 'number' }] }, table, { seed: 's' })).toBe('first')
  })
})

describe('seededRandom', () => {
  it('repeats for a seed and stays in [0, 1)', () => {
    const a = seededRandom(hashSeed('x'))
    const b = seededRandom(hashSeed('x'))
    const values = Array.from({ length: 100 }, () => a())
    expect(values).toEqual(Array.from({ length: 100 }, () => b()))
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true)
  })
})
