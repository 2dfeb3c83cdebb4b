// Reads opportunity request bodies and queries field by field, collecting every problem in
// class-validator's wording (what HighLevel's NestJS answers with) for one 422. Shape only:
// whether an id exists in the location is opportunity-rules.ts's job.
import { Problems } from '../kit/index.js'

type Json = Record<string, unknown>

export const OPPORTUNITY_STATUSES = ['open', 'won', 'lost', 'abandoned'] as const
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number]

/** Collects problems while reading; `done()` throws one 422 naming them all. */
export class FieldReader {
  readonly problems = new Problems()
  constructor(readonly source: Json) {}

  has(name: string): boolean {
    return this.source[name] !== undefined
  }

  /** A string; `required` also rejects '' ("should not be empty", as class-validator says). */
  string(name: string, options: { required?: boolean } = {}): string | undefined {
    const value = this.source[name]
    if (value === undefined || value === null) {
      if (options.required) this.problems.add(`${name} should not be empty`)
      return undefined
    }
    if (typeof value !== 'string') {
      this.problems.add(`${name} must be a string`)
      return undefined
    }
    if (value === '' && options.required) {
      this.problems.add(`${name} should not be empty`)
      return undefined
    }
    return value
  }

  /** A string, or null/'' meaning "clear it" (returned as null). */
  clearableString(name: string): string | null | undefined {
    const value = this.source[name]
    if (value === null || value === '') return null
    return this.string(name)
  }

  number(name: string): number | undefined {
    const value = this.source[name]
    if (value === undefined || value === null) return undefined
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.problems.add(`${name} must be a number conforming to the specified constraints`)
      return undefined
    }
    return value
  }

  boolean(name: string): boolean | undefined {
    const value = this.source[name]
    if (value === undefined || value === null) return undefined
    if (typeof value !== 'boolean') {
      this.problems.add(`${name} must be a boolean value`)
      return undefined
    }
    return value
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], options: { required?: boolean } = {}): T | undefined {
    const value = this.string(name, options)
    if (value === undefined || value === '') return undefined
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.add(`${name} must be one of the following values: ${allowed.join(', ')}`)
      return undefined
    }
    return value as T
  }

  stringArray(name: string, options: { required?: boolean } = {}): string[] | undefined {
    const value = this.source[name]
    if (value === undefined || value === null) {
      if (options.required) this.problems.add(`${name} should not be empty`)
      return undefined
    }
    if (!Array.isArray(value)) {
      this.problems.add(`${name} must be an array`)
      return undefined
    }
    if (!value.every((item) => typeof item === 'string')) {
      this.problems.add(`each value in ${name} must be a string`)
      return undefined
    }
    return value as string[]
  }

  /** An array of objects (each item's own fields are the caller's to read). */
  objectArray(name: string): Json[] | undefined {
    const value = this.source[name]
    if (value === undefined || value === null) return undefined
    if (!Array.isArray(value) || !value.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item))) {
      this.problems.add(`${name} must be an array of objects`)
      return undefined
    }
    return value as Json[]
  }

  /** A query parameter holding an integer within bounds (query values arrive as strings). */
  integerParam(name: string, bounds: { min: number; max?: number }): number | undefined {
    const raw = this.source[name]
    if (raw === undefined || raw === '') return undefined
    const value = typeof raw === 'number' ? raw : Number(raw)
    if (!Number.isInteger(value)) {
      this.problems.add(`${name} must be an integer number`)
      return undefined
    }
    if (value < bounds.min) this.problems.add(`${name} must not be less than ${bounds.min}`)
    else if (bounds.max !== undefined && value > bounds.max) this.problems.add(`${name} must not be greater than ${bounds.max}`)
    else return value
    return undefined
  }

  /** A query parameter holding `true`/`false`. */
  booleanParam(name: string): boolean | undefined {
    const raw = this.source[name]
    if (raw === undefined || raw === '') return undefined
    if (raw === true || raw === 'true') return true
    if (raw === false || raw === 'false') return false
    this.problems.add(`${name} must be a boolean value`)
    return undefined
  }

  /** Adds a problem found by a semantic check, so one 422 reports shape and meaning together. */
  add(problem: string): void {
    this.problems.add(problem)
  }

  done(): void {
    this.problems.check()
  }
}

/** Custom field values as the API takes them (`{id, key, field_value}`), stored as it answers (`{id, fieldValue}`). */
export function readCustomFields(reader: FieldReader): { id: string; fieldValue: unknown }[] | undefined {
  const items = reader.objectArray('customFields')
  if (items === undefined) return undefined
  const out: { id: string; fieldValue: unknown }[] = []
  items.forEach((item, i) => {
    if (typeof item.id !== 'string' || item.id === '') {
      reader.add(`customFields.${i}.id should not be empty`)
      return
    }
    out.push({ id: item.id, fieldValue: item.field_value ?? item.fieldValue ?? null })
  })
  return out
}

const MDY = /^(\d{2})-(\d{2})-(\d{4})$/

/** `mm-dd-yyyy` (the search query's date format) as the UTC start of that day, or undefined if malformed. */
export function parseMonthDayYear(value: string): number | undefined {
  const match = MDY.exec(value)
  if (!match) return undefined
  const [month, day, year] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const ms = Date.UTC(year, month - 1, day)
  const date = new Date(ms)
  // Date.UTC rolls 02-31 over to March; a real date must survive the round trip.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined
  return ms
}
