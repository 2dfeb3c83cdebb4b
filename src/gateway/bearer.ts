// The Authorization header rule: a Bearer token that the token model recognises as live.
// Which token kinds exist and how they expire is src/auth's business, not this file's.
import { authenticate, type TokenServices } from '../auth/access-tokens.js'
import { messages, unauthorized } from '../errors.js'
import type { TokenRow } from '../storage/tokens.js'

/** The caller's live token, or HighLevel's 401 for a missing header or an unusable token. */
export function checkBearer(services: TokenServices, header: string | undefined): TokenRow {
  if (header === undefined || header.trim() === '') throw unauthorized(messages.authorizationMissing)
  const token = bearerToken(header)
  const row = token === undefined ? undefined : authenticate(services, token)
  if (row === undefined) throw unauthorized(messages.invalidJwt)
  return row
}

/** The token of a `Bearer <token>` header (scheme case-insensitive); undefined for any other shape. */
export function bearerToken(header: string): string | undefined {
  // Hand-rolled rather than a regex: this runs on every request and headers are ~1 KB JWTs.
  const text = header.trim()
  if (text.length < 8 || text.slice(0, 6).toLowerCase() !== 'bearer' || (text[6] !== ' ' && text[6] !== '\t')) return undefined
  const token = text.slice(7).trimStart()
  return token === '' || /\s/.test(token) ? undefined : token
}
