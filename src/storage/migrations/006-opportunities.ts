// Migration 6: what opportunity search needs at 100,000 rows per location. Lookup columns kept in
// step with `data`, one index per search filter, a narrow covering index that scans never leave,
// and per-(pipeline, stage, status, owner) totals that triggers keep, so a board's counts and sums
// cost a few rows instead of a scan. Row shapes and queries live in storage/opportunities.ts.
import type { Migration } from './migration.js'

const sql = `
ALTER TABLE opportunities ADD COLUMN name_lower TEXT NOT NULL DEFAULT '';
ALTER TABLE opportunities ADD COLUMN pipeline_stage_id TEXT;
ALTER TABLE opportunities ADD COLUMN status TEXT NOT NULL DEFAULT 'open';
ALTER TABLE opportunities ADD COLUMN assigned_to TEXT;
ALTER TABLE opportunities ADD COLUMN monetary_value REAL NOT NULL DEFAULT 0;

-- Rows written before this migration (a seeded database file) get their columns from data.
UPDATE opportunities SET
  name_lower = lower(coalesce(json_extract(data, '$.name'), '')),
  pipeline_stage_id = json_extract(data, '$.pipelineStageId'),
  status = coalesce(json_extract(data, '$.status'), 'open'),
  assigned_to = json_extract(data, '$.assignedTo'),
  monetary_value = coalesce(json_extract(data, '$.monetaryValue'), 0);

-- One index per equality filter of GET /opportunities/search, each ending in the sort key, so a
-- filtered page is an index range read in order and stops after \`limit\` rows.
CREATE INDEX opportunities_by_status ON opportunities(location_id, status, created_at, id);
CREATE INDEX opportunities_by_stage ON opportunities(location_id, pipeline_stage_id, created_at, id);
CREATE INDEX opportunities_by_assignee ON opportunities(location_id, assigned_to, created_at, id);
CREATE INDEX opportunities_by_location_contact ON opportunities(location_id, contact_id, pipeline_id, created_at, id);
-- Covering index for everything else (text search, date ranges, combined filters): every column a
-- filter or an aggregation reads, so a scan never touches the large JSON in the table rows.
-- (contact_id is left out: a contact filter always reads opportunities_by_location_contact.)
CREATE INDEX opportunities_search ON opportunities(
  location_id, created_at, id, name_lower, pipeline_id, pipeline_stage_id, status, assigned_to, monetary_value
);

-- Counts and value sums per location/pipeline/stage/status/owner ('' = unassigned). Rows at zero
-- stay (a later insert reuses them); readers skip them.
CREATE TABLE opportunity_totals (
  location_id TEXT NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
  pipeline_id TEXT NOT NULL,
  pipeline_stage_id TEXT NOT NULL,
  status TEXT NOT NULL,
  assigned_to TEXT NOT NULL,
  count INTEGER NOT NULL,
  monetary_value REAL NOT NULL,
  PRIMARY KEY (location_id, pipeline_id, pipeline_stage_id, status, assigned_to)
) WITHOUT ROWID;

INSERT INTO opportunity_totals
  SELECT location_id, pipeline_id, coalesce(pipeline_stage_id, ''), status, coalesce(assigned_to, ''), count(*), sum(monetary_value)
  FROM opportunities GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER opportunity_totals_insert AFTER INSERT ON opportunities BEGIN
  INSERT INTO opportunity_totals VALUES (
    new.location_id, new.pipeline_id, coalesce(new.pipeline_stage_id, ''), new.status, coalesce(new.assigned_to, ''), 1, new.monetary_value
  ) ON CONFLICT DO UPDATE SET count = count + 1, monetary_value = monetary_value + excluded.monetary_value;
END;

CREATE TRIGGER opportunity_totals_delete AFTER DELETE ON opportunities BEGIN
  UPDATE opportunity_totals SET count = count - 1, monetary_value = monetary_value - old.monetary_value
  WHERE location_id = old.location_id AND pipeline_id = old.pipeline_id
    AND pipeline_stage_id = coalesce(old.pipeline_stage_id, '') AND status = old.status
    AND assigned_to = coalesce(old.assigned_to, '');
END;

CREATE TRIGGER opportunity_totals_update
AFTER UPDATE OF location_id, pipeline_id, pipeline_stage_id, status, assigned_to, monetary_value ON opportunities BEGIN
  UPDATE opportunity_totals SET count = count - 1, monetary_value = monetary_value - old.monetary_value
  WHERE location_id = old.location_id AND pipeline_id = old.pipeline_id
    AND pipeline_stage_id = coalesce(old.pipeline_stage_id, '') AND status = old.status
    AND assigned_to = coalesce(old.assigned_to, '');
  INSERT INTO opportunity_totals VALUES (
    new.location_id, new.pipeline_id, coalesce(new.pipeline_stage_id, ''), new.status, coalesce(new.assigned_to, ''), 1, new.monetary_value
  ) ON CONFLICT DO UPDATE SET count = count + 1, monetary_value = monetary_value + excluded.monetary_value;
END;
`

export const opportunities: Migration = { version: 6, name: 'opportunities', sql }
