// Users as the users.json endpoints show and accept them: the wire shape, the permission
// defaults, reading a create/update body, and who may see or change whom. No HTTP, no SQL.
import type { JsonObject } from '../kit/body.js'
import type { TokenRow } from '../../storage/tokens.js'
import type { User } from '../../world/model.js'
import type { Problems } from '../kit/problems.js'

/** What is stored beside the tenant model's fields (never the password). */
export type StoredUser = User & {
  profilePhoto?: string
  scopesAssignedToOnly?: string[]
  twilioPhone?: Record<string, string>
}

export const userMessages = {
  notFound: 'User not found',
  emailTaken: 'User with this email already exists',
  invalidLocations: 'One or more locationIds do not belong to the company',
} as const

/** `PermissionsDto`'s defaults, as the spec lists them. */
export const defaultPermissions: Readonly<Record<string, boolean>> = {
  campaignsEnabled: true, campaignsReadOnly: false, contactsEnabled: true, workflowsEnabled: true,
  workflowsReadOnly: false, triggersEnabled: true, funnelsEnabled: true, websitesEnabled: false,
  opportunitiesEnabled: true, dashboardStatsEnabled: true, bulkRequestsEnabled: true, appointmentsEnabled: true,
  reviewsEnabled: true, onlineListingsEnabled: true, phoneCallEnabled: true, conversationsEnabled: true,
  assignedDataOnly: false, adwordsReportingEnabled: false, membershipEnabled: false,
  facebookAdsReportingEnabled: false, attributionsReportingEnabled: false, settingsEnabled: true, tagsEnabled: true,
  leadValueEnabled: true, marketingEnabled: true, agentReportingEnabled: true, botService: false, socialPlanner: true,
  bloggingEnabled: true, invoiceEnabled: true, affiliateManagerEnabled: true, contentAiEnabled: true,
  refundsEnabled: true, recordPaymentEnabled: true, cancelSubscriptionEnabled: true, paymentsEnabled: true,
  communitiesEnabled: true, exportPaymentsEnabled: true,
}

export const userTypes = ['agency', 'account'] as const
export const userRoles = ['admin', 'user'] as const
export const platformLanguages = ['en_US', 'es', 'fr_CA', 'fr_FR', 'nl', 'de', 'pt_PT', 'pt_BR', 'it', 'sv', 'da', 'fi', 'no'] as const

/**
 * The user on the wire (`UserSchema`). `scopes` is a space-separated string when set and absent
 * otherwise: the spec types it as one scope name, which no multi-scope user can satisfy.
 */
export function renderUser(user: StoredUser): Record<string, unknown> {
  const { scopes, scopesAssignedToOnly: _assigned, twilioPhone: _twilio, ...rest } = user
  return scopes === '' ? rest : { ...rest, scopes }
}

/** Whether this token may see the user: same agency, and for a sub-account token, same sub-account. */
export function maySee(auth: TokenRow, user: User): boolean {
  if (user.deleted || user.companyId !== auth.companyId) return false
  return auth.authClass === 'Company' || user.roles.locationIds.includes(auth.locationId ?? '')
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** The fields of a CreateUserDto/UpdateUserDto body that are present, checked; `required` for create. */
export function readUserInput(input: JsonObject, problems: Problems, required: boolean) {
  const firstName = problems.text('firstName', input.firstName, required)
  const lastName = problems.text('lastName', input.lastName, required)
  const email = problems.text('email', input.email, required)
  if (email !== undefined && !EMAIL.test(email)) problems.add('email must be an email')
  // Required on create and never stored or returned.
  problems.text('password', input.password, required)
  const phone = problems.text('phone', input.phone, false)
  const type = problems.oneOf('type', input.type, userTypes)
  if (required && input.type === undefined) problems.add('type should not be empty')
  const role = problems.oneOf('role', input.role, userRoles)
  if (required && input.role === undefined) problems.add('role should not be empty')
  const locationIds = problems.strings('locationIds', input.locationIds)
  if (required && input.locationIds === undefined) problems.add('locationIds should not be empty')
  const scopes = problems.strings('scopes', input.scopes)
  const scopesAssignedToOnly = problems.strings('scopesAssignedToOnly', input.scopesAssignedToOnly)
  const profilePhoto = problems.text('profilePhoto', input.profilePhoto, false)
  const platformLanguage = problems.oneOf('platformLanguage', input.platformLanguage, platformLanguages)
  const permissions = readPermissions(input.permissions, problems)
  const twilioPhone = readPhoneMap(input.twilioPhone, problems)
  return {
    firstName, lastName, email, phone, type, role, locationIds, scopes, scopesAssignedToOnly,
    profilePhoto, platformLanguage, permissions, twilioPhone,
  }
}

export type UserInput = ReturnType<typeof readUserInput>

function readPermissions(raw: unknown, problems: Problems): Record<string, boolean> | undefined {
  if (raw === undefined) return undefined
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.add('permissions must be an object')
    return undefined
  }
  const out: Record<string, boolean> = {}
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in defaultPermissions)) continue
    if (typeof value !== 'boolean') problems.add(`permissions.${key} must be a boolean value`)
    else out[key] = value
  }
  return out
}

function readPhoneMap(raw: unknown, problems: Problems): Record<string, string> | undefined {
  if (raw === undefined) return undefined
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || Object.values(raw).some((v) => typeof v !== 'string')) {
    problems.add('twilioPhone must be an object of phone numbers keyed by location id')
    return undefined
  }
  return raw as Record<string, string>
}
