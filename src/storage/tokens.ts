// Stored access tokens (OAuth JWTs and private integration tokens), matched by the SHA-256 of
// the token string. Only the token model in src/auth uses this; handlers ask src/auth.
// Rows read by hash are kept in memory (every API request looks one up); EVERY write below must
// call forget(), so a revocation or a scope edit applies to the very next request. A commit by
// another instance on the same file (which calls no forget() here) empties the cache too.
import type { Db } from './db.js'
import { watchOtherWriters } from './other-writers.js'

export type TokenKind = 'oauth' | 'pit'
export type AuthClass = 'Location' | 'Company'

export interface TokenRow {
  id: string
  tokenHash: string
  kind: TokenKind
  appId: string | null
  clientId: string | null
  authClass: AuthClass
  companyId: string
  locationId: string | null
  userId: string | null
  scopes: string[]
  installId: string | null
  /** How it was issued: `mock`, `authorization_code`, `refresh_token`, `location_token`, `private_integration`. */
  source: string
  /** The code, refresh token or install it came from, so revoking that revokes it too. */
  parentId: string | null
  createdAt: number
  expiresAt: number | null
  revokedAt: number | null
}

interface RawToken {
  id: string
  token_hash: string
  kind: TokenKind
  app_id: string | null
  client_id: string | null
  auth_class: AuthClass
  company_id: string
  location_id: string | null
  user_id: string | null
  scopes: string
  install_id: string | null
  source: string
  parent_id: string | null
  created_at: number
  expires_at: number | null
  revoked_at: number | null
}

function fromRaw(raw: RawToken | undefined): TokenRow | undefined {
  if (!raw) return undefined
  return {
    id: raw.id,
    tokenHash: raw.token_hash,
    kind: raw.kind,
    appId: raw.app_id,
    clientId: raw.client_id,
    authClass: raw.auth_class,
    companyId: raw.company_id,
    locationId: raw.location_id,
    userId: raw.user_id,
    scopes: raw.scopes === '' ? [] : raw.scopes.split(' '),
    installId: raw.install_id,
    source: raw.source,
    parentId: raw.parent_id,
    createdAt: raw.created_at,
    expiresAt: raw.expires_at,
    revokedAt: raw.revoked_at,
  }
}

export interface TokenRepo {
  insert(row: TokenRow): void
  get(id: string): TokenRow | undefined
  getByHash(tokenHash: string): TokenRow | undefined
  setScopes(id: string, scopes: string[]): void
  /** Ends a token now or at a later time (a rotated PIT's grace window). */
  setExpiry(id: string, expiresAt: number): void
  revoke(id: string, at: number): void
  revokeByParent(parentId: string, at: number): number
  revokeByInstall(installId: string, at: number): number
  /** Drops the in-memory rows (after writes, and when the database is wiped). */
  forget(): void
}

/** Rows kept in memory at most; past that the cache starts over. */
const CACHE_LIMIT = 10_000

export function createTokenRepo(db: Db): TokenRepo {
  const s = {
    insert: db.prepare(`INSERT INTO tokens (id, token_hash, kind, app_id, client_id, auth_class, company_id,
      location_id, user_id, scopes, install_id, source, parent_id, created_at, expires_at, revoked_at)
      VALUES (@id, @tokenHash, @kind, @appId, @clientId, @authClass, @companyId, @locationId, @userId, @scopes,
      @installId, @source, @parentId, @createdAt, @expiresAt, @revokedAt)`),
    get: db.prepare('SELECT * FROM tokens WHERE id = ?'),
    getByHash: db.prepare('SELECT * FROM tokens WHERE token_hash = ?'),
    setScopes: db.prepare('UPDATE tokens SET scopes = ? WHERE id = ?'),
    setExpiry: db.prepare('UPDATE tokens SET expires_at = ? WHERE id = ?'),
    revoke: db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    revokeByParent: db.prepare('UPDATE tokens SET revoked_at = ? WHERE parent_id = ? AND revoked_at IS NULL'),
    revokeByInstall: db.prepare('UPDATE tokens SET revoked_at = ? WHERE install_id = ? AND revoked_at IS NULL'),
  }
  const byHash = new Map<string, TokenRow>()
  const forget = () => byHash.clear()
  const committedElsewhere = watchOtherWriters(db)
  /** Runs a write and forgets every cached row: writes are rare, reads are every request. */
  const write = <T>(work: () => T): T => {
    forget()
    return work()
  }

  function getByHash(hash: string): TokenRow | undefined {
    if (committedElsewhere()) forget()
    const cached = byHash.get(hash)
    if (cached !== undefined) return cached
    const row = fromRaw(s.getByHash.get(hash) as RawToken | undefined)
    // Inside a transaction the row may still roll back; only committed rows are remembered.
    if (row !== undefined && !db.inTransaction) {
      if (byHash.size >= CACHE_LIMIT) byHash.clear()
      Object.freeze(row.scopes)
      byHash.set(hash, Object.freeze(row))
    }
    return row
  }

  return {
    insert: (row) => write(() => void s.insert.run({ ...row, scopes: row.scopes.join(' ') })),
    get: (id) => fromRaw(s.get.get(id) as RawToken | undefined),
    getByHash,
    setScopes: (id, scopes) => write(() => void s.setScopes.run(scopes.join(' '), id)),
    setExpiry: (id, expiresAt) => write(() => void s.setExpiry.run(expiresAt, id)),
    revoke: (id, at) => write(() => void s.revoke.run(at, id)),
    revokeByParent: (parentId, at) => write(() => s.revokeByParent.run(at, parentId).changes),
    revokeByInstall: (installId, at) => write(() => s.revokeByInstall.run(at, installId).changes),
    forget,
  }
}
