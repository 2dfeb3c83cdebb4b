// Schema 9: custom menu links (custom-menus.json), an agency's records. A title column for
// `query` and one index per company, so a list reads only that agency's links.
import type { Migration } from './migration.js'

const sql = `
CREATE TABLE custom_menus (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  data TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  title_lc TEXT GENERATED ALWAYS AS (lower(json_extract(data, '$.title'))) VIRTUAL
);
CREATE INDEX custom_menus_by_company ON custom_menus(company_id, created_at, id);
`

export const customMenus: Migration = { version: 9, name: 'custom-menus', sql }
