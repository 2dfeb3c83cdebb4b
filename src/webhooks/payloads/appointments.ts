// The Appointment* webhook payloads as HighLevel documents them (ghl-docs "webhook events/
// AppointmentCreate.md" etc.): `{type, locationId, appointment: {…}}`. Pure: the same builder
// serves the calendars resource (inside the write's transaction) and `trigger`.
type Json = Record<string, unknown>

export type AppointmentEventType = 'AppointmentCreate' | 'AppointmentUpdate' | 'AppointmentDelete'

const FIELDS = [
  'id', 'address', 'title', 'calendarId', 'contactId', 'groupId', 'appointmentStatus', 'assignedUserId', 'users', 'notes',
  'source', 'startTime', 'endTime', 'dateAdded', 'dateUpdated',
] as const

/**
 * The payload of one Appointment* event. Every documented field is present (strings empty when
 * unset, as the platform's sample shows them), `users` lists the assignee then the other owners,
 * `source` says who booked (`third_party` for API bookings; the sample's `booking_widget` for the widget).
 */
export function appointmentPayload(type: string, appointment: Json): Json {
  const nested: Json = {}
  for (const field of FIELDS) {
    const value = appointment[field]
    nested[field] = value === undefined || value === null ? (field === 'users' ? [] : '') : value
  }
  if (!Array.isArray(appointment.users)) {
    nested.users = typeof appointment.assignedUserId === 'string' && appointment.assignedUserId !== '' ? [appointment.assignedUserId] : []
  }
  if (nested.source === '') nested.source = 'third_party'
  return { type, locationId: appointment.locationId, appointment: nested }
}
