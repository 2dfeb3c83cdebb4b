// Migration 3: the webhook delivery queue. One row per (event, app) with the exact body bytes that
// are signed and sent, and one row per attempt, so the log shows every try and a restart loses
// no pending retry (its due time is a column, not a timer).
import type { Migration } from './migration.js'

const sql = `
CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id INTEGER NOT NULL,
  webhook_id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  app_id TEXT NOT NULL,
  location_id TEXT,
  company_id TEXT,
  url TEXT NOT NULL,
  -- The compact JSON.stringify(payload): signed and sent byte for byte on every attempt.
  body TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'delivered', 'failed')),
  -- Scheduled attempts made so far (replays are logged but do not count toward the limit).
  attempt_count INTEGER NOT NULL DEFAULT 0,
  -- When a pending delivery is due (ms since the epoch, on the emulator's clock); NULL otherwise.
  next_attempt_at INTEGER,
  last_status_code INTEGER,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
-- (status, next_attempt_at, id) answers "what is due" and "when is the next one due" from the index alone.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_attempt_at, id);
CREATE INDEX webhook_deliveries_by_event ON webhook_deliveries(event_id);
CREATE INDEX webhook_deliveries_by_type ON webhook_deliveries(type, id);
CREATE INDEX webhook_deliveries_by_status ON webhook_deliveries(status, id);
CREATE INDEX webhook_deliveries_by_location ON webhook_deliveries(location_id, id);
CREATE INDEX webhook_deliveries_by_app ON webhook_deliveries(app_id, id);

CREATE TABLE webhook_attempts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  delivery_id INTEGER NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('scheduled', 'replay')),
  started_at INTEGER NOT NULL,
  url TEXT NOT NULL,
  status_code INTEGER,
  outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'retry', 'failed')),
  error TEXT,
  duration_ms INTEGER NOT NULL,
  response_excerpt TEXT NOT NULL,
  signatures TEXT NOT NULL
);
CREATE INDEX webhook_attempts_by_delivery ON webhook_attempts(delivery_id, id);
`

export const webhooks: Migration = { version: 3, name: 'webhooks', sql }
