// OAuth grants, authorization codes and refresh tokens. Codes and refresh tokens are matched by
// the SHA-256 of their string; the OAuth service in src/oauth decides what is valid.
import type { Db } from './db.js'
import type { AuthClass } from './tokens.js'

export interface GrantRow {
  id: string
  appId: string
  userType: AuthClass
  companyId: string
  locationId: string | null
  userId: string | null
  installId: string | null
  isBulk: boolean
  approvedLocations: string[]
  scopes: string[]
  redirectUri: string
  state: string | null
  createdAt: number
  revokedAt: number | null
}

export interface CodeRow {
  codeHash: string
  grantId: string
  clientId: string
  redirectUri: string
  createdAt: number
  expiresAt: number
  usedAt: number | null
}

export interface RefreshTokenRow {
  id: string
  tokenHash: string
  grantId: string
  createdAt: number
  expiresAt: number
  usedAt: number | null
  revokedAt: number | null
}

interface RawGrant {
  id: string
  app_id: string
  user_type: AuthClass
  company_id: string
  location_id: string | null
  user_id: string | null
  install_id: string | null
  is_bulk: number
  approved_locations: string
  scopes: string
  redirect_uri: string
  state: string | null
  created_at: number
  revoked_at: number | null
}

interface RawCode {
  code_hash: string
  grant_id: string
  client_id: string
  redirect_uri: string
  created_at: number
  expires_at: number
  used_at: number | null
}

interface RawRefresh {
  id: string
  token_hash: string
  grant_id: string
  created_at: number
  expires_at: number
  used_at: number | null
  revoked_at: number | null
}

const grantFromRaw = (raw: RawGrant): GrantRow => ({
  id: raw.id,
  appId: raw.app_id,
  userType: raw.user_type,
  companyId: raw.company_id,
  locationId: raw.location_id,
  userId: raw.user_id,
  installId: raw.install_id,
  isBulk: raw.is_bulk === 1,
  approvedLocations: JSON.parse(raw.approved_locations) as string[],
  scopes: raw.scopes === '' ? [] : raw.scopes.split(' '),
  redirectUri: raw.redirect_uri,
  state: raw.state,
  createdAt: raw.created_at,
  revokedAt: raw.revoked_at,
})

const codeFromRaw = (raw: RawCode): CodeRow => ({
  codeHash: raw.code_hash,
  grantId: raw.grant_id,
  clientId: raw.client_id,
  redirectUri: raw.redirect_uri,
  createdAt: raw.created_at,
  expiresAt: raw.expires_at,
  usedAt: raw.used_at,
})

const refreshFromRaw = (raw: RawRefresh): RefreshTokenRow => ({
  id: raw.id,
  tokenHash: raw.token_hash,
  grantId: raw.grant_id,
  createdAt: raw.created_at,
  expiresAt: raw.expires_at,
  usedAt: raw.used_at,
  revokedAt: raw.revoked_at,
})

export interface OAuthRepo {
  insertGrant(row: GrantRow): void
  getGrant(id: string): GrantRow | undefined
  revokeGrant(id: string, at: number): void
  /** Revokes the grants (and so the refresh tokens) that hang off an install; returns their ids. */
  revokeGrantsByInstall(installId: string, at: number): string[]
  insertCode(row: CodeRow): void
  getCode(codeHash: string): CodeRow | undefined
  /** Marks a code used; false when it was already used (two racing exchanges: one wins). */
  useCode(codeHash: string, at: number): boolean
  insertRefreshToken(row: RefreshTokenRow): void
  getRefreshToken(tokenHash: string): RefreshTokenRow | undefined
  /** Marks a refresh token used; false when it was already used or revoked. */
  useRefreshToken(id: string, at: number): boolean
  revokeRefreshTokensByGrant(grantId: string, at: number): number
  /** The scopes of an install's live grants, deduplicated; undefined when it has none (webhook scope checks). */
  liveScopesOfInstall(installId: string): string[] | undefined
}

