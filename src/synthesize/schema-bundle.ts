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
      } else if (keyword === 'enum' && Array.isArray(value)) {
        out.enum = enumValues(value)
      } else if (keyword === 'properties' && value !== null && typeof value === 'object') {
        // Property names are data, not keywords: translate each property schema, keep the names.
        out.properties = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, translate(schema)]))
      } else {
        out[keyword] = translate(value)
      }
    }
    if (Array.isArray(out.enum) && out.type !== undefined && !out.enum.some((v) => fitsType(v, out.type))) {
      // `country: {type: number, enum: ['US', …]}`: the values are what clients send; the type is the typo.
      delete out.type
    }
    if (source.nullable === true) allowNull(out)
    if (source.default !== undefined) acceptOwnDefault(source.default, out)
    const scalar = scalarExampleOfObject(source, table)
    return scalar ? acceptScalarExample(scalar, out) : out
  }

  /**
   * A schema must accept its own default; where the spec's does not, the spec is wrong, not the
   * clients that send the default. `direction: {type: object, default: "outbound"}` loses its
   * type; `{allOf: [ApplyToFuturePaymentsConfig], default: {type: "forever"}}` stops requiring
   * the fields that default leaves out (here, not in the shared definition).
   */
  function acceptOwnDefault(value: Json, out: Record<string, Json>): void {
    if (out.type !== undefined && !fitsType(value, out.type)) delete out.type
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return
    const present = Object.keys(value)
    const relax = (schema: Record<string, Json>) => {
      if (Array.isArray(schema.required)) schema.required = schema.required.filter((f) => present.includes(f as string))
    }
    relax(out)
    const inline = (part: Json): Json => {
      const ref = (part as Record<string, Json> | null)?.$ref
      if (typeof ref !== 'string') return part
      const key = Object.keys(definitions).find((k) => pointer(k) === ref)
      const target = key === undefined ? undefined : table[key]
      if (target === undefined) return part
      const copy = translate(target) as Record<string, Json>
      relax(copy)
      return copy
    }
    if (Array.isArray(out.allOf)) out.allOf = out.allOf.map(inline)
    if (typeof out.$ref === 'string') {
      const inlined = inline({ $ref: out.$ref }) as Record<string, Json>
      delete out.$ref
      out.allOf = [...((out.allOf as Json[] | undefined) ?? []), inlined]
    }
  }

  const resolved = resolveRef(root, table) ?? {}
  const top = translate(resolved) as Record<string, Json>
  if (options.optional?.length && Array.isArray(top.required)) {
    top.required = top.required.filter((field) => !options.optional!.includes(field as string))
  }
  return { ...top, definitions: { ...definitions, ...(top.definitions as object | undefined) } }
}

/**
 * An enum as the spec means it: a list nested in a one-element list (`enum: [['US', 'CA', …]]`)
 * is flattened, and repeated values (US state codes) dropped, which JSON Schema forbids.
 */
export function enumValues(values: readonly unknown[]): unknown[] {
  const flat = values.length === 1 && Array.isArray(values[0]) ? (values[0] as unknown[]) : values
  return [...new Set(flat)]
}

export type ScalarType = 'string' | 'number' | 'boolean'

/**
 * The JSON type of a scalar example on a schema typed `object` — directly (`CreatePostDTO.type` is
 * `{type: object, example: "post"}`) or through one `$ref`/`allOf` (`SaveBuilderDataDto.dnd`) —
 * else undefined. The spec's own example is what the official SDK and real clients send, so the
 * type is the typo. schema-bundle.test.ts audits every such field.
 */
export function scalarExampleOfObject(schema: SchemaObject | Record<string, Json>, table: SchemaTable): ScalarType | undefined {
  const { example } = schema as { example?: Json }
  if (typeof example !== 'string' && typeof example !== 'number' && typeof example !== 'boolean') return undefined
  const typed = (node: Json) => {
    const type = (node as { type?: Json } | undefined)?.type
    return type === 'object' || (Array.isArray(type) && type.includes('object'))
  }
  const s = schema as { type?: Json; $ref?: Json; allOf?: Json }
  if (s.type !== undefined) return typed(s) ? (typeof example as ScalarType) : undefined
  const only = typeof s.$ref === 'string' ? s : Array.isArray(s.allOf) && s.allOf.length === 1 ? (s.allOf[0] as SchemaObject) : undefined
  return only && typed(resolveRef(only as SchemaObject, table)) ? (typeof example as ScalarType) : undefined
}

/** Accepts the example's scalar type beside the object; values wrong for both stay refused. */
function acceptScalarExample(scalarType: ScalarType, out: Record<string, Json>): Record<string, Json> {
  if (out.type === undefined) return { anyOf: [out, { type: scalarType }] } // a $ref or allOf: keep it whole
  const types = Array.isArray(out.type) ? (out.type as Json[]) : [out.type]
  if (!types.includes(scalarType)) out.type = [...types, scalarType]
  return out
}

function fitsType(value: Json, type: Json): boolean {
  const types = Array.isArray(type) ? type : [type]
  return types.some((t) => {
    if (t === 'integer') return Number.isInteger(value)
    if (t === 'array') return Array.isArray(value)
    if (t === 'object') return value !== null && typeof value === 'object' && !Array.isArray(value)
    if (t === 'null') return value === null
    return typeof value === t
  })
}

/** OpenAPI 3.0 `nullable: true` as JSON Schema: null joins the allowed types (and enum). */
function allowNull(schema: Record<string, Json>): void {
  if (typeof schema.type === 'string') schema.type = [schema.type, 'null']
  else if (Array.isArray(schema.type) && !schema.type.includes('null')) schema.type = [...schema.type, 'null']
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null]
}
