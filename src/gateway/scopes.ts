// Scope rules: which scope strings exist, and whether a token holds what an operation requires.
import { allScopes } from '../spec/scope-catalog.js'
import type { TokenRow } from '../storage/tokens.js'
import { operationTable } from '../spec/operation-table.js'

/**
 * Every scope a token may carry: the documented Scopes table plus every scope an operation of
 * the specs requires (the specs name ~30 the table lacks, e.g. `associations.readonly`).
 */
export const knownScopes: ReadonlySet<string> = new Set([...allScopes, ...operationTable.flatMap((op) => op.requiredScopes)])

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
