// What contact handlers share beyond the resource kit: the contact an id refers to (another
// tenant's record answers exactly like an unknown id), contact events, duplicate rules.
import { GhlError, badRequest } from '../../errors.js'
import { Problems, mayActOnLocationId, type Ctx } from '../kit/index.js'
import type { Runtime } from '../../runtime.js'
import type { RecordRow } from '../../storage/records.js'
import type { Location } from '../../world/model.js'
import { eventFor } from '../../webhooks/payloads/index.js'
import type { ContactEventType } from '../../webhooks/payloads/contacts.js'

type Json = Record<string, unknown>

/**
 * HighLevel answers unknown contact ids with 400 and this message (not 404); ids of another
 * location get the same answer, so nothing tells a tenant that the id exists elsewhere.
 */
export const contactNotFound = () => badRequest('Contact not found')

/** The contact `id` names, if the caller may see it; otherwise HighLevel's "not found" answer. */
export function contactOf(c: Ctx, id: string | undefined): RecordRow<Json> {
  const row = id ? c.var.runtime.repos.contacts.get(id) : undefined
  if (!row || !mayActOnLocationId(c, row.locationId)) throw contactNotFound()
  return row
}

/** Appends a contact event (payload as documented) to the outbox; call inside the write's transaction. */
export function emitContact(runtime: Runtime, type: ContactEventType, contact: Json): void {
  runtime.emit(eventFor(type, contact))
}

/** The location's "Allow Duplicate Contact" setting (off unless the location turned it on). */
export function allowsDuplicates(location: Location): boolean {
  return location.settings?.allowDuplicateContact === true
}

/** HighLevel's answer when a write would duplicate a contact the location already has. */
export class DuplicateContactError extends GhlError {
  constructor(contactId: string, matchingField: 'email' | 'phone') {
    super(400, 'This location does not allow duplicated contacts.')
    Object.assign(this.body, { meta: { contactId, matchingField } })
  }
}

/** An array of strings from `body[field]`, required and non-empty. */
export function stringList(body: Json, field: string, problems: Problems, max?: number): string[] {
  const value = body[field]
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === '')) {
    problems.add(`${field} must be an array of non-empty strings`)
    return []
  }
  if (value.length === 0) problems.add(`${field} should not be empty`)
  if (max !== undefined && value.length > max) problems.add(`${field} must contain no more than ${max} elements`)
  return [...new Set(value as string[])]
}

