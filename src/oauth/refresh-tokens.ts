// Refresh tokens: RS256 JWTs like the access tokens, valid a year, single use, rotated on every
// refresh. Stored by SHA-256; this file decides whether one may be redeemed.
import { randomBytes } from 'node:crypto'
import { hashToken, signJwt } from '../auth/access-tokens.js'
import { GhlError } from '../errors.js'
import type { Runtime } from '../runtime.js'
import type { GrantRow, RefreshTokenRow } from '../storage/oauth.js'
import type { App } from '../world/model.js'
import { hexId } from '../world/ids.js'
import { assertUserType, type GrantChecks } from './grant-checks.js'
import { oauthMessages } from './messages.js'

/** "Refresh tokens remain valid for one year or until used." */
export const REFRESH_TOKEN_TTL_SECONDS = 365 * 86_400

export function mintRefreshToken(runtime: Runtime, app: App, grant: GrantRow): { token: string; row: RefreshTokenRow } {
  const now = runtime.clock.now()
  const id = hexId()
  const authClassId = grant.userType === 'Location' ? grant.locationId! : grant.companyId
  const token = signJwt(
    {
      authClass: grant.userType,
      authClassId,
      source: 'INTEGRATION',
      sourceId: app.clientId,
      channel: 'OAUTH',
      primaryAuthClassId: authClassId,
      oauthMeta: { scopes: grant.scopes, client: app.id, clientKey: app.clientId, versionId: app.versionId },
      refreshTokenId: id,
      iat: Math.floor(now / 1000),
      exp: Math.floor(now / 1000) + REFRESH_TOKEN_TTL_SECONDS,
      jti: randomBytes(12).toString('hex'),
    },
    runtime.keys,
  )
  const row: RefreshTokenRow = {
    id,
    tokenHash: hashToken(token),
    grantId: grant.id,
    createdAt: now,
    expiresAt: now + REFRESH_TOKEN_TTL_SECONDS * 1000,
    usedAt: null,
    revokedAt: null,
  }
  runtime.repos.oauth.insertRefreshToken(row)
  return { token, row }
}

/**
 * Spends a refresh token and returns its grant. Unknown, expired, used, revoked or another
 * client's tokens are a 400; a used one stays used (no second chance for a racing refresh).
 */
export function redeemRefreshToken(runtime: Runtime, app: App, token: string, checks: GrantChecks): GrantRow {
  const { oauth } = runtime.repos
  const now = runtime.clock.now()
  const row = oauth.getRefreshToken(hashToken(token))
  if (!row) throw new GhlError(400, oauthMessages.invalidRefresh)
  const grant = oauth.getGrant(row.grantId)
  if (!grant || grant.appId !== app.id) throw new GhlError(400, oauthMessages.refreshOtherClient)
  if (row.usedAt !== null) throw new GhlError(400, oauthMessages.usedRefresh)
  if (row.revokedAt !== null || grant.revokedAt !== null) throw new GhlError(400, oauthMessages.revokedGrant)
  if (row.expiresAt <= now) throw new GhlError(400, oauthMessages.expiredRefresh)
  assertUserType(grant, checks.userType)
  if (!oauth.useRefreshToken(row.id, now)) throw new GhlError(400, oauthMessages.usedRefresh)
  return grant
}
