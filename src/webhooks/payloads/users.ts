// UserCreate payload from a stored user, as the UserCreate page documents it: a sub-account user is
// addressed to its first location (`locationId`), an agency user to its agency (`companyId`).
// Pure; writes and triggers both come through here.
import type { User } from '../../world/model.js'

type Json = Record<string, unknown>

/** The location a user's event is addressed to (null for agency users). */
export function userLocationOf(user: User): string | null {
  return user.roles.type === 'account' ? (user.roles.locationIds[0] ?? null) : null
}

export function userPayload(type: string, user: User): Json {
  const locationId = userLocationOf(user)
  return {
    type,
    ...(locationId ? { locationId } : { companyId: user.companyId }),
    id: user.id,
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    phone: user.phone,
    extension: user.extension,
    role: user.roles.role,
    permissions: user.permissions,
    locations: user.roles.locationIds,
  }
}
