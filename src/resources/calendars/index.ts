// Every stateful operation of calendars.json, gathered so the registry adds them with one line.
import type { HandlerSet } from '../../handlers/handler.js'
import { appointmentHandlers } from './appointments.js'
import { appointmentNoteHandlers } from './appointment-notes.js'
import { blockedSlotHandlers } from './blocked-slots.js'
import { calendarCrudHandlers } from './calendars.js'
import { groupHandlers } from './groups.js'
import { notificationHandlers } from './notifications.js'
import { resourceHandlers } from './calendar-resources.js'
import { scheduleHandlers } from './schedules.js'
import { freeSlotHandlers } from './free-slots.js'

export const calendarHandlers: HandlerSet = {
  ...calendarCrudHandlers,
  ...freeSlotHandlers,
  ...appointmentHandlers,
  ...blockedSlotHandlers,
  ...appointmentNoteHandlers,
  ...groupHandlers,
  ...resourceHandlers,
  ...notificationHandlers,
  ...scheduleHandlers,
}
