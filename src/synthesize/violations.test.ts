import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import { describeViolations } from './violations.js'

const ajv = new Ajv({ allErrors: true, strict: false })
const problems = (schema: object, value: unknown) => {
  const validate = ajv.compile(schema)
  validate(value)
  return describeViolations(validate.errors ?? [])
}

describe('describeViolations', () => {
  it('speaks class-validator', () => {
    const schema = {
      type: 'object',
      required: ['locationId', 'name'],
      properties: {
        name: { type: 'string', minLength: 1 },
        email: { type: 'string' },
        count: { type: 'integer', minimum: 1, maximum: 5 },
        price: { type: 'number' },
        on: { type: 'boolean' },
        kind: { enum: ['a', 'b'] },
        tags: { type: 'array', minItems: 2, items: { type: 'string' } },
        code: { type: 'string', maxLength: 3, pattern: '^[A-Z]+$' },
        nested: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
      },
    }
    const value = { name: '', email: 5, count: 9, price: 'x', on: 'yes', kind: 'c', tags: [1], code: 'abcd', nested: {} }
    expect(problems(schema, value)).toEqual([
      'locationId should not be empty',
      'name should not be empty',
      'email must be a string',
      'count must not be greater than 5',
      'price must be a number conforming to the specified constraints',
      'on must be a boolean value',
      'kind must be a valid enum value',
      'tags must contain at least 2 elements',
      'tags.0 must be a string',
      'code must be shorter than or equal to 3 characters',
      'code must match ^[A-Z]+$ regular expression',
      'nested.id should not be empty',
    ])
  })

  it('says one thing for a failed anyOf, and names a non-object body', () => {
    const schema = { type: 'object', properties: { v: { anyOf: [{ type: 'string' }, { type: 'object', required: ['x'] }] } } }
    expect(problems(schema, { v: {} })).toEqual(['v must match one of the allowed shapes'])
    expect(problems(schema, [])).toEqual(['request body must be an object'])
  })
})
