// Authorization codes: single use, ten minutes on the clock, bound to the client and the
// redirect URI they were issued for. Presenting a used code revokes what it issued (RFC 6749 §4.1.2).
import { randomBytes } from 'node:crypto'
import { hashToken } from '../auth/access-tokens.js'
import { GhlError } from '../errors.js'
import type { Runtime } from '../runtime.js'
import type { GrantRow } from '../storage/oauth.js'
import type { App } from '../world/model.js'
import { assertUserType, type GrantChecks } from './grant-checks.js'
import { revokeGrant } from './grants.js'
import { oauthMessages } from './messages.js'

/** How long a code can be exchanged: ten minutes, the common ceiling RFC 6749 §4.1.2 recommends. */
export const CODE_TTL_MS = 10 * 60_000

/** Issues a code for a grant, to be sent to `redirectUri`. */
export function issueCode(runtime: Runtime, grant: GrantRow, app: App, redirectUri: string): string {
  const code = randomBytes(20).toString('hex')
  const now = runtime.clock.now()
  runtime.repos.oauth.insertCode({
    codeHash: hashToken(code),
    grantId: grant.id,
    clientId: app.clientId,
    redirectUri,
    createdAt: now,
    expiresAt: now + CODE_TTL_MS,
    usedAt: null,
  })
  return code
}

/**
 * Spends a code and returns its grant, or throws a 400. `redirectUri` is optional (HighLevel's
 * sample app omits it) but must match exactly when sent.
 */
export function redeemCode(runtime: Runtime, app: App, code: string, checks: GrantChecks): GrantRow {
  const { redirectUri } = checks
  const { oauth } = runtime.repos
  const now = runtime.clock.now()
  const hash = hashToken(code)
  const row = oauth.getCode(hash)
  if (!row) throw new GhlError(400, oauthMessages.invalidCode)
  if (row.clientId !== app.clientId) throw new GhlError(400, oauthMessages.codeOtherClient)
  if (row.usedAt !== null) {
    runtime.repos.transaction(() => revokeGrant(runtime, row.grantId))
    throw new GhlError(400, oauthMessages.usedCode)
  }
  if (row.expiresAt <= now) throw new GhlError(400, oauthMessages.expiredCode)
  if (redirectUri !== undefined && redirectUri !== row.redirectUri) throw new GhlError(400, oauthMessages.redirectMismatch)
  const grant = oauth.getGrant(row.grantId)
  if (!grant || grant.revokedAt !== null) throw new GhlError(400, oauthMessages.revokedGrant)
  assertUserType(grant, checks.userType)
  if (!oauth.useCode(hash, now)) {
    runtime.repos.transaction(() => revokeGrant(runtime, row.grantId))
    throw new GhlError(400, oauthMessages.usedCode)
  }
  return grant
}
