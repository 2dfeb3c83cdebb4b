// Turns a spec schema (whose `$ref`s are keys of the generated schema table) into one
// self-contained JSON Schema that Ajv compiles: referenced schemas copied under `definitions`,
// OpenAPI 3.0 dialect (`nullable`) translated, and the leniencies the mock wants applied.
// Pure and run once per operation; it never touches a request.
import type { SchemaObject, SchemaTable } from '../generated/index.js'

export interface BundleOptions {
  /** Top-level `required` entries to drop (request-validation overrides). */
  optional?: readonly string[]
}

type Json = unknown

/** Follows `$ref`s from `schema` to the first schema that is not a bare reference. */
export function resolveRef(schema: SchemaObject | null | undefined, table: SchemaTable): SchemaObject | undefined {
  let current = schema ?? undefined
  for (let hops = 0; current !== undefined && typeof current.$ref === 'string' && hops < 32; hops++) {
    current = table[current.$ref]
  }
  return current
}

const pointer = (key: string) => `#/definitions/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`

/**
 * A self-contained schema for `root`. Unknown extra fields stay allowed (`additionalProperties:
 * false` is dropped): HighLevel's DTOs ignore what they do not know, and real clients send extras.
 */
export function bundleSchema(root: SchemaObject, table: SchemaTable, options: BundleOptions = {}): Record<string, Json> {
  const definitions: Record<string, Json> = {}

  function include(key: string): void {
    if (key in definitions) return
    definitions[key] = {} // placeholder first: recursive schemas refer to themselves
    const target = table[key]
    definitions[key] = target === undefined ? {} : translate(target)
  }

  function translate(node: Json): Json {
    if (Array.isArray(node)) return node.map(translate)
    if (node === null || typeof node !== 'object') return node
    const source = node as Record<string, Json>
    const out: Record<string, Json> = {}
    for (const [keyword, value] of Object.entries(source)) {
      if (keyword === '$ref' && typeof value === 'string') {
        include(value)
        out.$ref = pointer(value)
      } else if (keyword === 'additionalProperties' && value === false) {
        continue
      } else if (keyword === 'nullable' || keyword === 'example' || keyword === 'examples') {
        continue
      } else if (keyword === 'properties' && value !== null && typeof value === 'object') {
        // Property names are data, not keywords: translate each property schema, keep the names.
        out.properties = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, translate(schema)]))
      } else {
        out[keyword] = translate(value)
      }
    }
    if (source.nullable === true) allowNull(out)
    return out
  }

  const resolved = resolveRef(root, table) ?? {}
  const top = translate(resolved) as Record<string, Json>
  if (options.optional?.length && Array.isArray(top.required)) {
    top.required = top.required.filter((field) => !options.optional!.includes(field as string))
  }
  return { ...top, definitions: { ...definitions, ...(top.definitions as object | undefined) } }
}

/** OpenAPI 3.0 `nullable: true` as JSON Schema: null joins the allowed types (and enum). */
function allowNull(schema: Record<string, Json>): void {
  if (typeof schema.type === 'string') schema.type = [schema.type, 'null']
  else if (Array.isArray(schema.type) && !schema.type.includes('null')) schema.type = [...schema.type, 'null']
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null]
}
