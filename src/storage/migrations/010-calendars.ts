// Schema 10: what scheduling looks up. Appointments get their end, assignee, group and status as
// columns (free slots and event queries read busy time from indexes, never from JSON); calendars
// get their group; blocked slots, groups, notes, resources, notifications and availability
// schedules get their own tables.
import type { Migration } from './migration.js'

/** Epoch ms of an ISO time in `data` (for rows written before this migration). */
const msOf = (path: string) => `CAST(round((julianday(json_extract(data, '${path}')) - 2440587.5) * 86400000) AS INTEGER)`

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
ALTER TABLE appointments ADD COLUMN ends_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE appointments ADD COLUMN assigned_user_id TEXT;
ALTER TABLE appointments ADD COLUMN group_id TEXT;
ALTER TABLE appointments ADD COLUMN status TEXT NOT NULL DEFAULT 'confirmed';
UPDATE appointments SET
  ends_at = coalesce(${msOf('$.endTime')}, starts_at),
  assigned_user_id = nullif(json_extract(data, '$.assignedUserId'), ''),
  group_id = nullif(json_extract(data, '$.groupId'), ''),
  status = coalesce(json_extract(data, '$.appointmentStatus'), 'confirmed');
-- Busy time of a calendar, a user or a group over a range: one index range each, carrying the
-- columns the free-slot engine needs so it never reads the JSON rows.
DROP INDEX appointments_by_calendar;
CREATE INDEX appointments_by_calendar ON appointments(calendar_id, starts_at, ends_at, assigned_user_id, status);
CREATE INDEX appointments_by_user ON appointments(location_id, assigned_user_id, starts_at, ends_at, status);
CREATE INDEX appointments_by_group ON appointments(location_id, group_id, starts_at);

ALTER TABLE calendars ADD COLUMN group_id TEXT;
UPDATE calendars SET group_id = nullif(json_extract(data, '$.groupId'), '');
CREATE INDEX calendars_by_group ON calendars(location_id, group_id, created_at, id);

${recordTable('calendar_blocked_slots', ['calendar_id TEXT', 'assigned_user_id TEXT', 'starts_at INTEGER NOT NULL', 'ends_at INTEGER NOT NULL'])}
CREATE INDEX calendar_blocked_slots_by_calendar ON calendar_blocked_slots(calendar_id, starts_at);
CREATE INDEX calendar_blocked_slots_by_user ON calendar_blocked_slots(location_id, assigned_user_id, starts_at);
CREATE INDEX calendar_blocked_slots_by_location ON calendar_blocked_slots(location_id, starts_at);

${recordTable('calendar_groups', ['slug TEXT NOT NULL'])}
CREATE INDEX calendar_groups_by_location ON calendar_groups(location_id, created_at, id);
CREATE INDEX calendar_groups_by_slug ON calendar_groups(location_id, slug);

${recordTable('calendar_notes', ['appointment_id TEXT NOT NULL'])}
CREATE INDEX calendar_notes_by_appointment ON calendar_notes(appointment_id, created_at, id);

${recordTable('calendar_resources', ['resource_type TEXT NOT NULL'])}
CREATE INDEX calendar_resources_by_type ON calendar_resources(location_id, resource_type, created_at, id);

${recordTable('calendar_notifications', ['calendar_id TEXT NOT NULL'])}
CREATE INDEX calendar_notifications_by_calendar ON calendar_notifications(calendar_id, created_at, id);

${recordTable('calendar_schedules', ['user_id TEXT'])}
CREATE INDEX calendar_schedules_by_user ON calendar_schedules(location_id, user_id, created_at, id);
`

export const calendars: Migration = { version: 10, name: 'calendars', sql }
