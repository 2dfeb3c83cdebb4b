// How an opportunity looks on the wire: the stored record without unset fields, a monetary value
// of 0 when none was given, and the contact summary the real API embeds. Reads, never writes.
import type { Repos } from '../../storage/repos.js'

type Json = Record<string, unknown>

/** A copy without null or undefined fields: the API omits what is unset (the spec types them non-null). */
export function withoutNulls(data: Json): Json {
  const out: Json = {}
  for (const [key, value] of Object.entries(data)) if (value !== null && value !== undefined) out[key] = value
  return out
}

/** `contact {id, name, companyName, email, phone, tags}` as search and get embed it. */
export function contactSummary(contact: Json): Json {
  const first = typeof contact.firstName === 'string' ? contact.firstName : ''
  const last = typeof contact.lastName === 'string' ? contact.lastName : ''
  const name = typeof contact.name === 'string' ? contact.name : `${first} ${last}`.trim() || contact.contactName
  return withoutNulls({
    id: contact.id,
    name: name || null,
    companyName: contact.companyName,
    email: contact.email,
    phone: contact.phone,
    tags: Array.isArray(contact.tags) ? contact.tags : [],
  })
}

export interface ViewOptions {
  /** Add empty `notes`/`tasks`/`calendarEvents` (search's getNotes/getTasks/getCalendarEvents). */
  extras?: { notes?: boolean; tasks?: boolean; calendarEvents?: boolean }
}

/**
 * The opportunity as the API answers it. `contact` is looked up by id (a deleted contact leaves
 * no summary); pass a Map to share lookups across a page.
 */
export function viewOpportunity(repos: Repos, data: Json, options: ViewOptions = {}, contacts?: Map<string, Json | undefined>): Json {
  const out = withoutNulls(data)
  out.monetaryValue ??= 0
  out.customFields ??= []
  out.followers ??= []
  const contactId = typeof data.contactId === 'string' ? data.contactId : undefined
  if (contactId) {
    let contact = contacts?.get(contactId)
    if (contact === undefined && !contacts?.has(contactId)) {
      contact = repos.contacts.getInLocation(String(data.locationId), contactId)?.data
      contacts?.set(contactId, contact)
    }
    if (contact) out.contact = contactSummary(contact)
  }
  // The real API does not fill these (highlevel-api-docs#305); asked for, they come back empty.
  if (options.extras?.notes) out.notes = []
  if (options.extras?.tasks) out.tasks = []
  if (options.extras?.calendarEvents) out.calendarEvents = []
  return out
}

export function viewOpportunities(repos: Repos, rows: readonly Json[], options: ViewOptions = {}): Json[] {
  const contacts = new Map<string, Json | undefined>()
  return rows.map((data) => viewOpportunity(repos, data, options, contacts))
}
