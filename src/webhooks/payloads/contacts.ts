// Contact* payloads (ContactCreate/Update/Delete/DndUpdate/TagUpdate) from a stored contact, as the
// ContactCreate page documents them. Pure; a real write and a triggered event both come through here.
type Json = Record<string, unknown>

export type ContactEventType = 'ContactCreate' | 'ContactUpdate' | 'ContactDelete' | 'ContactDndUpdate' | 'ContactTagUpdate'

/** The documented fields after `type, locationId, id`, in the page's order. */
const FIELDS = [
  'address1', 'city', 'state', 'companyName', 'country', 'source', 'dateAdded', 'dateOfBirth', 'dnd', 'email', 'name',
  'firstName', 'lastName', 'phone', 'postalCode', 'tags', 'website', 'attachments', 'assignedTo', 'customFields',
] as const

const present = (value: unknown) => value !== undefined && value !== null

/**
 * Unset fields are left out rather than sent as null (the schema types every field as a string,
 * array or boolean); `name` comes from the name halves when the contact has none, and
 * `attachments` is always a list. ContactDndUpdate adds the contact's `dndSettings`.
 */
export function contactPayload(type: string, contact: Json): Json {
  const payload: Json = { type, locationId: contact.locationId, id: contact.id }
  for (const field of FIELDS) {
    const value = field === 'name' ? nameOf(contact) : field === 'attachments' ? (contact.attachments ?? []) : contact[field]
    if (present(value)) payload[field] = value
  }
  if (type === 'ContactDndUpdate') payload.dndSettings = contact.dndSettings ?? {}
  return payload
}

function nameOf(contact: Json): unknown {
  if (present(contact.name)) return contact.name
  const name = [contact.firstName, contact.lastName].filter((part) => typeof part === 'string' && part !== '').join(' ')
  return name === '' ? undefined : name
}
