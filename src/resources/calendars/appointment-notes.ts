// Appointment notes (calendars.json): list (newest first, limit ≤ 20 and offset), create, edit,
// delete. A note hangs off an appointment the caller may see, and carries its contact.
import type { HandlerSet, OperationHandler } from '../../handlers/handler.js'
import { ghlId } from '../../world/ids.js'
import { userOfLocation } from '../contacts/contact-shape.js'
import { badRequest, GhlError, mayActOnLocationId, nowOf, objectBody, pathParam, Problems, type Ctx, type JsonObject } from '../kit/index.js'
import { appointmentNotFound } from './appointments.js'

export const noteNotFound = () => new GhlError(400, 'Note not found')

function appointmentOf(c: Ctx) {
  const row = c.var.runtime.repos.appointments.get(pathParam(c, 'appointmentId'))
  if (!row || !mayActOnLocationId(c, row.locationId)) throw appointmentNotFound()
  return row
}

function noteView(c: Ctx, note: JsonObject): JsonObject {
  const user = typeof note.userId === 'string' ? c.var.runtime.repos.users.get(note.userId) : undefined
  const view: JsonObject = { id: note.id, body: note.body, dateAdded: note.dateAdded, contactId: note.contactId }
  if (typeof note.userId === 'string') view.userId = note.userId
  if (user) view.createdBy = { id: user.id, name: user.name }
  return view
}

function readNote(c: Ctx, raw: unknown, locationId: string): { body: string; userId?: string } {
  const body = objectBody(raw)
  const problems = new Problems()
  const text = problems.text('body', body.body, true)
  const userId = problems.text('userId', body.userId, false)
  problems.check()
  if (userId !== undefined && !userOfLocation(c.var.runtime.repos, locationId, userId)) throw badRequest('User not found')
  return { body: text!, ...(userId !== undefined ? { userId } : {}) }
}

const listNotes: OperationHandler<'get-appointment-notes'> = (c) => {
  const appointment = appointmentOf(c)
  const problems = new Problems()
  const limit = problems.int('limit', c.req.query('limit'), { default: 10, min: 1, max: 20 })
  const offset = problems.int('offset', c.req.query('offset'), { default: 0, min: 0 })
  problems.check()
  const { appointmentNotes } = c.var.runtime.repos
  const notes = appointmentNotes.listOf(appointment.id, limit, offset).map((row) => noteView(c, row.data))
  return c.json({ notes, hasMore: offset + notes.length < appointmentNotes.countOf(appointment.id) })
}

const createNote: OperationHandler<'create-appointment-note'> = (c, raw) => {
  const appointment = appointmentOf(c)
  const input = readNote(c, raw, appointment.locationId)
  const { ms, iso } = nowOf(c)
  const id = ghlId()
  const note = { id, appointmentId: appointment.id, contactId: appointment.data.contactId, ...input, dateAdded: iso }
  c.var.runtime.repos.appointmentNotes.insert({ id, locationId: appointment.locationId, data: note, createdAt: ms, updatedAt: ms })
  return c.json({ note: noteView(c, note) }, 201)
}

function noteOf(c: Ctx, appointmentId: string) {
  const row = c.var.runtime.repos.appointmentNotes.get(pathParam(c, 'noteId'))
  if (!row || row.data.appointmentId !== appointmentId) throw noteNotFound()
  return row
}

const updateNote: OperationHandler<'update-appointment-note'> = (c, raw) => {
  const appointment = appointmentOf(c)
  const row = noteOf(c, appointment.id)
  const after = { ...row.data, ...readNote(c, raw, appointment.locationId) }
  c.var.runtime.repos.appointmentNotes.update(row.id, after, nowOf(c).ms)
  return c.json({ note: noteView(c, after) })
}

const deleteNote: OperationHandler<'delete-appointment-note'> = (c) => {
  const appointment = appointmentOf(c)
  c.var.runtime.repos.appointmentNotes.remove(noteOf(c, appointment.id).id)
  return c.json({ success: true })
}

export const appointmentNoteHandlers: HandlerSet = {
  'get-appointment-notes': listNotes,
  'create-appointment-note': createNote,
  'update-appointment-note': updateNote,
  'delete-appointment-note': deleteNote,
}
