// The published types (npm pack → fresh project) compile under strict tsc without skipLibCheck,
// with only the package's own dependencies installed: no TS7016 from a devDependency's types.
import { expect, it } from 'vitest'
import { checkPublishedTypes } from '../scripts/check-published-types.js'

it('packs types that a strict, skipLibCheck-free consumer compiles', () => {
  const result = checkPublishedTypes()
  expect(result.output).toBe('')
  expect(result.ok).toBe(true)
}, 240_000)
