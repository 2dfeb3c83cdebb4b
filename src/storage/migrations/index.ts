// The ordered list of schema migrations. Numbered, forward-only: never edit a shipped one, add
// the next number instead (a database file remembers its version in PRAGMA user_version).
import { core } from './001-core.js'
import { oauth } from './003-oauth.js'
import { webhooks } from './004-webhooks.js'
import { billing } from './005-billing.js'
import { contacts } from './006-contacts.js'
import { opportunities } from './007-opportunities.js'
import { locations } from './008-locations.js'

export interface Migration {
  version: number
  name: string
  sql: string
}

export const migrations: readonly Migration[] = [core, oauth, webhooks, billing, contacts, opportunities, locations]
