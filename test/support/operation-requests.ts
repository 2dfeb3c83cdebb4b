// Builds a request any operation of the table should accept from a caller of the given tenant:
// path parameters filled (tenant ids with the caller's own), a request body sampled from the
// spec's schema with its tenant fields set to the caller's. For tests that walk the whole table.
import { loadSchemas } from '../../src/generated/index.js'
import type { EffectiveOperation } from '../../src/spec/operation-table.js'
import { acceptedKinds } from '../../src/gateway/token-class.js'
import { bodyCheckFor } from '../../src/synthesize/validate-body.js'
import { isPlainObject, sampleFromSchema } from '../../src/synthesize/sample.js'

export interface Tenant {
  locationId: string
  companyId: string
  /** The app a required `appId` query parameter names (e.g. GET /oauth/installedLocations). */
  appId?: string
}

/** The token class an operation is exercised with: a location token wherever one is accepted. */
export function classFor(op: EffectiveOperation): 'Location' | 'Company' {
  return acceptedKinds(op.schemes).locationOAuth ? 'Location' : 'Company'
}

/**
 * The operation's path with every parameter filled: tenant parameters with the caller's ids, the
 * others with the first enum value or the example of their spec schema, else `sample-<name>`.
 */
export function fillPath(op: EffectiveOperation, tenant: Tenant): string {
  const path = op.honoPath.replace(/:([A-Za-z0-9_]+)/g, (_all, name: string) => {
    if (name === 'locationId' || name === 'location_id') return tenant.locationId
    if (name === 'companyId') return tenant.companyId
    const schema = op.params.find((p) => p.in === 'path' && p.name === name)?.schema
    const value = Array.isArray(schema?.enum) ? schema.enum[0] : schema?.example
    return typeof value === 'string' || typeof value === 'number' ? encodeURIComponent(String(value)) : `sample-${name}`
  })
  // Required tenant and app query parameters too: a real caller sends them, and stateful handlers
  // check them (others stay out: their spec examples name foreign tenants).
  const query = new URLSearchParams()
  for (const param of op.params) {
    if (param.in !== 'query' || !param.required) continue
    const value = tenantQueryValue(param.name, tenant)
    if (value !== undefined) query.set(param.name, value)
  }
  return query.size > 0 ? `${path}?${query}` : path
}

function tenantQueryValue(name: string, tenant: Tenant): string | undefined {
  if (name === 'locationId' || name === 'location_id') return tenant.locationId
  if (name === 'companyId') return tenant.companyId
  if (name === 'appId') return tenant.appId
  return undefined
}

/**
 * A body the spec accepts (sampled from examples, or from types when the examples themselves
 * break the schema), with top-level tenant fields set to the caller's. Undefined: no body.
 */
export async function sampleBody(op: EffectiveOperation, tenant: Tenant): Promise<{ body: string; contentType: string } | undefined> {
  const spec = op.requestBody
  if (spec === null || spec.contentType.startsWith('multipart/')) return undefined
  const table = await loadSchemas()
  const check = await bodyCheckFor(op)
  let value: unknown = {}
  for (const useExamples of [true, false]) {
    value = withTenant(sampleFromSchema(spec.schema, table, { seed: op.key, useExamples }) ?? {}, tenant)
    if (check(value).length === 0) break
  }
  if (spec.contentType === 'application/x-www-form-urlencoded' && isPlainObject(value)) {
    const form = new URLSearchParams(Object.entries(value).map(([k, v]) => [k, String(v)]))
    return { body: form.toString(), contentType: spec.contentType }
  }
  return { body: JSON.stringify(value), contentType: 'application/json' }
}

function withTenant(value: unknown, tenant: Tenant): unknown {
  if (!isPlainObject(value)) return value
  if ('locationId' in value) value.locationId = tenant.locationId
  if ('location_id' in value) value.location_id = tenant.locationId
  if ('companyId' in value) value.companyId = tenant.companyId
  if (value.altType === 'location' && 'altId' in value) value.altId = tenant.locationId
  return value
}
