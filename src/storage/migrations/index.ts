// The ordered list of schema migrations. Numbered, forward-only: never edit a shipped one, add
// the next number instead (a database file remembers its version in PRAGMA user_version).
import { core } from './001-core.js'
import { oauth } from './002-oauth.js'
import { webhooks } from './003-webhooks.js'
import { billing } from './004-billing.js'
import { contacts } from './005-contacts.js'
import { opportunities } from './006-opportunities.js'
import { locations } from './007-locations.js'
import { claims } from './008-claims.js'
import { customMenus } from './009-custom-menus.js'
import { calendars } from './010-calendars.js'
import { conversations } from './011-conversations.js'
import type { Migration } from './migration.js'

export type { Migration } from './migration.js'

export const migrations: readonly Migration[] = [core, oauth, webhooks, billing, contacts, opportunities, locations, claims, customMenus, calendars, conversations]
