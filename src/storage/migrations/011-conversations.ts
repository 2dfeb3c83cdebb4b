// Schema 11: what conversations and messages need at 100,000 rows: lookup columns kept in step
// with `data`, an inbox index in last-message order, a newest-first message page index, e-mail
// ids, per-filter totals, and the persistent queue of message jobs (scheduled sends, deliveries) the clock runs.
import type { Migration } from './migration.js'

const sql = `
ALTER TABLE conversations ADD COLUMN last_message_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN last_message_type TEXT;
ALTER TABLE conversations ADD COLUMN assigned_to TEXT;
ALTER TABLE conversations ADD COLUMN unread_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN starred INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN search_text TEXT NOT NULL DEFAULT '';

-- Rows written before this migration (a seeded database file) get their columns from data.
UPDATE conversations SET
  last_message_at = coalesce(json_extract(data, '$.lastMessageDate'), created_at),
  last_message_type = json_extract(data, '$.lastMessageType'),
  assigned_to = json_extract(data, '$.assignedTo'),
  unread_count = coalesce(json_extract(data, '$.unreadCount'), 0),
  starred = coalesce(json_extract(data, '$.starred'), 0),
  search_text = lower(coalesce(json_extract(data, '$.fullName'), '') || ' ' || coalesce(json_extract(data, '$.contactName'), '') || ' ' ||
    coalesce(json_extract(data, '$.email'), '') || ' ' || coalesce(json_extract(data, '$.phone'), '') || ' ' ||
    coalesce(json_extract(data, '$.lastMessageBody'), ''));

-- The inbox in sort order, covering every search filter, so a filtered page walks the index and
-- stops after \`limit\` matches without reading a JSON row it does not return.
CREATE INDEX conversations_inbox ON conversations(
  location_id, last_message_at, id, assigned_to, last_message_type, unread_count, starred, contact_id, search_text
);
CREATE INDEX conversations_by_location_contact ON conversations(location_id, contact_id, last_message_at, id);

-- Counts per location/assignee/last message type/unread/starred ('' = none), kept by triggers, so a
-- search's \`total\` costs a few rows instead of counting the inbox. Rows at zero stay.
CREATE TABLE conversation_totals (
  location_id TEXT NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
  assigned_to TEXT NOT NULL,
  last_message_type TEXT NOT NULL,
  unread INTEGER NOT NULL,
  starred INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (location_id, assigned_to, last_message_type, unread, starred)
) WITHOUT ROWID;

INSERT INTO conversation_totals
  SELECT location_id, coalesce(assigned_to, ''), coalesce(last_message_type, ''), unread_count > 0, starred, count(*)
  FROM conversations GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER conversation_totals_insert AFTER INSERT ON conversations BEGIN
  INSERT INTO conversation_totals VALUES (
    new.location_id, coalesce(new.assigned_to, ''), coalesce(new.last_message_type, ''), new.unread_count > 0, new.starred, 1
  ) ON CONFLICT DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER conversation_totals_delete AFTER DELETE ON conversations BEGIN
  UPDATE conversation_totals SET count = count - 1
  WHERE location_id = old.location_id AND assigned_to = coalesce(old.assigned_to, '')
    AND last_message_type = coalesce(old.last_message_type, '') AND unread = (old.unread_count > 0) AND starred = old.starred;
END;

CREATE TRIGGER conversation_totals_update
AFTER UPDATE OF location_id, assigned_to, last_message_type, unread_count, starred ON conversations BEGIN
  UPDATE conversation_totals SET count = count - 1
  WHERE location_id = old.location_id AND assigned_to = coalesce(old.assigned_to, '')
    AND last_message_type = coalesce(old.last_message_type, '') AND unread = (old.unread_count > 0) AND starred = old.starred;
  INSERT INTO conversation_totals VALUES (
    new.location_id, coalesce(new.assigned_to, ''), coalesce(new.last_message_type, ''), new.unread_count > 0, new.starred, 1
  ) ON CONFLICT DO UPDATE SET count = count + 1;
END;

ALTER TABLE messages ADD COLUMN message_type TEXT;
ALTER TABLE messages ADD COLUMN email_message_id TEXT;
UPDATE messages SET message_type = json_extract(data, '$.messageType');
-- A conversation's page, newest first, with the type filter answered from the index.
CREATE INDEX messages_page ON messages(conversation_id, created_at, id, message_type);
CREATE INDEX messages_by_email_id ON messages(email_message_id) WHERE email_message_id IS NOT NULL;

-- Work the clock owes messages: a scheduled send, or the delivery report of a sent message. One row
-- per message (a message waits for one thing at a time); a restart re-arms the earliest.
CREATE TABLE message_jobs (
  message_id TEXT PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
  location_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('send', 'deliver')),
  due_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX message_jobs_due ON message_jobs(due_at, message_id);
`

export const conversations: Migration = { version: 11, name: 'conversations', sql }
