// LocationCreate / LocationUpdate payloads from a stored sub-account. The page documents
// `{type, id, name, email, stripeProductId, companyId}`; the address fields follow as the
// emulator has always sent them. Pure; writes and triggers both come through here.
import type { Location } from '../../world/model.js'

type Json = Record<string, unknown>

export type LocationEventType = 'LocationCreate' | 'LocationUpdate'

export function locationPayload(type: string, location: Location): Json {
  return {
    type,
    id: location.id,
    companyId: location.companyId,
    name: location.name,
    email: location.email,
    phone: location.phone,
    address: location.address,
    city: location.city,
    state: location.state,
    country: location.country,
    postalCode: location.postalCode,
    website: location.website,
    timezone: location.timezone,
  }
}
