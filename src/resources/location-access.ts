// Who may act on which sub-account, for the location, user, business and custom-field handlers.
// The gateway already answers 403 for a locationId/companyId in the request that the token may
// not use; these helpers apply the same rule to ids found only in records, and never tell an
// unknown id from another tenant's.
import type { Context } from 'hono'
import type { AppEnv } from '../app-env.js'
import { forbidden, messages, unauthorized } from '../errors.js'
import type { Runtime } from '../runtime.js'
import type { TokenRow } from '../storage/tokens.js'
import type { Location } from '../world/model.js'

export type Ctx = Context<AppEnv>

/** A company the token may not act on gets the location check's wording, as the gateway gives it. */
export const companyForbidden = messages.locationForbidden

/** The caller's token; the gateway sets it on every authenticated operation. */
export function tokenOf(c: Ctx): TokenRow {
  const auth = c.var.auth
  if (!auth) throw unauthorized(messages.invalidJwt)
  return auth
}

export const runtimeOf = (c: Ctx): Runtime => c.var.runtime

/** ISO time on the emulator's clock. */
export const nowIso = (c: Ctx): string => new Date(c.var.runtime.clock.now()).toISOString()

/** Whether the token may act on this (existing) location: its own, or any of its agency's. */
export function mayActOn(auth: TokenRow, location: Location): boolean {
  return auth.authClass === 'Location' ? auth.locationId === location.id : auth.companyId === location.companyId
}

/**
 * The location the request names, if the token may act on it; 403 otherwise, whether the id is
 * unknown or another tenant's (the gateway's answer for the same case).
 */
export function accessibleLocation(c: Ctx, locationId: string | undefined): Location {
  const auth = tokenOf(c)
  const location = locationId ? runtimeOf(c).repos.locations.get(locationId) : undefined
  if (!location || !mayActOn(auth, location)) throw forbidden(messages.locationForbidden)
  return location
}

/**
 * Whether the token may act on the sub-account a record belongs to; callers answer "not found"
 * when it may not, so a foreign id looks exactly like an unknown one.
 */
export function mayActOnLocationId(c: Ctx, locationId: string): boolean {
  const location = runtimeOf(c).repos.locations.get(locationId)
  return location !== undefined && mayActOn(tokenOf(c), location)
}

/** 403 unless the token belongs to this agency (a location token belongs to its location's agency). */
export function assertCompany(c: Ctx, companyId: string): void {
  if (tokenOf(c).companyId !== companyId) throw forbidden(companyForbidden)
}

/** Who made a change, in the shape HighLevel stamps on records (`createdBy`/`updatedBy`). */
export function actorOf(c: Ctx): Record<string, string> {
  const auth = tokenOf(c)
  return {
    source: 'INTEGRATION',
    channel: auth.kind === 'pit' ? 'PRIVATE_INTEGRATION' : 'OAUTH',
    sourceId: auth.clientId ?? auth.id,
    timestamp: nowIso(c),
  }
}
