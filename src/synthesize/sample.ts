// Builds a value from a spec schema: the spec's examples first, then values fitting the type and
// format, chosen by a seeded generator so the same seed always gives the same value. Pure: no
// clock, no I/O; the synthesizer caches what this builds.
import type { SchemaObject, SchemaTable } from '../generated/index.js'
import { enumValues } from './schema-bundle.js'

/** Deepest nesting generated; deeper objects are left out (recursive schemas end here). */
const MAX_DEPTH = 8
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const HEX = '0123456789abcdef'
/** Dates fall in 2024, so they read as plausible and never depend on today. */
const BASE_TIME = Date.UTC(2024, 0, 1)
const WORDS = ['alpha', 'bravo', 'cedar', 'delta', 'ember', 'falcon', 'garnet', 'harbor', 'indigo', 'juniper', 'kestrel', 'lumen']

/** FNV-1a: a stable 32-bit hash of the seed text. */
export function hashSeed(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** mulberry32: a small, fast, seedable generator of floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return function next() {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

export interface SampleOptions {
  /** Seed text: the same text gives the same value. */
  seed: string
  /** Use spec examples where present (default true). */
  useExamples?: boolean
}

/**
 * A value for `schema`. `$ref`s are keys of `table`; a schema already being built higher up the
 * same branch is not entered again, so recursive schemas terminate.
 * @example
 * sampleFromSchema({ $ref: 'contacts/ContactsByIdSuccessfulResponseDto' }, schemas, { seed: 'get-contact' })
 */
export function sampleFromSchema(schema: SchemaObject | null | undefined, table: SchemaTable, options: SampleOptions): unknown {
  const random = seededRandom(hashSeed(options.seed))
  const useExamples = options.useExamples ?? true
  const building: string[] = []
  const int = (max: number) => Math.floor(random() * max)
  const pick = (alphabet: string, length: number) => {
    let out = ''
    for (let i = 0; i < length; i++) out += alphabet[int(alphabet.length)]
    return out
  }

  function build(node: SchemaObject | null | undefined, name: string, depth: number): unknown {
    if (node === null || node === undefined || typeof node !== 'object') return null
    const ref = node.$ref
    if (typeof ref === 'string') {
      if (building.includes(ref)) return undefined
      building.push(ref)
      const value = build(table[ref], name, depth)
      building.pop()
      return value
    }
    if (useExamples && node.example !== undefined) {
      const example = exampleOf(node)
      if (exampleFits(example, node)) return example
    }
    if (node.default !== undefined) return structuredClone(node.default)
    if (Array.isArray(node.enum) && node.enum.length > 0) return enumValues(node.enum)[0]
    if (node.const !== undefined) return node.const
    if (Array.isArray(node.allOf)) return buildAllOf(node, name, depth)
    const choices = (node.oneOf ?? node.anyOf) as SchemaObject[] | undefined
    if (Array.isArray(choices) && choices.length > 0) return build(choices[0], name, depth)
    const type = firstType(node.type)
    if (type === 'object' || (type === undefined && node.properties !== undefined)) return buildObject(node, depth)
    if (type === 'array' || (type === undefined && node.items !== undefined)) return buildArray(node, name, depth)
    if (type === 'string') return buildString(node, name)
    if (type === 'integer') return buildNumber(node, true)
    if (type === 'number') return buildNumber(node, false)
    if (type === 'boolean') return random() < 0.5
    return null
  }

  function buildAllOf(node: SchemaObject, name: string, depth: number): unknown {
    const parts = (node.allOf as SchemaObject[]).map((part) => build(part, name, depth))
    const own = node.properties !== undefined ? buildObject(node, depth) : undefined
    const objects = [...parts, own].filter((p): p is Record<string, unknown> => isPlainObject(p))
    if (objects.length > 0) return Object.assign({}, ...objects)
    return parts.find((p) => p !== undefined) ?? null
  }

  function buildObject(node: SchemaObject, depth: number): Record<string, unknown> | undefined {
    if (depth > MAX_DEPTH) return undefined
    const out: Record<string, unknown> = {}
    const properties = (node.properties ?? {}) as Record<string, SchemaObject>
    for (const [key, property] of Object.entries(properties)) {
      const value = build(property, key, depth + 1)
      if (value !== undefined) out[key] = value
    }
    // Some specs require a field they never declare (blogs' CategoryResponseDTO requires `name`):
    // the answer still carries it, as a string, so it passes the spec's own `required` list.
    if (Array.isArray(node.required)) {
      for (const key of node.required) if (typeof key === 'string' && !(key in out)) out[key] = buildString({}, key)
    }
    return out
  }

  function buildArray(node: SchemaObject, name: string, depth: number): unknown[] {
    if (depth > MAX_DEPTH) return []
    const minItems = typeof node.minItems === 'number' ? node.minItems : 1
    const count = Math.max(1, Math.min(minItems, 3))
    const out: unknown[] = []
    for (let i = 0; i < count; i++) {
      const value = build(node.items as SchemaObject | undefined, singular(name), depth + 1)
      if (value !== undefined) out.push(value)
    }
    return out
  }

  function buildString(node: SchemaObject, name: string): string {
    const lower = name.toLowerCase()
    const format = typeof node.format === 'string' ? node.format : ''
    let value: string
    if (format === 'date-time' || /At$/.test(name) || /^date[A-Z]/.test(name) || lower.endsWith('date')) {
      value = new Date(BASE_TIME + int(365 * 24) * 3_600_000).toISOString()
    } else if (format === 'date') {
      value = new Date(BASE_TIME + int(365) * 86_400_000).toISOString().slice(0, 10)
    } else if (format === 'email' || lower.includes('email')) {
      value = `${WORDS[int(WORDS.length)]}.${int(1000)}@example.com`
    } else if (format === 'uri' || format === 'url' || lower.endsWith('url')) {
      value = `https://example.com/${WORDS[int(WORDS.length)]}/${pick(ALNUM, 8)}`
    } else if (format === 'uuid') {
      value = `${pick(HEX, 8)}-${pick(HEX, 4)}-4${pick(HEX, 3)}-a${pick(HEX, 3)}-${pick(HEX, 12)}`
    } else if (name === 'id' || name === '_id' || /Id$/.test(name)) {
      value = pick(ALNUM, 20)
    } else if (lower.includes('phone')) {
      value = `+1555${String(int(10_000_000)).padStart(7, '0')}`
    } else {
      value = `${WORDS[int(WORDS.length)]} ${WORDS[int(WORDS.length)]}`
    }
    return fitLength(value, node)
  }

  function buildNumber(node: SchemaObject, integer: boolean): number {
    const min = typeof node.minimum === 'number' ? node.minimum : 1
    const max = typeof node.maximum === 'number' ? node.maximum : Math.max(min, 100) + (min > 100 ? 100 : 0)
    const value = min + random() * (max - min)
    return integer ? Math.min(max, Math.ceil(value)) : Math.round(value * 100) / 100
  }

  return build(schema, '', 0)
}

/**
 * The schema's example. An array example on a schema that is not an array lists alternatives
 * (`direction: { type: object, example: ['outbound', 'inbound'] }`): the first one is used.
 */
function exampleOf(node: SchemaObject): unknown {
  const example = node.example
  const isArraySchema = node.type === 'array' || node.items !== undefined
  if (Array.isArray(example) && !isArraySchema && example.length > 0) return structuredClone(example[0])
  return structuredClone(example)
}

/**
 * Whether an example can stand for the schema: specs often give `"true"` for a boolean or a
 * bare id for an object. Such examples are skipped in favour of a value built from the type.
 * Objects with declared properties are always built property by property (each property's own
 * example still comes first), so a stale whole-object example cannot smuggle in wrong types.
 */
function exampleFits(example: unknown, node: SchemaObject): boolean {
  if (example === null) return node.nullable === true
  // A composite's example (`{allOf: [OrderSource], example: "{ type: \"funnel\" }"}`) is prose
  // more often than data; its parts are built instead, each with its own examples.
  if (node.allOf !== undefined || node.oneOf !== undefined || node.anyOf !== undefined) return false
  if (Array.isArray(node.enum) && !enumValues(node.enum).includes(example)) return false
  const type = firstType(node.type) ?? (node.properties !== undefined ? 'object' : node.items !== undefined ? 'array' : undefined)
  switch (type) {
    case undefined:
      return true
    case 'object':
      return isPlainObject(example) && node.properties === undefined
    case 'array': {
      if (!Array.isArray(example)) return false
      const items = node.items as SchemaObject | undefined
      const itemType = items === undefined || typeof items.$ref === 'string' ? undefined : firstType(items.type)
      // Arrays of objects or references are built from the item schema, like objects are.
      if (items !== undefined && (typeof items.$ref === 'string' || itemType === 'object' || items.properties !== undefined)) return false
      return itemType === undefined || example.every((item) => scalarFits(item, itemType))
    }
    default:
      return scalarFits(example, type) && formatFits(example, node.format)
  }
}

/** The formats response checks enforce; an example that breaks one is not used. */
function formatFits(value: unknown, format: unknown): boolean {
  if (typeof value !== 'string') return true
  if (format === 'date-time') return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(value)
  if (format === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(value)
  if (format === 'email') return /^[^\s@]+@[^\s@]+$/.test(value)
  if (format === 'uri' || format === 'url') return /^[a-z][a-z0-9+.-]*:/i.test(value)
  return true
}

function scalarFits(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value)
  if (type === 'number') return typeof value === 'number'
  return typeof value === type
}

function fitLength(value: string, node: SchemaObject): string {
  const min = typeof node.minLength === 'number' ? node.minLength : 0
  const max = typeof node.maxLength === 'number' ? node.maxLength : Infinity
  const padded = value.length < min ? value.padEnd(min, 'x') : value
  return padded.length > max ? padded.slice(0, max) : padded
}

function firstType(type: unknown): string | undefined {
  if (typeof type === 'string') return type
  if (Array.isArray(type)) return type.find((t) => t !== 'null') as string | undefined
  return undefined
}

const singular = (name: string) => (name.endsWith('s') ? name.slice(0, -1) : name)

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
