// Note* payloads (NoteCreate/Update/Delete) from a stored contact note, as the NoteCreate page
// documents them. Pure; a real write and a triggered event both come through here.
import type { ChildRow } from '../../storage/contact-store.js'

type Json = Record<string, unknown>

export type NoteEventType = 'NoteCreate' | 'NoteUpdate' | 'NoteDelete'

/** `{type, locationId, id, body, contactId, dateAdded}` (the note's other fields are not in the event). */
export function notePayload(type: string, note: ChildRow): Json {
  const payload: Json = { type, locationId: note.locationId, id: note.id }
  if (typeof note.data.body === 'string') payload.body = note.data.body
  payload.contactId = note.contactId
  if (typeof note.data.dateAdded === 'string') payload.dateAdded = note.data.dateAdded
  return payload
}