export function createOAuthRepo(db: Db): OAuthRepo {
  const s = {
    insertGrant: db.prepare(`INSERT INTO oauth_grants (id, app_id, user_type, company_id, location_id, user_id, install_id,
      is_bulk, approved_locations, scopes, redirect_uri, state, created_at, revoked_at) VALUES (@id, @appId, @userType,
      @companyId, @locationId, @userId, @installId, @isBulk, @approvedLocations, @scopes, @redirectUri, @state, @createdAt,
      @revokedAt)`),
    getGrant: db.prepare('SELECT * FROM oauth_grants WHERE id = ?'),
    revokeGrant: db.prepare('UPDATE oauth_grants SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    grantsByInstall: db.prepare('SELECT id FROM oauth_grants WHERE install_id = ? AND revoked_at IS NULL').pluck(),
    insertCode: db.prepare(`INSERT INTO oauth_codes (code_hash, grant_id, client_id, redirect_uri, created_at, expires_at,
      used_at) VALUES (@codeHash, @grantId, @clientId, @redirectUri, @createdAt, @expiresAt, @usedAt)`),
    getCode: db.prepare('SELECT * FROM oauth_codes WHERE code_hash = ?'),
    useCode: db.prepare('UPDATE oauth_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL'),
    insertRefresh: db.prepare(`INSERT INTO refresh_tokens (id, token_hash, grant_id, created_at, expires_at, used_at,
      revoked_at) VALUES (@id, @tokenHash, @grantId, @createdAt, @expiresAt, @usedAt, @revokedAt)`),
    getRefresh: db.prepare('SELECT * FROM refresh_tokens WHERE token_hash = ?'),
    useRefresh: db.prepare('UPDATE refresh_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL'),
    revokeRefreshByGrant: db.prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE grant_id = ? AND revoked_at IS NULL'),
    liveScopesOfInstall: db.prepare('SELECT scopes FROM oauth_grants WHERE install_id = ? AND revoked_at IS NULL').pluck(),
  }
  return {
    insertGrant: (row) =>
      void s.insertGrant.run({
        ...row,
        isBulk: row.isBulk ? 1 : 0,
        approvedLocations: JSON.stringify(row.approvedLocations),
        scopes: row.scopes.join(' '),
      }),
    getGrant: (id) => {
      const raw = s.getGrant.get(id) as RawGrant | undefined
      return raw ? grantFromRaw(raw) : undefined
    },
    revokeGrant: (id, at) => void s.revokeGrant.run(at, id),
    revokeGrantsByInstall(installId, at) {
      const ids = s.grantsByInstall.all(installId) as string[]
      for (const id of ids) {
        s.revokeGrant.run(at, id)
        s.revokeRefreshByGrant.run(at, id)
      }
      return ids
    },
    insertCode: (row) => void s.insertCode.run(row),
    getCode: (hash) => {
      const raw = s.getCode.get(hash) as RawCode | undefined
      return raw ? codeFromRaw(raw) : undefined
    },
    useCode: (hash, at) => s.useCode.run(at, hash).changes === 1,
    insertRefreshToken: (row) => void s.insertRefresh.run(row),
    getRefreshToken: (hash) => {
      const raw = s.getRefresh.get(hash) as RawRefresh | undefined
      return raw ? refreshFromRaw(raw) : undefined
    },
    useRefreshToken: (id, at) => s.useRefresh.run(at, id).changes === 1,
    revokeRefreshTokensByGrant: (grantId, at) => s.revokeRefreshByGrant.run(at, grantId).changes,
    liveScopesOfInstall(installId) {
      const lists = s.liveScopesOfInstall.all(installId) as string[]
      return lists.length === 0 ? undefined : [...new Set(lists.flatMap((list) => list.split(' ').filter(Boolean)))]
    },
  }
}
