import type { Migration } from './types';

export const migration002Assessments: Migration = {
  version: 2,
  name: 'assessments with their stored recommendation',
  sql: `
    CREATE TABLE assessments (
      id TEXT PRIMARY KEY,
      case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE RESTRICT,
      assessed_on TEXT NOT NULL CHECK (date(assessed_on) IS assessed_on),
      format_version INTEGER NOT NULL CHECK (format_version >= 1),
      -- The assessment exactly as recorded, in the interchange format.
      payload TEXT NOT NULL CHECK (json_valid(payload)),
      -- The recommendation made when it was recorded, never overwritten: replays compare against it.
      recommendation TEXT NOT NULL CHECK (json_valid(recommendation)),
      recommended_level TEXT CHECK (recommended_level IN ('inpatient', 'iop', 'outpatient')),
      ruleset_version TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE INDEX assessments_by_case ON assessments (case_id, assessed_on, id);
    CREATE INDEX assessments_by_ruleset ON assessments (ruleset_version);
  `,
};
