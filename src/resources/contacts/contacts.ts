// Contacts: create, get, update, delete, upsert and the duplicate lookup, each write emitting its
// webhook events in the same transaction. The other contact operations live in the contact-*.ts
// files beside this one; `contactHandlers` gathers them all for the handler registry.
import { objectBody } from '../kit/body.js'
import type { BodyOf, HandlerSet } from '../../handlers/handler.js'
import { allowsDuplicates, contactOf, emitContact } from './contact-access.js'
import { assertValid, namedLocation, pathParam, type Ctx } from '../kit/index.js'
import { contactView, normalizePhone, readContactBody } from './contact-shape.js'
import { assertNoDuplicate, dropDuplicatingFields, findMatch, insertContact, saveContact } from './contact-writes.js'
import { contactListHandlers } from './contact-lists.js'
import { contactTagHandlers } from './contact-tags.js'
import { contactNoteHandlers } from './contact-notes.js'
import { contactTaskHandlers } from './contact-tasks.js'
import { contactLinkHandlers } from './contact-links.js'
import { deleteOpportunitiesOfContact } from '../opportunities/opportunities.js'

async function createContact(c: Ctx, requestBody: BodyOf<'create-contact'>): Promise<Response> {
  const { runtime } = c.var
  const body = objectBody(requestBody)
  const location = namedLocation(c, body.locationId)
  const { changes, problems } = readContactBody(body, 'create', location.id, runtime.repos)
  problems.check()
  const contact = runtime.repos.transaction(() => insertContact(runtime, location, changes))
  return c.json({ contact: contactView(contact) }, 201)
}

function getContact(c: Ctx): Response {
  return c.json({ contact: contactView(contactOf(c, pathParam(c, 'contactId')).data) })
}

async function updateContact(c: Ctx, requestBody: BodyOf<'update-contact'>): Promise<Response> {
  const { runtime } = c.var
  const row = contactOf(c, pathParam(c, 'contactId'))
  const { changes, problems } = readContactBody(objectBody(requestBody), 'update', row.locationId, runtime.repos)
  problems.check()
  const location = runtime.repos.locations.get(row.locationId)!
  const contact = runtime.repos.transaction(() => {
    assertNoDuplicate(runtime, location, changes, row.id)
    return saveContact(runtime, row, changes)
  })
  return c.json({ succeded: true, contact: contactView(contact) })
}

function deleteContact(c: Ctx): Response {
  const { runtime } = c.var
  const row = contactOf(c, pathParam(c, 'contactId'))
  runtime.repos.transaction(() => {
    // Notes, tasks, tags and enrolments go with it (foreign keys cascade, triggers clean the
    // indexes); its opportunities are deleted with their own events, as HighLevel does.
    runtime.repos.contacts.remove(row.id)
    emitContact(runtime, 'ContactDelete', row.data)
    deleteOpportunitiesOfContact(runtime, row.locationId, row.id)
  })
  return c.json({ succeded: true })
}

/**
 * Upsert: with duplicates allowed and `createNewIfDuplicateAllowed`, always a new contact.
 * Otherwise the contact with this email, else with this phone, is updated; a field that would
 * duplicate another contact is dropped from the update (HighLevel keeps going silently).
 */
async function upsertContact(c: Ctx, requestBody: BodyOf<'upsert-contact'>): Promise<Response> {
  const { runtime } = c.var
  const body = objectBody(requestBody)
  const location = namedLocation(c, body.locationId)
  const { changes, problems } = readContactBody(body, 'upsert', location.id, runtime.repos)
  problems.check()
  const forceNew = allowsDuplicates(location) && body.createNewIfDuplicateAllowed === true
  const result = runtime.repos.transaction(() => {
    const match = forceNew ? undefined : findMatch(runtime, location.id, changes)
    if (!match) return { created: true, contact: insertContact(runtime, location, changes) }
    if (!allowsDuplicates(location)) dropDuplicatingFields(runtime, location.id, changes, match.id)
    return { created: false, contact: saveContact(runtime, match, changes) }
  })
  return c.json({ new: result.created, contact: contactView(result.contact), traceId: c.var.traceId })
}

/** The location's contact with this email, else this phone; `{contact: null}` when there is none. */
function getDuplicateContact(c: Ctx): Response {
  const { runtime } = c.var
  const location = namedLocation(c, c.req.query('locationId'))
  const email = c.req.query('email')?.trim().toLowerCase()
  // A "+" sent unencoded in a query string arrives as a space; normalizePhone ignores it either way.
  const number = c.req.query('number')
  const phone = number ? normalizePhone(number) : undefined
  const store = runtime.repos.contactStore
  const match = (email ? store.findByEmail(location.id, email) : undefined) ?? (phone ? store.findByPhone(location.id, phone) : undefined)
  return c.json({ contact: match ? contactView(match.data) : null })
}

export const contactHandlers: HandlerSet = {
  'create-contact': createContact,
  'get-contact': getContact,
  'update-contact': updateContact,
  'delete-contact': deleteContact,
  'upsert-contact': upsertContact,
  'get-duplicate-contact': getDuplicateContact,
  ...contactListHandlers,
  ...contactTagHandlers,
  ...contactNoteHandlers,
  ...contactTaskHandlers,
  ...contactLinkHandlers,
}
