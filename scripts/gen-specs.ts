// Reads HighLevel's OpenAPI files and answers questions about their `$ref`s. Pure apart from
// reading specs/highlevel/ (or GHL_OPENAPI_DIR); it never writes and never edits the specs it was given.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'

/** A JSON value as it comes out of JSON.parse. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
export type JsonObject = { [key: string]: Json }

export interface LoadedSpec {
  /** File basename without `.json`, e.g. `contacts`; also the schema-key prefix. */
  readonly module: string
  readonly doc: JsonObject
}

export interface SpecSet {
  readonly specs: readonly LoadedSpec[]
  /** `common/common-schemas.json`'s component schemas, by name. */
  readonly commonSchemas: JsonObject
}

const COMMON_MODULE = 'common'
const LOCAL_REF = /^#\/components\/schemas\/([^/]+)$/
const COMMON_REF = /^\.\.\/common\/common-schemas\.json#\/components\/schemas\/([^/]+)$/

/** Loads every `apps/*.json` (sorted by name, so output never depends on readdir order). */
export function loadSpecSet(specDir: string): SpecSet {
  const appsDir = path.join(specDir, 'apps')
  if (!existsSync(appsDir)) throw new Error(`no OpenAPI specs at ${appsDir} (expected the vendored specs/highlevel/, or set GHL_OPENAPI_DIR)`)
  const files = readdirSync(appsDir).filter((f) => f.endsWith('.json')).sort()
  const specs = files.map((file) => ({ module: file.slice(0, -'.json'.length), doc: readJson(path.join(appsDir, file)) }))
  const common = readJson(path.join(specDir, 'common', 'common-schemas.json'))
  return { specs, commonSchemas: componentSchemas(common) }
}

function readJson(file: string): JsonObject {
  return JSON.parse(readFileSync(file, 'utf8')) as JsonObject
}

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function componentSchemas(doc: JsonObject): JsonObject {
  const components = doc['components']
  const schemas = isObject(components) ? components['schemas'] : undefined
  return isObject(schemas) ? schemas : {}
}

/**
 * Where a spec's `$ref` points, as `{ module, name }`. Local refs to a schema the spec does not
 * define fall back to the common file: links.json points at `#/components/schemas/BadRequestDTO`
 * without defining it (SOURCE.md lists the typo), and the common DTO is what was meant.
 */
export function resolveRef(ref: string, spec: LoadedSpec, set: SpecSet): { module: string; name: string } {
  const local = LOCAL_REF.exec(ref)?.[1]
  if (local !== undefined && local in componentSchemas(spec.doc)) return { module: spec.module, name: local }
  const common = COMMON_REF.exec(ref)?.[1] ?? local
  if (common !== undefined && common in set.commonSchemas) return { module: COMMON_MODULE, name: common }
  throw new Error(`${spec.module}.json: cannot resolve $ref ${JSON.stringify(ref)}`)
}

/** The lookup key every consumer uses for a schema: `contacts/CreateContactDto`, `common/BadRequestDTO`. */
export function schemaKey(module: string, name: string): string {
  return `${module}/${name}`
}

/** Deep copy of `value` with every `$ref` passed through `rewrite`. */
export function mapRefs(value: Json, rewrite: (ref: string) => string): Json {
  if (Array.isArray(value)) return value.map((item) => mapRefs(item, rewrite))
  if (!isObject(value)) return value
  const out: JsonObject = {}
  for (const [key, child] of Object.entries(value)) {
    out[key] = key === '$ref' && typeof child === 'string' ? rewrite(child) : mapRefs(child, rewrite)
  }
  return out
}

/** Rewrites a spec fragment's refs to the `module/Name` key form used by schemas.ts and operations.ts. */
export function toKeyRefs(value: Json, spec: LoadedSpec, set: SpecSet): Json {
  return mapRefs(value, (ref) => {
    const target = resolveRef(ref, spec, set)
    return schemaKey(target.module, target.name)
  })
}

/**
 * The spec with the common schemas copied in and every ref made local, so openapi-typescript
 * needs no file system and no bundler: it sees one self-contained document.
 */
export function bundleCommon(spec: LoadedSpec, set: SpecSet): JsonObject {
  const needed = new Set<string>()
  const doc = mapRefs(spec.doc, (ref) => {
    const target = resolveRef(ref, spec, set)
    if (target.module === COMMON_MODULE) needed.add(target.name)
    return `#/components/schemas/${target.name}`
  }) as JsonObject
  const schemas = componentSchemas(doc)
  for (const name of [...needed].sort()) {
    // A spec that both defines X and points at common X would make the copy ambiguous.
    if (name in schemas) throw new Error(`${spec.module}.json: local schema ${name} shadows the common one`)
    schemas[name] = set.commonSchemas[name] ?? null
  }
  doc['components'] = { ...(isObject(doc['components']) ? doc['components'] : {}), schemas }
  return doc
}
