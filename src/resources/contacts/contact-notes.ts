// A contact's notes: list (newest first), create, get, update, delete, emitting NoteCreate,
// NoteUpdate and NoteDelete with the documented payload in the same transaction.
import { objectBody } from '../kit/body.js'
import type { BodyOf, HandlerSet } from '../../handlers/handler.js'
import { badRequest } from '../../errors.js'
import type { JsonObject } from '../kit/body.js'
import type { Runtime } from '../../runtime.js'
import type { ChildRow } from '../../storage/contact-store.js'
import { eventFor } from '../../webhooks/payloads/index.js'
import type { NoteEventType } from '../../webhooks/payloads/notes.js'
import { ghlId } from '../../world/ids.js'
import { contactOf } from './contact-access.js'
import { Problems, assertValid, nowOf, pathParam, type Ctx } from '../kit/index.js'
import { userOfLocation } from './contact-shape.js'

type Json = Record<string, unknown>

/** Like contacts, an unknown note id (or one of another contact) is a 400. */
const noteNotFound = () => badRequest('Note not found')

function readNoteBody(body: JsonObject, creating: boolean, locationId: string, runtime: Runtime): Json {
  const problems = new Problems()
  const set: Json = {}
  if (creating || body.body !== undefined) {
    if (typeof body.body !== 'string' || body.body.trim() === '') problems.add('body should not be empty', 'body must be a string')
    else set.body = body.body
  }
  for (const field of ['title', 'color'] as const) {
    if (body[field] === undefined) continue
    if (typeof body[field] !== 'string') problems.add(`${field} must be a string`)
    else set[field] = body[field]
  }
  if (body.pinned !== undefined) {
    if (typeof body.pinned !== 'boolean') problems.add('pinned must be a boolean value')
    else set.pinned = body.pinned
  }
  if (body.userId !== undefined) {
    if (typeof body.userId !== 'string' || !userOfLocation(runtime.repos, locationId, body.userId)) problems.add('userId must be the id of a user of this location')
    else set.userId = body.userId
  }
  problems.check()
  return set
}

function noteOf(c: Ctx): { contactId: string; note: ChildRow } {
  const contact = contactOf(c, pathParam(c, 'contactId'))
  const note = c.var.runtime.repos.contactStore.notes.get(contact.id, pathParam(c, 'id'))
  if (!note) throw noteNotFound()
  return { contactId: contact.id, note }
}

function emitNote(runtime: Runtime, type: NoteEventType, note: ChildRow): void {
  runtime.emit(eventFor(type, note))
}

function listNotes(c: Ctx): Response {
  const contact = contactOf(c, pathParam(c, 'contactId'))
  return c.json({ notes: c.var.runtime.repos.contactStore.notes.listOf(contact.id).map((note) => note.data) })
}

async function createNote(c: Ctx, requestBody: BodyOf<'create-note'>): Promise<Response> {
  const { runtime } = c.var
  const contact = contactOf(c, pathParam(c, 'contactId'))
  const set = readNoteBody(objectBody(requestBody), true, contact.locationId, runtime)
  const now = nowOf(runtime)
  const id = ghlId()
  const note: ChildRow = {
    id,
    locationId: contact.locationId,
    contactId: contact.id,
    data: { id, ...set, dateAdded: now.iso, contactId: contact.id },
    createdAt: now.ms,
    updatedAt: now.ms,
  }
  runtime.repos.transaction(() => {
    runtime.repos.contactStore.notes.insert(note)
    emitNote(runtime, 'NoteCreate', note)
  })
  return c.json({ note: note.data }, 201)
}

function getNote(c: Ctx): Response {
  return c.json({ note: noteOf(c).note.data })
}

async function updateNote(c: Ctx, requestBody: BodyOf<'update-note'>): Promise<Response> {
  const { runtime } = c.var
  const { note } = noteOf(c)
  const set = readNoteBody(objectBody(requestBody), false, note.locationId, runtime)
  const now = nowOf(runtime)
  const updated: ChildRow = { ...note, data: { ...note.data, ...set }, updatedAt: now.ms }
  runtime.repos.transaction(() => {
    runtime.repos.contactStore.notes.update(note.id, updated.data, now.ms)
    emitNote(runtime, 'NoteUpdate', updated)
  })
  return c.json({ note: updated.data })
}

function deleteNote(c: Ctx): Response {
  const { runtime } = c.var
  const { note } = noteOf(c)
  runtime.repos.transaction(() => {
    runtime.repos.contactStore.notes.remove(note.id)
    emitNote(runtime, 'NoteDelete', note)
  })
  return c.json({ succeded: true })
}

export const contactNoteHandlers: HandlerSet = {
  'get-all-notes': listNotes,
  'create-note': createNote,
  'get-note': getNote,
  'update-note': updateNote,
  'delete-note': deleteNote,
}
