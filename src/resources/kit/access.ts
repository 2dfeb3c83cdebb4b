// Who may act on which sub-account: the one access dialect of every resource. The gateway
// already answers 403 for a locationId/companyId in the request that the token may not use;
// these helpers apply the same rule to ids found only in records, and never tell an unknown id
// from another tenant's.
import { GhlError, forbidden, messages, unauthorized } from '../../errors.js'
import type { Ctx } from '../../handlers/handler.js'
import type { Runtime } from '../../runtime.js'
import type { Repos } from '../../storage/repos.js'
import type { TokenRow } from '../../storage/tokens.js'
import type { Location } from '../../world/model.js'
import { nowIso } from './time.js'

export type { Ctx }

/** A company the token may not act on gets the location check's wording, as the gateway gives it. */
export const companyForbidden = messages.locationForbidden

/** The caller's token; the gateway sets it on every authenticated operation. */
export function tokenOf(c: Ctx): TokenRow {
  const auth = c.var.auth
  if (!auth) throw unauthorized(messages.invalidJwt)
  return auth
}

export const runtimeOf = (c: Ctx): Runtime => c.var.runtime

/** Whether the token may act on this (existing) location: its own, or any of its agency's. */
export function mayActOn(auth: TokenRow, location: Location): boolean {
  return auth.authClass === 'Location' ? auth.locationId === location.id : auth.companyId === location.companyId
}

/** mayActOn for a location id (false for an unknown one), where only repos are at hand. */
export function mayActIn(repos: Repos, auth: TokenRow, locationId: string): boolean {
  const location = repos.locations.get(locationId)
  return location !== undefined && mayActOn(auth, location)
}

/**
 * Whether the caller may act on the sub-account a record belongs to; callers answer "not found"
 * when it may not, so a foreign id looks exactly like an unknown one.
 */
export function mayActOnLocationId(c: Ctx, locationId: string): boolean {
  return mayActIn(runtimeOf(c).repos, tokenOf(c), locationId)
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
 * Like accessibleLocation for a value read from a body or query (`field`): a missing or non-string
 * value is a 422 in class-validator's wording first.
 */
export function namedLocation(c: Ctx, value: unknown, field = 'locationId'): Location {
  if (typeof value !== 'string' || value === '') throw new GhlError(422, [`${field} should not be empty`, `${field} must be a string`])
  return accessibleLocation(c, value)
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

/** A path parameter ('' when absent, which no record id matches). */
export function pathParam(c: Ctx, name: string): string {
  return c.req.param(name) ?? ''
}
