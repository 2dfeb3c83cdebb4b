// Migration 7: what the locations, users, businesses and custom-field endpoints look up. Indexed
// columns derived from `data` are VIRTUAL generated columns, so every existing writer (the seeder,
// the tenant and record repositories) keeps them in step without knowing they exist.
import type { Migration } from './migration.js'

/** A location-scoped record table in the shape of migration 1's, plus extra columns. */
function recordTable(name: string, extraColumns: string[] = []): string {
  const columns = [
    'id TEXT PRIMARY KEY',
    'location_id TEXT NOT NULL REFERENCES locations(id) ON DELETE CASCADE',
    ...extraColumns,
    'data TEXT NOT NULL',
    'created_at INTEGER NOT NULL',
    'updated_at INTEGER NOT NULL',
  ]
  return `CREATE TABLE ${name} (\n  ${columns.join(',\n  ')}\n);`
}

const sql = `
-- GET /locations/search?companyId&email: an agency's sub-accounts by (lower-cased) email.
ALTER TABLE locations ADD COLUMN email TEXT GENERATED ALWAYS AS (lower(json_extract(data, '$.email'))) VIRTUAL;
CREATE INDEX locations_by_company_email ON locations(company_id, email, created_at, id);

-- Users are soft-deleted (DELETE /users/{id} "queues" the deletion). Each sort of /users/search
-- walks one index of an agency's live users in order, so a page stops after \`limit\` rows; the
-- indexes hold the generated values, so filtering and counting read no JSON.
ALTER TABLE users ADD COLUMN deleted INTEGER GENERATED ALWAYS AS (coalesce(json_extract(data, '$.deleted'), 0)) VIRTUAL;
ALTER TABLE users ADD COLUMN first_name_lc TEXT GENERATED ALWAYS AS (lower(coalesce(json_extract(data, '$.firstName'), ''))) VIRTUAL;
ALTER TABLE users ADD COLUMN last_name_lc TEXT GENERATED ALWAYS AS (lower(coalesce(json_extract(data, '$.lastName'), ''))) VIRTUAL;
ALTER TABLE users ADD COLUMN user_type TEXT GENERATED ALWAYS AS (json_extract(data, '$.roles.type')) VIRTUAL;
ALTER TABLE users ADD COLUMN user_role TEXT GENERATED ALWAYS AS (json_extract(data, '$.roles.role')) VIRTUAL;
-- What \`query\` matches: full name, email and phone.
ALTER TABLE users ADD COLUMN search_text TEXT GENERATED ALWAYS AS (lower(coalesce(json_extract(data, '$.name'), '') || ' ' || email || ' ' || coalesce(json_extract(data, '$.phone'), ''))) VIRTUAL;
CREATE INDEX users_live_by_name ON users(company_id, deleted, first_name_lc, last_name_lc, id);
CREATE INDEX users_live_by_last_name ON users(company_id, deleted, last_name_lc, id);
CREATE INDEX users_live_by_created ON users(company_id, deleted, created_at, id);
CREATE INDEX users_live_by_email ON users(company_id, deleted, email, id);
-- A text search reads this index only: it matches, filters and sorts on the values stored here
-- and fetches the JSON of the page's rows alone.
CREATE INDEX users_live_search ON users(company_id, deleted, search_text, user_type, user_role, first_name_lc, last_name_lc, email, created_at, id);

-- Custom fields v1 (/locations/{id}/customFields, keyed by model) and v2 (/custom-fields, keyed
-- by objectKey) are one table: a v1 field of model "contact" is the v2 field of objectKey "contact".
ALTER TABLE custom_fields ADD COLUMN object_key TEXT GENERATED ALWAYS AS (coalesce(json_extract(data, '$.objectKey'), json_extract(data, '$.model'))) VIRTUAL;
ALTER TABLE custom_fields ADD COLUMN field_key TEXT GENERATED ALWAYS AS (json_extract(data, '$.fieldKey')) VIRTUAL;
CREATE INDEX custom_fields_by_object ON custom_fields(location_id, object_key, created_at, id);
CREATE UNIQUE INDEX custom_fields_by_key ON custom_fields(location_id, field_key);

ALTER TABLE custom_values ADD COLUMN name_key TEXT GENERATED ALWAYS AS (lower(trim(json_extract(data, '$.name')))) VIRTUAL;
ALTER TABLE custom_values ADD COLUMN field_key TEXT GENERATED ALWAYS AS (json_extract(data, '$.fieldKey')) VIRTUAL;
CREATE INDEX custom_values_by_name ON custom_values(location_id, name_key);
CREATE UNIQUE INDEX custom_values_by_key ON custom_values(location_id, field_key);

${recordTable('custom_field_folders', ['object_key TEXT NOT NULL'])}
CREATE INDEX custom_field_folders_by_object ON custom_field_folders(location_id, object_key, created_at, id);

-- Files posted to /locations/{id}/customFields/upload: metadata only, the bytes are not kept.
${recordTable('custom_field_uploads', ['field_id TEXT NOT NULL'])}
CREATE INDEX custom_field_uploads_by_field ON custom_field_uploads(location_id, field_id, created_at, id);

${recordTable('businesses')}
CREATE INDEX businesses_by_location ON businesses(location_id, created_at, id);

${recordTable('recurring_tasks')}
CREATE INDEX recurring_tasks_by_location ON recurring_tasks(location_id, created_at, id);

-- Email/SMS templates: the API only lists and deletes them (soft: ?deleted=true lists the deleted).
${recordTable('location_templates', ['type TEXT NOT NULL', 'deleted INTEGER NOT NULL DEFAULT 0'])}
CREATE INDEX location_templates_by_location ON location_templates(location_id, deleted, created_at, id);
`

export const locations: Migration = { version: 7, name: 'locations', sql }
