// Private integrations (Settings > Private Integrations): a `pit-<uuid>` token shown once,
// scopes editable in place, rotation with a 7-day grace window for the old token (on the clock)
// or "rotate and expire now". Tokens are ordinary rows of the token model, so the gateway treats
// them like any other bearer. No HTTP here: the control plane calls this.
import { randomUUID } from 'node:crypto'
import { mintPrivateIntegrationToken } from '../auth/access-tokens.js'
import { allScopes } from '../spec/scope-catalog.js'
import { assertValid, notFound } from '../errors.js'
import type { JsonObject } from '../http/json-body.js'
import type { Runtime } from '../runtime.js'
import type { PrivateIntegrationRow } from '../storage/private-integrations.js'

/** "7-day window where old and new tokens function simultaneously." */
export const PIT_ROTATION_GRACE_MS = 7 * 86_400_000

const knownScopes = new Set<string>(allScopes)

/** Scopes as a list or a space-separated string; problems name unknown ones. */
function readScopes(value: unknown, problems: string[]): string[] {
  const list = typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : value
  if (!Array.isArray(list) || list.some((s) => typeof s !== 'string')) {
    problems.push('scopes must be an array of scope names or a space-separated string')
    return []
  }
  const scopes = [...new Set(list as string[])]
  if (scopes.length === 0) problems.push('scopes should not be empty')
  const unknown = scopes.filter((s) => !knownScopes.has(s))
  if (unknown.length > 0) problems.push(`scopes contains unknown scopes: ${unknown.join(', ')}`)
  return scopes
}

function optionalText(body: JsonObject, field: string, problems: string[]): string | undefined {
  const value = body[field]
  if (value === undefined) return undefined
  if (typeof value !== 'string') problems.push(`${field} must be a string`)
  return typeof value === 'string' ? value : undefined
}

export interface CreatedIntegration {
  integration: PrivateIntegrationRow
  /** The token string, returned this once only. */
  token: string
}

/** Creates an integration for a location or an agency from a control-plane body. */
export function createPrivateIntegration(runtime: Runtime, body: JsonObject): CreatedIntegration {
  const { repos } = runtime
  const problems: string[] = []
  const locationId = optionalText(body, 'locationId', problems)
  const companyIdGiven = optionalText(body, 'companyId', problems)
  if (!locationId && !companyIdGiven) problems.push('locationId or companyId is required')
  if (locationId && companyIdGiven) problems.push('send locationId or companyId, not both')
  const name = optionalText(body, 'name', problems)
  if (!name || name.trim() === '') problems.push('name should not be empty')
  const description = optionalText(body, 'description', problems) ?? ''
  const scopes = readScopes(body.scopes, problems)
  assertValid(problems)

  let companyId: string
  if (locationId) {
    const location = repos.locations.get(locationId)
    if (!location) throw notFound(`Location ${locationId} not found`)
    companyId = location.companyId
  } else {
    if (!repos.companies.get(companyIdGiven!)) throw notFound(`Company ${companyIdGiven} not found`)
    companyId = companyIdGiven!
  }
  const authClass = locationId ? 'Location' : 'Company'
  const id = randomUUID()
  return repos.transaction(() => {
    const minted = mintPrivateIntegrationToken(runtime, { authClass, companyId, locationId: locationId ?? null, scopes, parentId: id })
    const now = runtime.clock.now()
    const integration: PrivateIntegrationRow = {
      id,
      name: name!.trim(),
      description,
      authClass,
      companyId,
      locationId: locationId ?? null,
      scopes,
      tokenId: minted.row.id,
      previousTokenId: null,
      createdAt: now,
      updatedAt: now,
      rotatedAt: null,
      deletedAt: null,
    }
    repos.privateIntegrations.insert(integration)
    return { integration, token: minted.token }
  })
}

function requireIntegration(runtime: Runtime, id: string): PrivateIntegrationRow {
  const row = runtime.repos.privateIntegrations.get(id)
  if (!row) throw notFound(`Private integration ${id} not found`)
  return row
}

/** Edits name, description or scopes; the token stays the same and new scopes apply at once. */
export function updatePrivateIntegration(runtime: Runtime, id: string, body: JsonObject): PrivateIntegrationRow {
  const { repos } = runtime
  const row = requireIntegration(runtime, id)
  const problems: string[] = []
  const name = optionalText(body, 'name', problems)
  if (name !== undefined && name.trim() === '') problems.push('name should not be empty')
  const description = optionalText(body, 'description', problems)
  const scopes = body.scopes === undefined ? undefined : readScopes(body.scopes, problems)
  assertValid(problems)
  return repos.transaction(() => {
    const updated: PrivateIntegrationRow = {
      ...row,
      name: name?.trim() ?? row.name,
      description: description ?? row.description,
      scopes: scopes ?? row.scopes,
      updatedAt: runtime.clock.now(),
    }
    if (scopes) {
      // The token in its grace window is the same integration: it gets the new scopes too.
      repos.tokens.setScopes(row.tokenId, scopes)
      if (row.previousTokenId) repos.tokens.setScopes(row.previousTokenId, scopes)
    }
    repos.privateIntegrations.update(updated)
    return updated
  })
}

/**
 * Issues a new token. The old one keeps working for 7 days on the clock, or stops now with
 * `expireNow` ("Rotate and expire this token now"). A token still in an earlier grace window
 * ends at once: only the current token and the one it replaced are ever alive.
 */
export function rotatePrivateIntegration(runtime: Runtime, id: string, expireNow: boolean): CreatedIntegration {
  const { repos } = runtime
  const row = requireIntegration(runtime, id)
  return repos.transaction(() => {
    const now = runtime.clock.now()
    if (row.previousTokenId) repos.tokens.setExpiry(row.previousTokenId, now)
    repos.tokens.setExpiry(row.tokenId, expireNow ? now : now + PIT_ROTATION_GRACE_MS)
    const minted = mintPrivateIntegrationToken(runtime, {
      authClass: row.authClass,
      companyId: row.companyId,
      locationId: row.locationId,
      scopes: row.scopes,
      parentId: row.id,
    })
    const updated: PrivateIntegrationRow = { ...row, tokenId: minted.row.id, previousTokenId: row.tokenId, rotatedAt: now, updatedAt: now }
    repos.privateIntegrations.update(updated)
    return { integration: updated, token: minted.token }
  })
}

/** Deletes an integration: both of its tokens stop working at once. */
export function deletePrivateIntegration(runtime: Runtime, id: string): void {
  const { repos } = runtime
  const row = requireIntegration(runtime, id)
  repos.transaction(() => {
    const now = runtime.clock.now()
    repos.tokens.revoke(row.tokenId, now)
    if (row.previousTokenId) repos.tokens.revoke(row.previousTokenId, now)
    repos.privateIntegrations.update({ ...row, deletedAt: now, updatedAt: now })
  })
}

/** An integration as the control plane shows it (never the token string). */
export function describeIntegration(runtime: Runtime, row: PrivateIntegrationRow) {
  const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString())
  const previous = row.previousTokenId ? runtime.repos.tokens.get(row.previousTokenId) : undefined
  const previousAlive = previous && previous.revokedAt === null && (previous.expiresAt ?? Infinity) > runtime.clock.now()
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    authClass: row.authClass,
    companyId: row.companyId,
    locationId: row.locationId,
    scopes: row.scopes,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    rotatedAt: iso(row.rotatedAt),
    /** When the token replaced by the last rotation stops working (null: none is alive). */
    previousTokenExpiresAt: previousAlive ? iso(previous.expiresAt) : null,
  }
}

