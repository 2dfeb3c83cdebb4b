// Checks a response body against the official response schema of its operation, so resource
// tests catch any drift from the published wire shape. Schemas are bundled and compiled the way
// request bodies are (src/synthesize), so both sides read the specs' OpenAPI dialect alike. Where
// the live API is known to differ from its spec, a test passes the instance paths to ignore, with
// the reason at the call site.
import type { ValidateFunction } from 'ajv'
import { expect } from 'vitest'
import { loadSchemas } from '../../src/generated/index.js'
import { findOperation } from '../../src/spec/operation-table.js'
import { bundleSchema } from '../../src/synthesize/schema-bundle.js'
import { createSpecAjv } from '../../src/synthesize/validate-body.js'

const ajv = createSpecAjv()
const validators = new Map<string, ValidateFunction>()

async function validatorFor(operationKey: string): Promise<ValidateFunction | undefined> {
  const op = findOperation(operationKey)
  if (!op) throw new Error(`no operation ${operationKey} in the generated table`)
  if (!op.responseSchema) return undefined
  let validate = validators.get(operationKey)
  if (!validate) {
    validate = ajv.compile(bundleSchema(op.responseSchema, await loadSchemas()))
    validators.set(operationKey, validate)
  }
  return validate
}

/**
 * Asserts the status is the operation's success status and the body matches its response schema.
 * @param ignore instance paths (e.g. `/contact/attachments`) where the live API differs from the spec.
 */
export async function expectConformsToSpec(operationKey: string, res: Response, options: { ignore?: string[] } = {}): Promise<any> {
  const body = await res.clone().json()
  const op = findOperation(operationKey)!
  expect(res.status, `${operationKey} status (body: ${JSON.stringify(body).slice(0, 300)})`).toBe(op.successStatus)
  const validate = await validatorFor(operationKey)
  if (validate && !validate(body)) {
    const ignored = options.ignore ?? []
    const problems = (validate.errors ?? [])
      .filter((e) => !ignored.some((path) => e.instancePath === path || e.instancePath.startsWith(`${path}/`)))
      .map((e) => `${e.instancePath || '(root)'} ${e.message}`)
    expect(problems, `${operationKey} response does not match its spec schema`).toEqual([])
  }
  return body
}
