// Migration 4 (external billing): checkouts (an approved install of a paid app waiting for its
// payments before the browser returns to the app) and the payments reported to the billing webhook.
import type { Migration } from './migration.js'

const sql = `
CREATE TABLE billing_checkouts (
  grant_id TEXT PRIMARY KEY REFERENCES oauth_grants(id) ON DELETE CASCADE,
  app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  company_id TEXT NOT NULL,
  install_type TEXT NOT NULL,
  location_ids TEXT NOT NULL DEFAULT '[]',
  install_ids TEXT NOT NULL,
  billing_url TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  completed_at INTEGER
);
CREATE INDEX billing_checkouts_open ON billing_checkouts(app_id, company_id, created_at) WHERE completed_at IS NULL;

CREATE TABLE billing_events (
  id TEXT PRIMARY KEY,
  app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  client_id TEXT NOT NULL,
  auth_type TEXT NOT NULL CHECK (auth_type IN ('location', 'company')),
  company_id TEXT NOT NULL,
  location_id TEXT,
  install_id TEXT NOT NULL,
  subscription_id TEXT,
  payment_id TEXT,
  amount REAL NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('COMPLETED', 'FAILED')),
  payment_type TEXT NOT NULL CHECK (payment_type IN ('one_time', 'recurring')),
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX billing_events_by_app ON billing_events(app_id, created_at);
CREATE INDEX billing_events_by_location ON billing_events(location_id, created_at);
-- paymentId is the idempotency key: one stored event per app and payment.
CREATE UNIQUE INDEX billing_events_by_payment ON billing_events(app_id, payment_id) WHERE payment_id IS NOT NULL;
`

export const billing: Migration = { version: 4, name: 'billing', sql }
