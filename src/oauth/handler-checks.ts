// Small checks shared by the OAuth operation handlers (class-validator wording). Pure.
import { GhlError } from '../errors.js'
import type { JsonObject } from '../http/json-body.js'
import type { TokenRow } from '../storage/tokens.js'

/** Problems of a required string field, worded as class-validator words them. */
export function stringProblems(body: JsonObject, field: string): string[] {
  const value = body[field]
  if (value === undefined || value === null) return [`${field} must be a string`, `${field} should not be empty`]
  if (typeof value !== 'string') return [`${field} must be a string`]
  if (value === '') return [`${field} should not be empty`]
  return []
}

/** The gateway guarantees an agency token here; this keeps a misrouted call from going further. */
export function requireCompanyToken(auth: TokenRow | undefined): TokenRow {
  if (!auth || auth.authClass !== 'Company') throw new GhlError(401, 'This route requires an Agency access token', { error: null })
  return auth
}
