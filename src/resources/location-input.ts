// Reading query strings and bodies for the location-family handlers: typed values out, and a
// 422 naming every bad field in class-validator's wording when something is off. Owns no rules
// about what a value means; handlers decide that.
import { assertValid } from '../errors.js'
import { readJsonBody, type JsonObject } from '../http/json-body.js'
import type { Ctx } from './location-access.js'

/** Collects problems across fields, then throws them together as one 422. */
export class Problems {
  readonly list: string[] = []

  add(message: string): void {
    this.list.push(message)
  }

  /** Throws the 422 when any problem was found. */
  check(): void {
    assertValid(this.list)
  }

  /** A whole number from a query string (HighLevel's skip/limit are strings), or the default. */
  int(name: string, raw: string | undefined, options: { default: number; min: number; max?: number }): number {
    if (raw === undefined || raw === '') return options.default
    if (!/^-?\d+$/.test(raw.trim())) {
      this.add(`${name} must be a number string`)
      return options.default
    }
    const value = Number(raw)
    if (value < options.min) this.add(`${name} must not be less than ${options.min}`)
    else if (options.max !== undefined && value > options.max) this.add(`${name} must not be greater than ${options.max}`)
    return value
  }

  /** A number from a JSON body. */
  number(name: string, raw: unknown, options: { default: number; min: number; max?: number }): number {
    if (raw === undefined || raw === null) return options.default
    if (typeof raw === 'string' && /^\d+$/.test(raw)) return this.int(name, raw, options)
    if (typeof raw !== 'number' || !Number.isFinite(raw)) {
      this.add(`${name} must be a number conforming to the specified constraints`)
      return options.default
    }
    if (raw < options.min) this.add(`${name} must not be less than ${options.min}`)
    else if (options.max !== undefined && raw > options.max) this.add(`${name} must not be greater than ${options.max}`)
    return raw
  }

  /** One of `allowed`, or the default when absent. */
  oneOf<T extends string>(name: string, raw: unknown, allowed: readonly T[], fallback: T): T
  oneOf<T extends string>(name: string, raw: unknown, allowed: readonly T[]): T | undefined
  oneOf<T extends string>(name: string, raw: unknown, allowed: readonly T[], fallback?: T): T | undefined {
    if (raw === undefined || raw === null || raw === '') return fallback
    if (typeof raw === 'string' && (allowed as readonly string[]).includes(raw)) return raw as T
    this.add(`${name} must be one of the following values: ${allowed.join(', ')}`)
    return fallback
  }

  /** A non-empty string, or a problem when `required`. */
  text(name: string, raw: unknown, required: boolean): string | undefined {
    if (raw === undefined || raw === null) {
      if (required) this.add(`${name} should not be empty`)
      return undefined
    }
    if (typeof raw !== 'string') {
      this.add(`${name} must be a string`)
      return undefined
    }
    if (required && raw.trim() === '') {
      this.add(`${name} should not be empty`)
      return undefined
    }
    return raw
  }

  /** true/false from a query string or body. */
  bool(name: string, raw: unknown, fallback: boolean): boolean
  bool(name: string, raw: unknown): boolean | undefined
  bool(name: string, raw: unknown, fallback?: boolean): boolean | undefined {
    if (raw === undefined || raw === null || raw === '') return fallback
    if (raw === true || raw === 'true') return true
    if (raw === false || raw === 'false') return false
    this.add(`${name} must be a boolean value`)
    return fallback
  }

  /** An array of strings, or undefined when absent. */
  strings(name: string, raw: unknown): string[] | undefined {
    if (raw === undefined || raw === null) return undefined
    if (!Array.isArray(raw) || raw.some((item) => typeof item !== 'string')) {
      this.add(`each value in ${name} must be a string`)
      return undefined
    }
    return raw as string[]
  }
}

export const query = (c: Ctx, name: string): string | undefined => c.req.query(name)

/** The `locationId` query parameter an operation requires: 422 when it is missing. */
export function requiredLocationId(c: Ctx): string {
  const problems = new Problems()
  const locationId = problems.text('locationId', query(c, 'locationId'), true)
  problems.check()
  return locationId!
}

export const body = (c: Ctx): Promise<JsonObject> => readJsonBody(c)

/** Copies the string-valued `fields` present in `from`; 422 names those of another type. */
export function pickStrings(from: JsonObject, fields: readonly string[], problems: Problems): Record<string, string> {
  const out: Record<string, string> = {}
  for (const field of fields) {
    const value = problems.text(field, from[field], false)
    if (value !== undefined) out[field] = value
  }
  return out
}

/** `Lead Score!` → `lead_score`: how HighLevel derives keys from names. */
export function snakeKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
}
