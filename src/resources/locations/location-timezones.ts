// GET /locations/{locationId}/timezones: the IANA time zones a sub-account may use, and the
// check create/update apply to a `timezone` field. The list is the runtime's (ICU) IANA database.

import type { HandlerSet } from '../../handlers/handler.js'
import { accessibleLocation, type Ctx } from '../kit/access.js'

/** ICU's canonical zones plus UTC (which `supportedValuesOf` leaves out); built once. */
const zones: readonly string[] = [...Intl.supportedValuesOf('timeZone'), 'UTC'].sort()
const known = new Set(zones.map((zone) => zone.toLowerCase()))

/** Whether `name` is a time zone the runtime knows, aliases like `US/Pacific` included. */
export function isTimezone(name: string): boolean {
  if (known.has(name.toLowerCase())) return true
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name })
    return true
  } catch {
    return false
  }
}

function getTimezones(c: Ctx) {
  accessibleLocation(c, c.req.param('locationId'))
  return c.json({ timeZones: zones })
}

export const timezoneHandlers: HandlerSet = {
  'get-timezones': getTimezones,
}
