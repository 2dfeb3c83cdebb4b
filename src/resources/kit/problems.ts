// The one problem collector of the resources: read every field, collect what is wrong in
// class-validator's wording, then throw it as one 422 (HighLevel's `message` array).
import { assertValid } from '../../errors.js'

/** Collects problems across fields, then throws them together as one 422. */
export class Problems {
  readonly list: string[] = []

  add(...messages: string[]): void {
    this.list.push(...messages)
  }

  get empty(): boolean {
    return this.list.length === 0
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
