// Validates a webhook payload against the JSON schema of its page in HighLevel's docs
// (shared/ghl-docs/webhook events/<Type>.md, CC0). The messaging pages' schemas are vendored in
// message-event-schemas.json so a lone clone runs these tests; "Email/SMS" (a value list the
// ProviderOutboundMessage page writes as a type) became an enum there.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import { createSpecAjv } from '../../src/synthesize/validate-body.js'

const schemas = JSON.parse(readFileSync(join(import.meta.dirname, 'message-event-schemas.json'), 'utf8')) as Record<string, object[]>
const ajv = createSpecAjv()

/** Asserts `payload` matches the page's schema number `index` (0: the first on the page). */
export function expectMatchesEventPage(page: string, payload: unknown, index = 0): void {
  const schema = schemas[page]?.[index]
  if (!schema) throw new Error(`no vendored schema ${index} for ${page}`)
  const validate = ajv.compile(schema)
  const ok = validate(payload)
  expect(ok ? [] : validate.errors, `${page} payload: ${JSON.stringify(payload).slice(0, 300)}`).toEqual([])
}
