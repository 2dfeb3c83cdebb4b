// A contact's API shape: reads a create/update/upsert body into checked changes, applies them to
// the stored JSON (keeping the lower-cased name/email fields in step), and renders the JSON for
// responses (webhook payloads: src/webhooks/payloads/contacts.ts). No storage and no HTTP here beyond the 422 problem list.
import { Problems } from '../kit/index.js'
import type { Repos } from '../../storage/repos.js'
import type { JsonObject } from '../kit/body.js'

type Json = Record<string, unknown>

export type ContactMode = 'create' | 'update' | 'upsert'

/** The checked changes of one request; `undefined` members are not touched. */
export interface ContactChanges {
  /** Plain fields to set ('' removes them). */
  set: Json
  firstName?: string
  lastName?: string
  tags?: string[]
  /** Merged by id into the contact's custom fields; a null value removes one. */
  customFields?: { id: string; value: unknown }[]
}

const PLAIN_STRINGS = ['gender', 'address1', 'city', 'state', 'postalCode', 'website', 'source', 'companyName'] as const
const DND_CHANNELS = ['Call', 'Email', 'SMS', 'WhatsApp', 'GMB', 'FB'] as const
const DND_STATUSES = ['active', 'inactive', 'permanent']
/** The shape of an address HighLevel accepts; deliberately loose, like class-validator's IsEmail is not. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Reads and checks a contact body; throws nothing, returns the changes and every problem found. */
export function readContactBody(body: JsonObject, mode: ContactMode, locationId: string, repos: Repos): { changes: ContactChanges; problems: Problems } {
  const problems = new Problems()
  const changes: ContactChanges = { set: {} }
  const string = (field: string): string | undefined => {
    const value = body[field]
    if (value === undefined || value === null) return undefined
    if (typeof value !== 'string') {
      problems.add(`${field} must be a string`)
      return undefined
    }
    return value.trim()
  }

  for (const field of PLAIN_STRINGS) {
    const value = string(field)
    if (value !== undefined) changes.set[field] = value
  }
  readName(string, changes)

  const email = string('email')
  if (email !== undefined) {
    if (email !== '' && !EMAIL.test(email)) problems.add('email must be an email')
    else changes.set.email = email
  }
  const phone = string('phone')
  if (phone !== undefined) {
    const normalized = phone === '' ? '' : normalizePhone(phone)
    if (normalized === undefined) problems.add('phone must be a valid phone number')
    else changes.set.phone = normalized
  }
  const timezone = string('timezone')
  if (timezone !== undefined) {
    if (timezone !== '' && !isTimezone(timezone)) problems.add('timezone must be a valid IANA time zone')
    else changes.set.timezone = timezone
  }
  const country = string('country')
  if (country !== undefined) {
    if (country !== '' && !/^[A-Z]{2}$/.test(country)) problems.add('country must be a valid ISO 3166-1 alpha-2 country code')
    else changes.set.country = country
  }
  readDateOfBirth(body.dateOfBirth, changes, problems)
  readDnd(body, changes, problems)

  const assignedTo = string('assignedTo')
  if (assignedTo !== undefined) {
    if (assignedTo !== '' && !userOfLocation(repos, locationId, assignedTo)) problems.add('assignedTo must be the id of a user of this location')
    else changes.set.assignedTo = assignedTo
  }
  if (body.tags !== undefined) {
    const tags = readTagList(body.tags, 'tags', problems)
    if (tags) changes.tags = tags
  }
  if (body.customFields !== undefined) changes.customFields = readCustomFields(body.customFields, locationId, repos, problems)
  if (mode === 'upsert' && body.createNewIfDuplicateAllowed !== undefined && typeof body.createNewIfDuplicateAllowed !== 'boolean') {
    problems.add('createNewIfDuplicateAllowed must be a boolean value')
  }
  return { changes, problems }
}

function readName(string: (field: string) => string | undefined, changes: ContactChanges): void {
  const firstName = string('firstName')
  const lastName = string('lastName')
  const name = string('name')
  if (firstName !== undefined) changes.firstName = firstName
  if (lastName !== undefined) changes.lastName = lastName
  // `name` alone sets both halves: first word, then the rest (HighLevel splits it the same way).
  if (name !== undefined && firstName === undefined && lastName === undefined) {
    const [first = '', ...rest] = name.split(/\s+/)
    changes.firstName = first
    changes.lastName = rest.join(' ')
  }
}

