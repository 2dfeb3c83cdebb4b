// Checks a response body against the official response schema of its operation, so resource
// tests catch any drift from the published wire shape. Where the live API is known to differ from
// its spec, a test passes the instance paths to ignore, with the reason at the call site.
import { Ajv, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import { expect } from 'vitest'
import { loadSchemas, type SchemaObject, type SchemaTable } from '../../src/generated/index.js'
import { findOperation } from '../../src/gateway/operation-table.js'

const BASE = 'https://ghl-mock.local/schemas/'

/** Rewrites the table's `module/Name` refs into absolute URIs Ajv resolves against its registry. */
function absoluteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(absoluteRefs)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, key === '$ref' && typeof inner === 'string' ? BASE + inner : absoluteRefs(inner)]),
  )
}

let ajv: Promise<Ajv> | undefined
function compiler(): Promise<Ajv> {
  ajv ??= loadSchemas().then((schemas: SchemaTable) => {
    // strict: false and no meta-validation: the specs use OpenAPI keywords (example, discriminator)
    // and object-valued `examples`, which JSON Schema does not allow.
    const instance = new Ajv({ strict: false, allErrors: true, logger: false, validateSchema: false })
    addFormats.default(instance)
    for (const [key, schema] of Object.entries(schemas)) instance.addSchema(absoluteRefs(schema) as object, BASE + key)
    return instance
  })
  return ajv
}

const validators = new Map<string, ValidateFunction>()

async function validatorFor(operationKey: string): Promise<ValidateFunction | undefined> {
  const op = findOperation(operationKey)
  if (!op) throw new Error(`no operation ${operationKey} in the generated table`)
  if (!op.responseSchema) return undefined
  let validate = validators.get(operationKey)
  if (!validate) {
    validate = (await compiler()).compile(absoluteRefs(op.responseSchema as SchemaObject) as object)
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
