// Migration 1: the tenants (apps, companies, locations, users), the seeded CRM records, tokens,
// installs and the event outbox. Records keep the API-shaped JSON in `data` plus the indexed
// columns that lookups need, so a read is one prepared statement and one JSON.parse.
import type { Migration } from './migration.js'

/** A location-scoped record table: API JSON plus the columns its lookups filter on. */
function recordTable(name: string, extraColumns: string[] = [], extraIndexes: string[] = []): string {
  const columns = [
    'id TEXT PRIMARY KEY',
    'location_id TEXT NOT NULL REFERENCES locations(id) ON DELETE CASCADE',
    ...extraColumns,
    'data TEXT NOT NULL',
    'created_at INTEGER NOT NULL',
    'updated_at INTEGER NOT NULL',
  ]
  return [
    `CREATE TABLE ${name} (\n  ${columns.join(',\n  ')}\n);`,
    // (location, created_at, id) serves every "list this location's records in order" cursor.
    `CREATE INDEX ${name}_by_location ON ${name}(location_id, created_at, id);`,
    ...extraIndexes,
  ].join('\n')
}

const sql = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE apps (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL UNIQUE,
  data TEXT NOT NULL
);

CREATE TABLE companies (
  id TEXT PRIMARY KEY,
  data TEXT NOT NULL
);

CREATE TABLE locations (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  data TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX locations_by_company ON locations(company_id, created_at, id);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX users_by_company ON users(company_id, created_at, id);
CREATE INDEX users_by_email ON users(email);

CREATE TABLE user_locations (
  location_id TEXT NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (location_id, user_id)
) WITHOUT ROWID;
CREATE INDEX user_locations_by_user ON user_locations(user_id);

${recordTable('contacts', ['email TEXT', 'phone TEXT'], [
  'CREATE INDEX contacts_by_email ON contacts(location_id, email);',
  'CREATE INDEX contacts_by_phone ON contacts(location_id, phone);',
])}
${recordTable('pipelines')}
${recordTable('opportunities', ['pipeline_id TEXT NOT NULL', 'contact_id TEXT'], [
  'CREATE INDEX opportunities_by_pipeline ON opportunities(location_id, pipeline_id, created_at, id);',
  'CREATE INDEX opportunities_by_contact ON opportunities(contact_id);',
])}
${recordTable('calendars')}
${recordTable('appointments', ['calendar_id TEXT NOT NULL', 'contact_id TEXT', 'starts_at INTEGER NOT NULL'], [
  'CREATE INDEX appointments_by_calendar ON appointments(calendar_id, starts_at);',
  'CREATE INDEX appointments_by_contact ON appointments(contact_id, starts_at);',
])}
${recordTable('conversations', ['contact_id TEXT'], [
  'CREATE INDEX conversations_by_contact ON conversations(contact_id);',
])}
${recordTable('messages', ['conversation_id TEXT NOT NULL'], [
  'CREATE INDEX messages_by_conversation ON messages(conversation_id, created_at, id);',
])}
${recordTable('custom_fields')}
${recordTable('custom_values')}
${recordTable('tags', ['name TEXT NOT NULL'], ['CREATE UNIQUE INDEX tags_by_name ON tags(location_id, name);'])}

-- Access tokens (OAuth JWTs and private integration tokens). The token itself is never stored:
-- requests are matched by its SHA-256, so a copied database leaks no usable token.
CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('oauth', 'pit')),
  app_id TEXT,
  client_id TEXT,
  auth_class TEXT NOT NULL CHECK (auth_class IN ('Location', 'Company')),
  company_id TEXT NOT NULL,
  location_id TEXT,
  user_id TEXT,
  scopes TEXT NOT NULL,
  install_id TEXT,
  source TEXT NOT NULL,
  parent_id TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  revoked_at INTEGER
);
CREATE INDEX tokens_by_install ON tokens(install_id);
CREATE INDEX tokens_by_parent ON tokens(parent_id);

CREATE TABLE installs (
  id TEXT PRIMARY KEY,
  app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  company_id TEXT NOT NULL,
  location_id TEXT,
  install_type TEXT NOT NULL CHECK (install_type IN ('Location', 'Company')),
  is_bulk INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'installed' CHECK (status IN ('installed', 'uninstalled')),
  data TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  uninstalled_at INTEGER
);
CREATE INDEX installs_by_location ON installs(location_id, status);
CREATE INDEX installs_by_company ON installs(company_id, status);
CREATE INDEX installs_by_app ON installs(app_id, status);

-- The outbox: an event is written in the same transaction as the change that caused it; the
-- webhook dispatcher reads undispatched rows afterwards.
CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  type TEXT NOT NULL,
  location_id TEXT,
  company_id TEXT,
  app_id TEXT,
  payload TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  dispatched_at INTEGER
);
CREATE INDEX events_undispatched ON events(id) WHERE dispatched_at IS NULL;
`

export const core: Migration = { version: 1, name: 'core', sql }
