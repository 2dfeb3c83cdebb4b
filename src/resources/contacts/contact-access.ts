// What every contact handler asks first: who is calling, which location a request names, and
// the contact an id refers to, with another tenant's records answering exactly like unknown ids.
// Also the small helpers the contact handlers share (time, events, JSON answers).
import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.js'
import { GhlError, assertValid, badRequest, forbidden, messages, unauthorized } from '../../errors.js'
import type { Runtime } from '../../runtime.js'
import type { RecordRow } from '../../storage/records.js'
import type { Location } from '../../world/model.js'
import { eventFor } from '../../webhooks/payloads/index.js'
import type { ContactEventType } from '../../webhooks/payloads/contacts.js'

type Json = Record<string, unknown>
export type Ctx = Context<AppEnv>

/**
 * HighLevel answers unknown contact ids with 400 and this message (not 404); ids of another
 * location get the same answer, so nothing tells a tenant that the id exists elsewhere.
 */
export const contactNotFound = () => badRequest('Contact not found')

/** The caller's tenant: a location token acts on its location, an agency token on its company's. */
export interface Caller {
  locationId: string | null
  companyId: string
}

export function callerOf(c: Ctx): Caller {
  const auth = c.var.auth
  if (!auth) throw unauthorized(messages.invalidJwt)
  return { locationId: auth.locationId, companyId: auth.companyId }
}

/** Whether the caller may see records of `locationId`. */
export function mayActOn(c: Ctx, locationId: string): boolean {
  const caller = callerOf(c)
  if (caller.locationId !== null) return caller.locationId === locationId
  return c.var.runtime.repos.locations.get(locationId)?.companyId === caller.companyId
}

/**
 * The location a query or body names (`field`): required, known, and one the token may act on.
 * The gateway checks this first; repeating it here keeps a handler safe on its own.
 */
export function namedLocation(c: Ctx, value: unknown, field = 'locationId'): Location {
  if (typeof value !== 'string' || value === '') throw new GhlError(422, [`${field} should not be empty`, `${field} must be a string`])
  const location = c.var.runtime.repos.locations.get(value)
  if (!location || !mayActOn(c, value)) throw forbidden(messages.locationForbidden)
  return location
}

/** The contact `id` names, if the caller may see it; otherwise HighLevel's "not found" answer. */
export function contactOf(c: Ctx, id: string | undefined): RecordRow<Json> {
  const row = id ? c.var.runtime.repos.contacts.get(id) : undefined
  if (!row || !mayActOn(c, row.locationId)) throw contactNotFound()
  return row
}

export function pathParam(c: Ctx, name: string): string {
  return c.req.param(name) ?? ''
}

export function nowOf(runtime: Runtime): { ms: number; iso: string } {
  const ms = runtime.clock.now()
  return { ms, iso: new Date(ms).toISOString() }
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
export function stringList(body: Json, field: string, problems: string[], max?: number): string[] {
  const value = body[field]
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === '')) {
    problems.push(`${field} must be an array of non-empty strings`)
    return []
  }
  if (value.length === 0) problems.push(`${field} should not be empty`)
  if (max !== undefined && value.length > max) problems.push(`${field} must contain no more than ${max} elements`)
  return [...new Set(value as string[])]
}

export { assertValid }
