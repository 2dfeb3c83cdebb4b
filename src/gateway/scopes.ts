// Scope rules: whether a token holds what an operation requires.
// The set of known scopes is spec data: src/spec/scope-catalog.ts.
import type { TokenRow } from '../storage/tokens.js'

/** True when the token holds every required scope (an operation with none accepts any token). */
export function hasScopes(token: TokenRow, required: readonly string[]): boolean {
  for (const scope of required) if (!token.scopes.includes(scope)) return false
  return true
}

/** Splits a scope list given as an array or as one space-separated string (OAuth's form). */
export function parseScopeList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return value.split(/\s+/).filter((s) => s !== '')
  if (Array.isArray(value) && value.every((s) => typeof s === 'string')) return value.flatMap((s) => s.split(/\s+/)).filter((s) => s !== '')
  return undefined
}
