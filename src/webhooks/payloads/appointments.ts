// Appointment* payloads (AppointmentCreate/Update/Delete) from a stored appointment, as the
// AppointmentCreate page documents them: the fields nest under `appointment`. Pure.
// (The calendars work replaces this file with its own builder of the same signature.)
type Json = Record<string, unknown>

export type AppointmentEventType = 'AppointmentCreate' | 'AppointmentUpdate' | 'AppointmentDelete'

const FIELDS = [
  'id', 'address', 'title', 'calendarId', 'contactId', 'groupId', 'appointmentStatus', 'assignedUserId', 'users', 'notes',
  'source', 'startTime', 'endTime', 'dateAdded', 'dateUpdated',
] as const

/** Unset fields are left out; `users` defaults to the assigned user and the contact, `source` to the booking widget. */
export function appointmentPayload(type: string, appointment: Json): Json {
  const nested: Json = {}
  for (const field of FIELDS) {
    if (appointment[field] !== undefined && appointment[field] !== null) nested[field] = appointment[field]
  }
  nested.users ??= [appointment.assignedUserId, appointment.contactId].filter((id) => typeof id === 'string')
  nested.source ??= 'booking_widget'
  return { type, locationId: appointment.locationId, appointment: nested }
}
