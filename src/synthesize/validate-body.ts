// Request-body validation against the operation's spec schema, with the request-validation
// overrides applied. Validators are compiled on an operation's first request and kept for the
// life of the process (schemas are static), so only that first request pays for Ajv.
import { createRequire } from 'node:module'
import type { Ajv, ValidateFunction } from 'ajv'
import { loadSchemas, type SchemaTable } from '../generated/index.js'
import type { EffectiveOperation } from '../spec/operation-table.js'
import { bundleSchema } from './schema-bundle.js'
import { describeViolations } from './violations.js'

/** Returns the problems with a body, class-validator style; empty when it is valid. */
export type BodyCheck = (body: unknown) => string[]

/** An Ajv set up for HighLevel's specs; shared with the response-conformance test helper. */
export function createSpecAjv(): Ajv {
  // Required on first use, not imported: Ajv and ajv-formats (CommonJS) cost ~60 ms at start-up
  // and a server that never validates a synthesized body never needs them.
  const require = createRequire(import.meta.url)
  const { Ajv } = require('ajv') as { Ajv: new (options: object) => Ajv }
  const addFormats = require('ajv-formats') as { default: (ajv: Ajv) => Ajv }
  // strict: false and no meta-validation — the specs carry OpenAPI keywords (example, xml,
  // discriminator) and object-valued `examples` that JSON Schema does not allow.
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, logger: false, validateSchema: false })
  addFormats.default(ajv)
  // Clients send "2024-05-01" or local times without an offset where specs say date-time;
  // HighLevel's IsDateString-style checks take them, so anything Date.parse reads is accepted.
  ajv.addFormat('date-time', { type: 'string', validate: (s: string) => !Number.isNaN(Date.parse(s)) })
  ajv.addFormat('date', { type: 'string', validate: (s: string) => !Number.isNaN(Date.parse(s)) })
  return ajv
}

let ajv: Ajv | undefined
const compiled = new Map<string, BodyCheck>()
const accept: BodyCheck = () => []

/**
 * The body check of an operation (accept-all when it takes no JSON or form body). A schema Ajv
 * cannot compile is reported once through `warn` and then accepted, never a 500.
 */
export async function bodyCheckFor(op: EffectiveOperation, warn: (message: string) => void = () => {}): Promise<BodyCheck> {
  const cached = compiled.get(op.key)
  if (cached !== undefined) return cached
  const schema = op.requestBody?.schema
  const table = await loadSchemas()
  const check = schema ? compileCheck(op, schema, table, warn) : accept
  compiled.set(op.key, check)
  return check
}

function compileCheck(op: EffectiveOperation, schema: NonNullable<EffectiveOperation['requestBody']>['schema'], table: SchemaTable, warn: (m: string) => void): BodyCheck {
  let validate: ValidateFunction
  try {
    ajv ??= createSpecAjv()
    validate = ajv.compile(bundleSchema(schema!, table, { optional: op.optionalBodyFields }))
  } catch (error) {
    warn(`request schema of ${op.key} does not compile, its bodies are not validated: ${(error as Error).message}`)
    return accept
  }
  return function checkBody(body) {
    return validate(body) ? [] : describeViolations(validate.errors ?? [])
  }
}
