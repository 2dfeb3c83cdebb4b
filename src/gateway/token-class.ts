// Token kind against the operation's security schemes: which of the four token kinds (location
// or agency, OAuth or private integration) an operation accepts, and the 401 for the others.
import type { SecurityScheme } from '../generated/index.js'
import { unauthorized } from '../errors.js'
import type { TokenRow } from '../storage/tokens.js'

/**
 * Refusal messages. The first two are what the live platform answers (reported by third parties
 * who hit them); the third is ours, since no live answer for a PIT on an `-Only` scheme is known.
 */
export const classMessages = {
  /** An OAuth token of the wrong class (a Company token on a sub-account route, or the reverse). */
  oauthClass: 'This authClass type is not allowed to access this scope. Please reach out to the Platform team to get it added.',
  /** A private integration token of the wrong class. */
  pitClass: "Token's user type mismatch!",
  /** A private integration token where only OAuth tokens are accepted (`*-Access-Only`). */
  pitNotAccepted: 'This route does not accept Private Integration Tokens; use an OAuth access token.',
} as const

/** Which token kinds an operation accepts, precomputed once per operation. */
export interface TokenKinds {
  locationOAuth: boolean
  locationPit: boolean
  companyOAuth: boolean
  companyPit: boolean
}

/**
 * `bearer` and `Location-Access`: sub-account OAuth token or sub-account PIT; `Location-Access-Only`:
 * sub-account OAuth token; `Agency-Access`: agency OAuth token or agency PIT; `Agency-Access-Only`:
 * agency OAuth token (the securitySchemes' descriptions in every spec). No scheme: any token.
 */
export function acceptedKinds(schemes: readonly SecurityScheme[]): TokenKinds {
  if (schemes.length === 0) return { locationOAuth: true, locationPit: true, companyOAuth: true, companyPit: true }
  const has = (s: SecurityScheme) => schemes.includes(s)
  const location = has('bearer') || has('Location-Access')
  const agency = has('Agency-Access')
  return {
    locationOAuth: location || has('Location-Access-Only'),
    locationPit: location,
    companyOAuth: agency || has('Agency-Access-Only'),
    companyPit: agency,
  }
}

/** Throws a 401 when the operation does not accept this kind of token. */
export function checkTokenClass(kinds: TokenKinds, token: TokenRow): void {
  const location = token.authClass === 'Location'
  if (token.kind === 'oauth') {
    if (location ? kinds.locationOAuth : kinds.companyOAuth) return
    throw unauthorized(classMessages.oauthClass)
  }
  if (location ? kinds.locationPit : kinds.companyPit) return
  // Right class, but the class is only open to OAuth tokens: the PIT itself is the problem.
  const classOpen = location ? kinds.locationOAuth : kinds.companyOAuth
  throw unauthorized(classOpen ? classMessages.pitNotAccepted : classMessages.pitClass)
}
