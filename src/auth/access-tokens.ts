// The token model: OAuth access tokens (RS256 JWTs signed with the local key) and private
// integration tokens (`pit-<uuid>`), both recorded so expiry, revocation and scope edits apply
// at once. The gateway authenticates with this; the OAuth endpoints and /_mock/tokens mint with it.
import { createHash, randomBytes, randomUUID, sign, verify } from 'node:crypto'
import type { Clock } from '../clock.js'
import type { Repos } from '../storage/repos.js'
import type { AuthClass, TokenRow } from '../storage/tokens.js'
import type { App } from '../world/model.js'
import type { KeyMaterial } from './keys.js'

/** HighLevel's access tokens live a day less one second (`expires_in: 86399`). */
export const ACCESS_TOKEN_TTL_SECONDS = 86_399

export interface TokenServices {
  repos: Repos
  clock: Clock
  keys: KeyMaterial
}

export interface MintOAuthInput {
  app: App
  authClass: AuthClass
  companyId: string
  locationId?: string | null
  userId?: string | null
  scopes: string[]
  installId?: string | null
  source: string
  parentId?: string | null
  /** Lifetime in seconds; default 86,399. */
  expiresIn?: number
}

export interface MintedToken {
  token: string
  row: TokenRow
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url')

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url')

/** Signs claims as a compact RS256 JWT. */
export function signJwt(claims: Record<string, unknown>, keys: KeyMaterial): string {
  const unsigned = `${base64url({ alg: 'RS256', typ: 'JWT' })}.${base64url(claims)}`
  const signature = sign('sha256', Buffer.from(unsigned), keys.tokenRsa.privateKey).toString('base64url')
  return `${unsigned}.${signature}`
}

/** The claims of a JWT signed with our key, or undefined for anything else. */
export function verifyJwt(token: string, keys: KeyMaterial): Record<string, unknown> | undefined {
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  const [header, payload, signature] = parts as [string, string, string]
  const valid = verify('sha256', Buffer.from(`${header}.${payload}`), keys.tokenRsa.publicKey, Buffer.from(signature, 'base64url'))
  if (!valid) return undefined
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
  } catch {
    return undefined
  }
}

/** Mints an OAuth access token with the claims real tokens carry (authClass, oauthMeta.scopes, …). */
export function mintOAuthToken(services: TokenServices, input: MintOAuthInput): MintedToken {
  const now = services.clock.now()
  const expiresIn = input.expiresIn ?? ACCESS_TOKEN_TTL_SECONDS
  const authClassId = input.authClass === 'Location' ? input.locationId! : input.companyId
  const claims = {
    authClass: input.authClass,
    authClassId,
    source: 'INTEGRATION',
    sourceId: input.app.clientId,
    channel: 'OAUTH',
    primaryAuthClassId: authClassId,
    oauthMeta: {
      scopes: input.scopes,
      client: input.app.id,
      clientKey: input.app.clientId,
      versionId: input.app.versionId,
    },
    iat: Math.floor(now / 1000),
    exp: Math.floor(now / 1000) + expiresIn,
    // Two tokens minted in the same second for the same grant must still differ.
    jti: randomBytes(12).toString('hex'),
  }
  const token = signJwt(claims, services.keys)
  const row: TokenRow = {
    id: randomUUID(),
    tokenHash: hashToken(token),
    kind: 'oauth',
    appId: input.app.id,
    clientId: input.app.clientId,
    authClass: input.authClass,
    companyId: input.companyId,
    locationId: input.authClass === 'Location' ? input.locationId! : null,
    userId: input.userId ?? null,
    scopes: input.scopes,
    installId: input.installId ?? null,
    source: input.source,
    parentId: input.parentId ?? null,
    createdAt: now,
    expiresAt: now + expiresIn * 1000,
    revokedAt: null,
  }
  services.repos.tokens.insert(row)
  return { token, row }
}

export interface MintPitInput {
  authClass: AuthClass
  companyId: string
  locationId?: string | null
  scopes: string[]
  parentId?: string | null
}

/** Mints a private integration token: opaque, never expiring unless rotated or revoked. */
export function mintPrivateIntegrationToken(services: TokenServices, input: MintPitInput): MintedToken {
  const token = `pit-${randomUUID()}`
  const row: TokenRow = {
    id: randomUUID(),
    tokenHash: hashToken(token),
    kind: 'pit',
    appId: null,
    clientId: null,
    authClass: input.authClass,
    companyId: input.companyId,
    locationId: input.authClass === 'Location' ? input.locationId! : null,
    userId: null,
    scopes: input.scopes,
    installId: null,
    source: 'private_integration',
    parentId: input.parentId ?? null,
    createdAt: services.clock.now(),
    expiresAt: null,
    revokedAt: null,
  }
  services.repos.tokens.insert(row)
  return { token, row }
}

/**
 * The live token behind a bearer string, or undefined when it is unknown, forged, expired or
 * revoked (the platform answers all of those with "Invalid JWT").
 */
export function authenticate(services: TokenServices, bearer: string): TokenRow | undefined {
  const tokenHash = verifiedHash(services.keys, bearer)
  if (tokenHash === undefined) return undefined
  const row = services.repos.tokens.getByHash(tokenHash)
  if (!row || row.revokedAt !== null) return undefined
  if (row.expiresAt !== null && row.expiresAt <= services.clock.now()) return undefined
  return row
}

/** Verified bearer strings and their hashes, per signing key; bounded, emptied when full. */
const verifiedTokens = new WeakMap<KeyMaterial, Map<string, string>>()
const VERIFIED_LIMIT = 10_000

/**
 * The stored-token hash of a bearer string whose signature checks out (PITs have none to check),
 * or undefined. A signature never changes validity, so each string is verified and hashed once;
 * the row (revocation, expiry, scopes) is still read on every request. This is the hot path of
 * every API call: an RS256 verify costs far more than everything else the gateway does.
 */
function verifiedHash(keys: KeyMaterial, bearer: string): string | undefined {
  let known = verifiedTokens.get(keys)
  if (known === undefined) verifiedTokens.set(keys, (known = new Map()))
  const cached = known.get(bearer)
  if (cached !== undefined) return cached
  if (!bearer.startsWith('pit-') && !verifyJwt(bearer, keys)) return undefined
  if (known.size >= VERIFIED_LIMIT) known.clear()
  const tokenHash = hashToken(bearer)
  known.set(bearer, tokenHash)
  return tokenHash
}
