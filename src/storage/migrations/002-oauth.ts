// Migration 2 (OAuth install flow): the grants users approved on the consent page, the
// authorization codes and refresh tokens issued from them, and private integrations.
// Codes and refresh tokens are stored by SHA-256 only, like access tokens.
import type { Migration } from './migration.js'

const sql = `
-- One approval of an app by a user: what was consented to and the install it hangs off.
-- Access tokens issued from a grant carry its id as tokens.parent_id, so revoking the grant
-- (a reused code, an uninstall) revokes every token of the family at once.
CREATE TABLE oauth_grants (
  id TEXT PRIMARY KEY,
  app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  user_type TEXT NOT NULL CHECK (user_type IN ('Location', 'Company')),
  company_id TEXT NOT NULL,
  location_id TEXT,
  user_id TEXT,
  install_id TEXT,
  is_bulk INTEGER NOT NULL DEFAULT 0,
  approved_locations TEXT NOT NULL DEFAULT '[]',
  scopes TEXT NOT NULL,
  redirect_uri TEXT NOT NULL,
  state TEXT,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX oauth_grants_by_install ON oauth_grants(install_id);

CREATE TABLE oauth_codes (
  code_hash TEXT PRIMARY KEY,
  grant_id TEXT NOT NULL REFERENCES oauth_grants(id) ON DELETE CASCADE,
  client_id TEXT NOT NULL,
  redirect_uri TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE INDEX oauth_codes_by_grant ON oauth_codes(grant_id);

-- id is the response's refreshTokenId (24 hex).
CREATE TABLE refresh_tokens (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  grant_id TEXT NOT NULL REFERENCES oauth_grants(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  revoked_at INTEGER
);
CREATE INDEX refresh_tokens_by_grant ON refresh_tokens(grant_id);

-- A private integration (Settings > Private Integrations): its current token and, during a
-- rotation's grace window, the previous one. Token rows live in tokens (kind 'pit').
CREATE TABLE private_integrations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  auth_class TEXT NOT NULL CHECK (auth_class IN ('Location', 'Company')),
  company_id TEXT NOT NULL,
  location_id TEXT,
  scopes TEXT NOT NULL,
  token_id TEXT NOT NULL,
  previous_token_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  rotated_at INTEGER,
  deleted_at INTEGER
);
CREATE INDEX private_integrations_by_owner ON private_integrations(company_id, location_id);
`

export const oauth: Migration = { version: 2, name: 'oauth', sql }