function readDateOfBirth(value: unknown, changes: ContactChanges, problems: Problems): void {
  if (value === undefined || value === null) return
  if (value === '') {
    Object.assign(changes.set, { dateOfBirth: '', birthMonth: '', birthDay: '' })
    return
  }
  const parsed = typeof value === 'string' ? parseDate(value) : undefined
  if (parsed === undefined) {
    problems.add('dateOfBirth must be a valid date (YYYY-MM-DD, MM/DD/YYYY or ISO 8601)')
    return
  }
  const day = new Date(Date.UTC(parsed.getUTCFullYear(), parsed.getUTCMonth(), parsed.getUTCDate()))
  // birthMonth is zero-based, as HighLevel's own create response shows (September → 8).
  Object.assign(changes.set, { dateOfBirth: day.toISOString(), birthMonth: day.getUTCMonth(), birthDay: day.getUTCDate() })
}

function parseDate(text: string): Date | undefined {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text)
  const date = us ? new Date(Date.UTC(Number(us[3]), Number(us[1]) - 1, Number(us[2]))) : new Date(text)
  return Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}|^\d{1,2}\/\d{1,2}\/\d{4}$/.test(text) ? undefined : date
}

function readDnd(body: JsonObject, changes: ContactChanges, problems: Problems): void {
  if (body.dnd !== undefined) {
    if (typeof body.dnd !== 'boolean') problems.add('dnd must be a boolean value')
    else changes.set.dnd = body.dnd
  }
  const settings = body.dndSettings
  if (settings !== undefined) {
    if (!isObject(settings)) problems.add('dndSettings must be an object')
    else {
      const clean: Json = {}
      for (const [channel, setting] of Object.entries(settings)) {
        if (!(DND_CHANNELS as readonly string[]).includes(channel)) {
          problems.add(`dndSettings.${channel} is not a DND channel (${DND_CHANNELS.join(', ')})`)
          continue
        }
        if (!isObject(setting) || typeof setting.status !== 'string' || !DND_STATUSES.includes(setting.status)) {
          problems.add(`dndSettings.${channel}.status must be one of the following values: ${DND_STATUSES.join(', ')}`)
          continue
        }
        clean[channel] = pick(setting, ['status', 'message', 'code'])
      }
      changes.set.dndSettings = clean
    }
  }
  const inbound = body.inboundDndSettings
  if (inbound !== undefined) {
    const all = isObject(inbound) ? inbound.all : undefined
    if (!isObject(inbound) || (all !== undefined && (!isObject(all) || (all.status !== 'active' && all.status !== 'inactive')))) {
      problems.add('inboundDndSettings.all.status must be one of the following values: active, inactive')
    } else changes.set.inboundDndSettings = all === undefined ? {} : { all: pick(all as Json, ['status', 'message']) }
  }
}

/** Tags as HighLevel keeps them: trimmed, lower-cased, unique, in the order given. */
export function readTagList(value: unknown, field: string, problems: Problems): string[] | undefined {
  if (!Array.isArray(value) || value.some((tag) => typeof tag !== 'string')) {
    problems.add(`${field} must be an array of strings`)
    return undefined
  }
  return normalizeTags(value as string[])
}

export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter((tag) => tag !== ''))]
}

function readCustomFields(value: unknown, locationId: string, repos: Repos, problems: Problems): { id: string; value: unknown }[] {
  if (!Array.isArray(value)) {
    problems.add('customFields must be an array')
    return []
  }
  let byKey: Map<string, string> | undefined
  const keyed = () =>
    (byKey ??= new Map(
      repos.customFields.listByLocation(locationId, 1000).map((row) => [String(row.data.fieldKey), row.id]),
    ))
  const out: { id: string; value: unknown }[] = []
  value.forEach((item: unknown, i) => {
    if (!isObject(item)) {
      problems.add(`customFields.${i} must be an object`)
      return
    }
    const fieldValue = item.field_value !== undefined ? item.field_value : item.value
    let id: string | undefined
    if (typeof item.id === 'string' && item.id !== '') {
      id = repos.customFields.getInLocation(locationId, item.id) ? item.id : undefined
      if (!id) problems.add(`customFields.${i}.id ${item.id} is not a custom field of this location`)
    } else if (typeof item.key === 'string' && item.key !== '') {
      const key = item.key.startsWith('contact.') ? item.key : `contact.${item.key}`
      id = keyed().get(key)
      if (!id) problems.add(`customFields.${i}.key ${item.key} is not a custom field of this location`)
    } else problems.add(`customFields.${i} must have an id or a key`)
    if (id) out.push({ id, value: fieldValue === '' || fieldValue === undefined ? null : fieldValue })
  })
  return out
}

