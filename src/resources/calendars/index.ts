// Every stateful operation of calendars.json, gathered so the registry adds them with one line.
import type { HandlerSet } from '../../handlers/handler.js'
import { appointmentHandlers } from './appointments.js'
import { calendarCrudHandlers } from './calendars.js'
import { freeSlotHandlers } from './free-slots.js'

export const calendarHandlers: HandlerSet = {
  ...calendarCrudHandlers,
  ...freeSlotHandlers,
  ...appointmentHandlers,
}
