// Schema 6: what contact search, tags, notes, tasks, campaigns and workflows need. Lookup columns
// are generated from the contact's JSON (`data`), so they can never drift from it; triggers keep
// the tag index and the full-text index in step with every write, seeded or API-made.
import type { Migration } from './index.js'

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

-- Every sort and equality filter of contact search walks one of these within a location.
CREATE INDEX contacts_by_first_name ON contacts(location_id, first_name_lc, id);
CREATE INDEX contacts_by_last_name ON contacts(location_id, last_name_lc, id);
CREATE INDEX contacts_by_company ON contacts(location_id, company_lc, id);
CREATE INDEX contacts_by_assigned ON contacts(location_id, assigned_to, created_at, id);
CREATE INDEX contacts_by_business ON contacts(location_id, business_id, created_at, id);
CREATE INDEX contacts_by_dnd ON contacts(location_id, dnd, created_at, id);
CREATE INDEX contacts_by_updated ON contacts(location_id, updated_at, id);

-- Substring search: a trigram index over search_text, reading the text back from contacts
-- (external content). Keyed by the contacts rowid, which nothing here ever renumbers (no VACUUM).
CREATE VIRTUAL TABLE contacts_fts USING fts5(search_text, content='contacts', content_rowid='rowid', tokenize='trigram', detail='none');
INSERT INTO contacts_fts(contacts_fts) VALUES ('rebuild');

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

CREATE TRIGGER contacts_index_insert AFTER INSERT ON contacts BEGIN
  INSERT INTO contacts_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
  INSERT OR IGNORE INTO contact_tags (location_id, tag, contact_id)
    SELECT new.location_id, lower(value), new.id FROM json_each(new.data, '$.tags') WHERE type = 'text';
END;
CREATE TRIGGER contacts_index_update AFTER UPDATE OF data ON contacts BEGIN
  INSERT INTO contacts_fts(contacts_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO contacts_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
  DELETE FROM contact_tags WHERE contact_id = old.id;
  INSERT OR IGNORE INTO contact_tags (location_id, tag, contact_id)
    SELECT new.location_id, lower(value), new.id FROM json_each(new.data, '$.tags') WHERE type = 'text';
END;
CREATE TRIGGER contacts_index_delete AFTER DELETE ON contacts BEGIN
  INSERT INTO contacts_fts(contacts_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  DELETE FROM contact_tags WHERE contact_id = old.id;
END;

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

export const contacts: Migration = { version: 6, name: 'contacts', sql }
