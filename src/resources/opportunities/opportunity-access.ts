// Tenant checks for the opportunity endpoints: which locations the caller's token may act in,
// and loading an opportunity so that another tenant's id reads exactly like an unknown id.
// The gateway has already authenticated the token and checked ids it could see in the request.
import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.js'
import { GhlError, forbidden, messages, unauthorized } from '../../errors.js'
import type { RecordRow } from '../../storage/records.js'
import type { Repos } from '../../storage/repos.js'
import type { TokenRow } from '../../storage/tokens.js'

type Json = Record<string, unknown>

/**
 * HighLevel answers an unknown opportunity id with 400, not 404 (the spec lists no 404 for any
 * opportunity operation; its NestJS services use BadRequest for "not found" lookups).
 */
export const opportunityNotFound = () => new GhlError(400, 'Opportunity not found')

/** The caller's token; the gateway sets it on every opportunity operation. */
export function callerOf(c: Context<AppEnv>): TokenRow {
  const auth = c.var.auth
  if (!auth) throw unauthorized(messages.invalidJwt)
  return auth
}

/**
 * Whether the token may act in the location. Opportunity operations take sub-account tokens only
 * (the spec's `bearer` scheme; the gateway refuses agency tokens before a handler runs), so this
 * is the token's own location.
 */
export function canActIn(auth: TokenRow, locationId: string): boolean {
  return auth.authClass === 'Location' && auth.locationId === locationId
}

/** For a locationId the caller named (query or body): 403, as the real gateway answers. */
export function assertCanActIn(auth: TokenRow, locationId: string): void {
  if (!canActIn(auth, locationId)) throw forbidden(messages.locationForbidden)
}

/** The opportunity if the caller may see it; otherwise the same 400 as an unknown id (never a leak). */
export function loadOpportunity(repos: Repos, auth: TokenRow, id: string): RecordRow<Json> {
  const row = repos.opportunities.get(id)
  if (!row || !canActIn(auth, row.locationId)) throw opportunityNotFound()
  return row
}
