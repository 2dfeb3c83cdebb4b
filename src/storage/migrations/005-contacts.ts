// Migration 5: what contact search, tags, notes, tasks, campaigns and workflows need. Lookup columns
// are generated from the contact's JSON (`data`), so they can never drift from it; triggers keep
// the tag index, the full-text index and the per-location counts in step with every write.
import type { Migration } from './migration.js'

/** A virtual column over the contact JSON; '' rather than NULL so keyset cursors compare cleanly. */
const generated = (name: string, expression: string) =>
  `ALTER TABLE contacts ADD COLUMN ${name} TEXT GENERATED ALWAYS AS (coalesce(${expression}, '')) VIRTUAL;`

const sql = `
${generated('first_name_lc', `json_extract(data, '$.firstNameLowerCase')`)}
${generated('last_name_lc', `json_extract(data, '$.lastNameLowerCase')`)}
${generated('full_name_lc', `json_extract(data, '$.fullNameLowerCase')`)}
${generated('company_lc', `lower(json_extract(data, '$.companyName'))`)}
${generated('assigned_to', `json_extract(data, '$.assignedTo')`)}
${generated('business_id', `json_extract(data, '$.businessId')`)}
ALTER TABLE contacts ADD COLUMN dnd INTEGER GENERATED ALWAYS AS (coalesce(json_extract(data, '$.dnd'), 0)) VIRTUAL;
-- What the free-text \`query\` matches: name, email, phone digits and company, lower-cased.
${generated('search_text', `json_extract(data, '$.fullNameLowerCase') || ' ' || coalesce(json_extract(data, '$.emailLowerCase'), '') || ' ' || coalesce(json_extract(data, '$.phone'), '') || ' ' || coalesce(lower(json_extract(data, '$.companyName')), '')`)}

-- Every sort and equality filter of contact search walks one of these within a location. Email
-- and phone lookups also order by age (the oldest match wins), so their indexes carry it too.
DROP INDEX contacts_by_email;
DROP INDEX contacts_by_phone;
CREATE INDEX contacts_by_email ON contacts(location_id, email, created_at, id);
CREATE INDEX contacts_by_phone ON contacts(location_id, phone, created_at, id);
CREATE INDEX contacts_by_first_name ON contacts(location_id, first_name_lc, id);
CREATE INDEX contacts_by_last_name ON contacts(location_id, last_name_lc, id);
CREATE INDEX contacts_by_company ON contacts(location_id, company_lc, id);
CREATE INDEX contacts_by_assigned ON contacts(location_id, assigned_to, created_at, id);
CREATE INDEX contacts_by_business ON contacts(location_id, business_id, created_at, id);
CREATE INDEX contacts_by_dnd ON contacts(location_id, dnd, created_at, id);
CREATE INDEX contacts_by_updated ON contacts(location_id, updated_at, id);
-- Covers "is this id in the location, and when was it added": tag and text matches arrive as id
-- lists, and checking or sorting them then never reads the (large) contact rows.
CREATE INDEX contacts_by_id ON contacts(id, location_id, created_at);

-- Substring search: a trigram index over search_text, keyed by the contacts rowid (which nothing
-- here renumbers: no VACUUM). It keeps its own copy of the text and the contact id, so checking a
-- candidate reads that short row instead of re-deriving the text from the contact's JSON, and
-- the matches arrive as ids the covering contacts_by_id index can place and sort.
CREATE VIRTUAL TABLE contacts_fts USING fts5(search_text, contact_id UNINDEXED, tokenize='trigram', detail='none');
INSERT INTO contacts_fts(rowid, search_text, contact_id) SELECT rowid, search_text, id FROM contacts;

-- Tags, one row per (contact, tag), for "has tag" filters without parsing JSON.
CREATE TABLE contact_tags (
  location_id TEXT NOT NULL,
  tag TEXT NOT NULL,
  contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  PRIMARY KEY (location_id, tag, contact_id)
) WITHOUT ROWID;
CREATE INDEX contact_tags_by_contact ON contact_tags(contact_id);
INSERT OR IGNORE INTO contact_tags (location_id, tag, contact_id)
  SELECT c.location_id, lower(t.value), c.id FROM contacts c, json_each(c.data, '$.tags') t WHERE t.type = 'text';

-- How many contacts each location has: an unfiltered total without counting rows.
CREATE TABLE contact_counts (location_id TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO contact_counts (location_id, n) SELECT location_id, count(*) FROM contacts GROUP BY location_id;

CREATE TRIGGER contacts_index_insert AFTER INSERT ON contacts BEGIN
  INSERT INTO contacts_fts(rowid, search_text, contact_id) VALUES (new.rowid, new.search_text, new.id);
  INSERT OR IGNORE INTO contact_tags (location_id, tag, contact_id)
    SELECT new.location_id, lower(value), new.id FROM json_each(new.data, '$.tags') WHERE type = 'text';
  INSERT INTO contact_counts (location_id, n) VALUES (new.location_id, 1)
    ON CONFLICT (location_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER contacts_index_update_text AFTER UPDATE OF data ON contacts WHEN old.search_text IS NOT new.search_text BEGIN
  UPDATE contacts_fts SET search_text = new.search_text WHERE rowid = new.rowid;
END;
CREATE TRIGGER contacts_index_update_tags AFTER UPDATE OF data ON contacts
  WHEN json_extract(old.data, '$.tags') IS NOT json_extract(new.data, '$.tags') BEGIN
  DELETE FROM contact_tags WHERE contact_id = old.id;
  INSERT OR IGNORE INTO contact_tags (location_id, tag, contact_id)
    SELECT new.location_id, lower(value), new.id FROM json_each(new.data, '$.tags') WHERE type = 'text';
END;
CREATE TRIGGER contacts_index_delete AFTER DELETE ON contacts BEGIN
  DELETE FROM contacts_fts WHERE rowid = old.rowid;
  DELETE FROM contact_tags WHERE contact_id = old.id;
  UPDATE contact_counts SET n = n - 1 WHERE location_id = old.location_id;
END;

-- Planner statistics for a location of 100,000 contacts, fixed rather than measured (ANALYZE on
-- a small seeded world would teach SQLite that scanning a location is cheap). With them it drives
-- each search from its most selective index instead of walking the whole location in date order.
ANALYZE sqlite_schema;
DELETE FROM sqlite_stat1 WHERE tbl IN ('contacts', 'contact_tags');
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
  ('contacts', 'sqlite_autoindex_contacts_1', '100000 1'),
  ('contacts', 'contacts_by_location', '100000 100000 1 1'),
  ('contacts', 'contacts_by_email', '100000 100000 1 1 1'),
  ('contacts', 'contacts_by_phone', '100000 100000 1 1 1'),
  ('contacts', 'contacts_by_first_name', '100000 100000 30 1'),
  ('contacts', 'contacts_by_last_name', '100000 100000 30 1'),
  ('contacts', 'contacts_by_company', '100000 100000 1000 1'),
  ('contacts', 'contacts_by_assigned', '100000 100000 20000 1 1'),
  ('contacts', 'contacts_by_business', '100000 100000 10000 1 1'),
  ('contacts', 'contacts_by_dnd', '100000 100000 50000 1 1'),
  ('contacts', 'contacts_by_updated', '100000 100000 1 1'),
  ('contacts', 'contacts_by_id', '100000 1 1 1'),
  ('contact_tags', 'contact_tags', '300000 300000 20000 1'),
  ('contact_tags', 'contact_tags_by_contact', '300000 3');
ANALYZE sqlite_schema;

-- Notes and tasks belong to one contact and go with it.
CREATE TABLE contact_notes (
  id TEXT PRIMARY KEY,
  location_id TEXT NOT NULL,
  contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  data TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX contact_notes_by_contact ON contact_notes(contact_id, created_at, id);

-- Tasks keep due date, completion and assignee as columns: location-wide task search reads them.
CREATE TABLE contact_tasks (
  id TEXT PRIMARY KEY,
  location_id TEXT NOT NULL,
  contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  assigned_to TEXT,
  completed INTEGER NOT NULL DEFAULT 0,
  due_at INTEGER,
  data TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX contact_tasks_by_contact ON contact_tasks(contact_id, created_at, id);
CREATE INDEX contact_tasks_by_location ON contact_tasks(location_id, due_at, id);

-- Campaign and workflow enrolments: HighLevel answers {succeded} and shows them nowhere else.
CREATE TABLE contact_campaigns (
  contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  campaign_id TEXT NOT NULL,
  location_id TEXT NOT NULL,
  added_at INTEGER NOT NULL,
  PRIMARY KEY (contact_id, campaign_id)
) WITHOUT ROWID;
CREATE TABLE contact_workflows (
  contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  workflow_id TEXT NOT NULL,
  location_id TEXT NOT NULL,
  event_start_time TEXT,
  added_at INTEGER NOT NULL,
  PRIMARY KEY (contact_id, workflow_id)
) WITHOUT ROWID;
`

export const contacts: Migration = { version: 5, name: 'contacts', sql }
