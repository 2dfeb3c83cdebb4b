// Schema 8: who is sending a delivery. Two instances may share one database file; a starting
// instance puts back only the deliveries whose claimer is gone (a crash), never a live one's.
import type { Migration } from './migration.js'

const sql = `
-- The instance that moved the row to 'sending' ("<pid>:<random>"); NULL on rows from before.
ALTER TABLE webhook_deliveries ADD COLUMN claimed_by TEXT;
`

export const claims: Migration = { version: 8, name: 'claims', sql }
