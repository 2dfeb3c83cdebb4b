// Reading query strings and bodies for the location-family handlers: typed values out, and a
// 422 naming every bad field in class-validator's wording when something is off. Owns no rules
// about what a value means; handlers decide that.
import { Problems } from '../kit/problems.js'
import type { JsonObject } from '../kit/body.js'
import type { Ctx } from '../kit/access.js'

export const query = (c: Ctx, name: string): string | undefined => c.req.query(name)

/** The `locationId` query parameter an operation requires: 422 when it is missing. */
export function requiredLocationId(c: Ctx): string {
  const problems = new Problems()
  const locationId = problems.text('locationId', query(c, 'locationId'), true)
  problems.check()
  return locationId!
}

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
