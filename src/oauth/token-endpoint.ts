// POST /oauth/token: exchanges an authorization code or a refresh token for a token pair.
// Form-encoded is canonical (the SDK sends it), JSON is accepted; no Version header, no bearer.
// Order: 422 (malformed request) → 401 (client credentials) → 400 (code or refresh token).
import type { Context } from 'hono'
import type { App as HonoApp, AppEnv } from '../app-env.js'
import { GhlError, assertValid } from '../errors.js'
import { readFormOrJson, type JsonObject } from '../http/json-body.js'
import type { Runtime } from '../runtime.js'
import { authenticateClient } from './client-auth.js'
import { redeemCode } from './codes.js'
import { issueTokenPair } from './grants.js'
import { oauthMessages } from './messages.js'
import { redeemRefreshToken } from './refresh-tokens.js'

const GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials'] as const
const USER_TYPES = ['Company', 'Location'] as const

export interface TokenRequest {
  clientId: string
  clientSecret: string
  grantType: (typeof GRANT_TYPES)[number]
  code?: string
  refreshToken?: string
  userType?: (typeof USER_TYPES)[number]
  redirectUri?: string
}

/**
 * Validates the body as HighLevel's class-validator DTO does and lists every problem, e.g.
 * `["grant_type must be a valid enum value", "grant_type should not be empty"]`.
 */
export function validateTokenRequest(body: JsonObject): TokenRequest {
  const problems: string[] = []
  const requiredString = (field: string) => {
    const value = body[field]
    if (value === undefined || value === null) problems.push(`${field} must be a string`, `${field} should not be empty`)
    else if (typeof value !== 'string') problems.push(`${field} must be a string`)
    else if (value === '') problems.push(`${field} should not be empty`)
  }
  const optionalString = (field: string) => {
    const value = body[field]
    if (value !== undefined && value !== null && typeof value !== 'string') problems.push(`${field} must be a string`)
  }
  const enumValue = (field: string, allowed: readonly string[], required: boolean) => {
    const value = body[field]
    const missing = value === undefined || value === null || value === ''
    if (missing && !required) return
    if (!allowed.includes(value as string)) problems.push(`${field} must be a valid enum value`)
    if (missing) problems.push(`${field} should not be empty`)
  }

  requiredString('client_id')
  requiredString('client_secret')
  enumValue('grant_type', GRANT_TYPES, true)
  if (body.grant_type === 'authorization_code') requiredString('code')
  else optionalString('code')
  if (body.grant_type === 'refresh_token') requiredString('refresh_token')
  else optionalString('refresh_token')
  enumValue('user_type', USER_TYPES, false)
  optionalString('redirect_uri')
  assertValid(problems)

  const text = (field: string) => (typeof body[field] === 'string' && body[field] !== '' ? (body[field] as string) : undefined)
  return {
    clientId: body.client_id as string,
    clientSecret: body.client_secret as string,
    grantType: body.grant_type as TokenRequest['grantType'],
    code: text('code'),
    refreshToken: text('refresh_token'),
    userType: text('user_type') as TokenRequest['userType'],
    redirectUri: text('redirect_uri'),
  }
}

export function tokenRoutes(app: HonoApp, runtime: Runtime): void {
  app.post('/oauth/token', async function exchangeToken(c) {
    const request = validateTokenRequest(await readTokenBody(c))
    const client = authenticateClient(runtime.repos, request.clientId, request.clientSecret)
    if (!client) throw new GhlError(401, oauthMessages.invalidClient)
    const checks = { redirectUri: request.redirectUri, userType: request.userType }
    // Redeeming commits on its own: a reused code must stay revoked although the request fails.
    const grant =
      request.grantType === 'authorization_code'
        ? redeemCode(runtime, client, request.code!, checks)
        : request.grantType === 'refresh_token'
          ? redeemRefreshToken(runtime, client, request.refreshToken!, checks)
          : undefined
    if (!grant) throw new GhlError(400, oauthMessages.unsupportedGrant)
    const body = runtime.repos.transaction(() => issueTokenPair(runtime, client, grant, request.grantType as 'authorization_code' | 'refresh_token'))
    // RFC 6749 §5.1: token responses must not be cached.
    c.header('Cache-Control', 'no-store')
    c.header('Pragma', 'no-cache')
    return c.json(body, 200)
  })
}

/** Form (canonical), JSON, or multipart (what `curl -F` sends). */
async function readTokenBody(c: Context<AppEnv>): Promise<JsonObject> {
  if ((c.req.header('content-type') ?? '').includes('multipart/form-data')) {
    const parsed = await c.req.parseBody()
    return Object.fromEntries(Object.entries(parsed).filter(([, value]) => typeof value === 'string'))
  }
  return readFormOrJson(c)
}
