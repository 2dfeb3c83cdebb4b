// Loading an opportunity so that another tenant's id reads exactly like an unknown id. Who may
// act where is the resource kit's rule (opportunity operations take sub-account tokens only: the
// gateway refuses agency tokens before a handler runs).
import { GhlError } from '../../errors.js'
import type { RecordRow } from '../../storage/records.js'
import type { Repos } from '../../storage/repos.js'
import type { TokenRow } from '../../storage/tokens.js'
import { mayActIn } from '../kit/index.js'

type Json = Record<string, unknown>

/**
 * HighLevel answers an unknown opportunity id with 400, not 404 (the spec lists no 404 for any
 * opportunity operation; its NestJS services use BadRequest for "not found" lookups).
 */
export const opportunityNotFound = () => new GhlError(400, 'Opportunity not found')

/** The opportunity if the caller may see it; otherwise the same 400 as an unknown id (never a leak). */
export function loadOpportunity(repos: Repos, auth: TokenRow, id: string): RecordRow<Json> {
  const row = repos.opportunities.get(id)
  if (!row || !mayActIn(repos, auth, row.locationId)) throw opportunityNotFound()
  return row
}
