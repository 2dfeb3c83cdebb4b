// Grants (what a user approved) and the token pair issued for one: the access token (via the
// token model in src/auth) and a rotating refresh token. Builds the token endpoint's success body.
import { ACCESS_TOKEN_TTL_SECONDS, mintOAuthToken } from '../auth/access-tokens.js'
import type { Runtime } from '../runtime.js'
import type { GrantRow } from '../storage/oauth.js'
import type { App } from '../world/model.js'
import { hexId } from '../world/ids.js'
import type { InstallResult } from './installs.js'
import { mintRefreshToken } from './refresh-tokens.js'

/** Records what the user approved for an install; its tokens all carry its id as parent. */
export function createGrant(
  runtime: Runtime,
  input: { app: App; install: InstallResult; scopes: string[]; redirectUri: string; state?: string | null },
): GrantRow {
  const { install } = input
  const grant: GrantRow = {
    id: hexId(),
    appId: input.app.id,
    userType: install.kind === 'location' ? 'Location' : 'Company',
    companyId: install.companyId,
    locationId: install.locationId,
    userId: install.userId,
    installId: install.primary.id,
    isBulk: install.kind === 'bulk',
    approvedLocations: install.approvedLocations,
    scopes: input.scopes,
    redirectUri: input.redirectUri,
    state: input.state ?? null,
    createdAt: runtime.clock.now(),
    revokedAt: null,
  }
  runtime.repos.oauth.insertGrant(grant)
  return grant
}

/** `POST /oauth/token`'s success body, field for field as the real platform sends it. */
export interface TokenResponse {
  access_token: string
  token_type: 'Bearer'
  expires_in: number
  refresh_token: string
  scope: string
  refreshTokenId: string
  userType: 'Location' | 'Company'
  companyId: string
  locationId?: string
  approvedLocations?: string[]
  isBulkInstallation: boolean
  userId: string
  planId?: string
}

/** Mints a fresh access token and refresh token for a grant. */
export function issueTokenPair(runtime: Runtime, app: App, grant: GrantRow, source: 'authorization_code' | 'refresh_token'): TokenResponse {
  const access = mintOAuthToken(runtime, {
    app,
    authClass: grant.userType,
    companyId: grant.companyId,
    locationId: grant.locationId,
    userId: grant.userId,
    scopes: grant.scopes,
    installId: grant.installId,
    source,
    parentId: grant.id,
  })
  const refresh = mintRefreshToken(runtime, app, grant)
  const body: TokenResponse = {
    access_token: access.token,
    token_type: 'Bearer',
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    refresh_token: refresh.token,
    scope: grant.scopes.join(' '),
    refreshTokenId: refresh.row.id,
    userType: grant.userType,
    companyId: grant.companyId,
    isBulkInstallation: grant.isBulk,
    userId: grant.userId ?? '',
  }
  if (grant.userType === 'Location' && grant.locationId) body.locationId = grant.locationId
  if (grant.isBulk) body.approvedLocations = grant.approvedLocations
  if (app.planId) body.planId = app.planId
  return orderLikeReal(body)
}

/** The key order of the platform's sample response, so byte-level snapshots look familiar. */
function orderLikeReal(body: TokenResponse): TokenResponse {
  const order: (keyof TokenResponse)[] = [
    'access_token', 'token_type', 'expires_in', 'refresh_token', 'scope', 'refreshTokenId', 'userType',
    'companyId', 'locationId', 'approvedLocations', 'isBulkInstallation', 'userId', 'planId',
  ]
  const out: Record<string, unknown> = {}
  for (const key of order) if (body[key] !== undefined) out[key] = body[key]
  return out as unknown as TokenResponse
}

/** Revokes a grant's whole family: the grant, its refresh tokens and every access token issued from it. */
export function revokeGrant(runtime: Runtime, grantId: string): void {
  const now = runtime.clock.now()
  const { oauth, tokens } = runtime.repos
  oauth.revokeGrant(grantId, now)
  oauth.revokeRefreshTokensByGrant(grantId, now)
  tokens.revokeByParent(grantId, now)
}