/** Applies checked changes to a contact (or to a new one) and keeps the derived fields in step. */
export function applyContactChanges(existing: Json, changes: ContactChanges, nowIso: string): Json {
  const next: Json = { ...existing }
  for (const [field, value] of Object.entries(changes.set)) {
    if (value === '') delete next[field]
    else next[field] = value
  }
  if (changes.firstName !== undefined) setOrDelete(next, 'firstName', changes.firstName)
  if (changes.lastName !== undefined) setOrDelete(next, 'lastName', changes.lastName)
  if (changes.tags !== undefined) next.tags = changes.tags
  if (changes.customFields !== undefined) next.customFields = mergeCustomFields(existing.customFields, changes.customFields)
  syncDerived(next)
  next.dateUpdated = nowIso
  return next
}

/** The lower-cased twins HighLevel stores beside names and email, recomputed from the originals. */
function syncDerived(contact: Json): void {
  const first = typeof contact.firstName === 'string' ? contact.firstName : ''
  const last = typeof contact.lastName === 'string' ? contact.lastName : ''
  const full = `${first} ${last}`.trim().toLowerCase()
  setOrDelete(contact, 'firstNameLowerCase', first.toLowerCase())
  setOrDelete(contact, 'lastNameLowerCase', last.toLowerCase())
  setOrDelete(contact, 'fullNameLowerCase', full)
  setOrDelete(contact, 'contactName', full)
  setOrDelete(contact, 'emailLowerCase', typeof contact.email === 'string' ? contact.email.toLowerCase() : '')
}

function mergeCustomFields(current: unknown, updates: { id: string; value: unknown }[]): { id: string; value: unknown }[] {
  const merged = new Map<string, unknown>()
  for (const field of Array.isArray(current) ? (current as Json[]) : []) merged.set(String(field.id), field.value)
  for (const update of updates) {
    if (update.value === null) merged.delete(update.id)
    else merged.set(update.id, update.value)
  }
  return [...merged].map(([id, value]) => ({ id, value }))
}

/** The fields a new contact starts with, before the request's changes. */
export function newContactBase(id: string, locationId: string, nowIso: string): Json {
  return {
    id,
    locationId,
    type: 'lead',
    dnd: false,
    dndSettings: {},
    tags: [],
    customFields: [],
    followers: [],
    additionalEmails: [],
    attachments: [],
    deleted: false,
    bounceEmail: false,
    unsubscribeEmail: false,
    offers: [],
    products: [],
    dateAdded: nowIso,
    dateUpdated: nowIso,
  }
}

/**
 * The contact as responses show it: unset (null) fields left out, and `name` filled in from the
 * name halves. An empty attachment list is left out too: the spec types it as a string.
 */
export function contactView(contact: Json): Json {
  const view: Json = {}
  for (const [field, value] of Object.entries(contact)) {
    if (value === null || value === undefined) continue
    if (field === 'attachments' && Array.isArray(value) && value.length === 0) continue
    view[field] = value
  }
  if (view.name === undefined) {
    const name = [contact.firstName, contact.lastName].filter((part) => typeof part === 'string' && part !== '').join(' ')
    if (name !== '') view.name = name
  }
  return view
}

/** E.164 the way HighLevel stores US-centric input: 10 digits get +1; otherwise + and the digits. */
export function normalizePhone(input: string): string | undefined {
  const text = input.trim()
  if (!/^\+?[\d\s().-]+$/.test(text)) return undefined
  const digits = text.replace(/\D/g, '')
  if (digits.length < 7 || digits.length > 15) return undefined
  if (text.startsWith('+')) return `+${digits}`
  if (digits.length === 10) return `+1${digits}`
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`
  return `+${digits}`
}

/** Whether the user may be assigned records of the location (its own users and the agency's admins). */
export function userOfLocation(repos: Repos, locationId: string, userId: string): boolean {
  const user = repos.users.get(userId)
  if (!user || user.deleted) return false
  if (user.roles.locationIds.includes(locationId)) return true
  return user.roles.type === 'agency' && repos.locations.get(locationId)?.companyId === user.companyId
}

/** Valid zones seen so far (a bounded set: only names Intl knows are ever added). */
const knownZones = new Set<string>()
function isTimezone(zone: string): boolean {
  if (knownZones.has(zone)) return true
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
  } catch {
    return false
  }
  knownZones.add(zone)
  return true
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function pick(source: Json, fields: readonly string[]): Json {
  return Object.fromEntries(fields.filter((field) => source[field] !== undefined).map((field) => [field, source[field]]))
}

function setOrDelete(target: Json, field: string, value: string): void {
  if (value === '') delete target[field]
  else target[field] = value
}
