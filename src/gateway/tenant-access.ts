// Tenant access: a location or company named in the path, query or JSON body must be one the
// token may act on. Finding the ids is the pipeline's; this file judges them.
import { forbidden, messages } from '../errors.js'
import type { Repos } from '../storage/repos.js'
import type { TokenRow } from '../storage/tokens.js'

/**
 * The company of a location. The memory behind it lives with the locations repository, which
 * forgets a location when it is deleted (here or by another instance on the file): a deleted
 * location answers like one that never existed.
 */
export class LocationDirectory {
  constructor(private readonly repos: Repos) {}

  companyOf(locationId: string): string | undefined {
    return this.repos.locations.companyOf(locationId)
  }

  clear(): void {
    this.repos.locations.forgetCompanies()
  }
}

/**
 * A location token acts on its own location (and names its own company); an agency token acts on
 * its company and on that company's locations. Anything else is HighLevel's 403.
 */
export function checkLocationAccess(token: TokenRow, locationId: string, directory: LocationDirectory): void {
  if (token.locationId !== null ? locationId === token.locationId : directory.companyOf(locationId) === token.companyId) return
  throw forbidden(messages.locationForbidden)
}

export function checkCompanyAccess(token: TokenRow, companyId: string): void {
  if (companyId !== token.companyId) throw forbidden(messages.locationForbidden)
}

/** Field names that name a location or a company, wherever they appear (path, query, body). */
export const locationFields = ['locationId', 'location_id'] as const
export const companyFields = ['companyId'] as const

/**
 * Checks the tenant fields of a parsed body or query (top level only). `altId` counts as a
 * location id when `altType` is `location`, as in the invoices, products and payments specs.
 */
export function checkTenantFields(token: TokenRow, fields: Record<string, unknown>, directory: LocationDirectory): void {
  for (const name of locationFields) {
    const value = fields[name]
    if (typeof value === 'string' && value !== '') checkLocationAccess(token, value, directory)
  }
  const companyId = fields.companyId
  if (typeof companyId === 'string' && companyId !== '') checkCompanyAccess(token, companyId)
  const altId = fields.altId
  if (fields.altType === 'location' && typeof altId === 'string' && altId !== '') checkLocationAccess(token, altId, directory)
}
