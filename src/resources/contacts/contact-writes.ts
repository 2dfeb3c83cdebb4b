// The contact writes every handler shares: insert, save (with its ContactUpdate, DND and tag
// events), duplicate checks against the location's setting, and the location tag list. Callers
// run these inside a transaction; nothing here reads a request.
import type { Runtime } from '../../runtime.js'
import type { RecordRow } from '../../storage/records.js'
import type { Location } from '../../world/model.js'
import { ghlId } from '../../world/ids.js'
import { DuplicateContactError, allowsDuplicates, emitContact } from './contact-access.js'
import { nowOf } from '../kit/index.js'
import { applyContactChanges, newContactBase, type ContactChanges } from './contact-shape.js'

type Json = Record<string, unknown>

export function insertContact(runtime: Runtime, location: Location, changes: ContactChanges): Json {
  assertNoDuplicate(runtime, location, changes, undefined)
  const now = nowOf(runtime)
  const id = ghlId()
  const contact = applyContactChanges(newContactBase(id, location.id, now.iso), changes, now.iso)
  runtime.repos.contacts.insert({ id, locationId: location.id, data: contact, createdAt: now.ms, updatedAt: now.ms })
  addLocationTags(runtime, location.id, contact.tags)
  emitContact(runtime, 'ContactCreate', contact)
  return contact
}

/**
 * Which events a save emits: `update` ContactUpdate plus ContactDndUpdate / ContactTagUpdate when
 * those changed (PUT, upsert); `specific` only the latter two (the tag endpoints); `none` nothing
 * (followers, which no documented event reports).
 */
export type SaveEvents = 'update' | 'specific' | 'none'

/** Writes the changes to a stored contact and emits the events `events` names. */
export function saveContact(runtime: Runtime, row: RecordRow<Json>, changes: ContactChanges, events: SaveEvents = 'update'): Json {
  const now = nowOf(runtime)
  const next = applyContactChanges(row.data, changes, now.iso)
  runtime.repos.contacts.update(row.id, next, now.ms)
  addLocationTags(runtime, row.locationId, next.tags)
  if (events === 'none') return next
  if (events === 'update') emitContact(runtime, 'ContactUpdate', next)
  if (dndOf(row.data) !== dndOf(next)) emitContact(runtime, 'ContactDndUpdate', next)
  if (tagsOf(row.data) !== tagsOf(next)) emitContact(runtime, 'ContactTagUpdate', next)
  return next
}

/** New tags on a contact join the location's tag list, as they do in HighLevel. */
export function addLocationTags(runtime: Runtime, locationId: string, tags: unknown): void {
  if (!Array.isArray(tags) || tags.length === 0) return
  runtime.repos.contactStore.ensureLocationTags(locationId, tags as string[], runtime.clock.now(), () => ghlId())
}

const dndOf = (contact: Json) => JSON.stringify([contact.dnd ?? false, contact.dndSettings ?? {}, contact.inboundDndSettings ?? {}])
const tagsOf = (contact: Json) => JSON.stringify([...((contact.tags as string[] | undefined) ?? [])].sort())

export function findMatch(runtime: Runtime, locationId: string, changes: ContactChanges): RecordRow<Json> | undefined {
  const store = runtime.repos.contactStore
  const email = typeof changes.set.email === 'string' && changes.set.email !== '' ? changes.set.email.toLowerCase() : undefined
  const phone = typeof changes.set.phone === 'string' && changes.set.phone !== '' ? changes.set.phone : undefined
  return (email ? store.findByEmail(locationId, email) : undefined) ?? (phone ? store.findByPhone(locationId, phone) : undefined)
}

/** Throws HighLevel's duplicate error when the email or phone being set belongs to another contact. */
export function assertNoDuplicate(runtime: Runtime, location: Location, changes: ContactChanges, selfId: string | undefined): void {
  if (allowsDuplicates(location)) return
  const clash = duplicateOf(runtime, location.id, changes, selfId)
  if (clash) throw new DuplicateContactError(clash.contactId, clash.field)
}

export function dropDuplicatingFields(runtime: Runtime, locationId: string, changes: ContactChanges, selfId: string): void {
  for (let clash = duplicateOf(runtime, locationId, changes, selfId); clash; clash = duplicateOf(runtime, locationId, changes, selfId)) {
    delete changes.set[clash.field]
  }
}

function duplicateOf(runtime: Runtime, locationId: string, changes: ContactChanges, selfId: string | undefined) {
  const store = runtime.repos.contactStore
  const email = changes.set.email
  if (typeof email === 'string' && email !== '') {
    const other = store.findByEmail(locationId, email.toLowerCase())
    if (other && other.id !== selfId) return { contactId: other.id, field: 'email' as const }
  }
  const phone = changes.set.phone
  if (typeof phone === 'string' && phone !== '') {
    const other = store.findByPhone(locationId, phone)
    if (other && other.id !== selfId) return { contactId: other.id, field: 'phone' as const }
  }
  return undefined
}
