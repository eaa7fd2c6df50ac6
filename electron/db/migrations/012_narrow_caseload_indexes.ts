import type { Migration } from './types';

/**
 * The caseload's sort indexes made smaller, for what a large import pays to build them (docs/BENCHMARKS.md):
 * - without the case's 36-character id at their end: every index entry holds the row's rowid anyway, and the id only
 *   broke ties between cases with the same name, which the query still does (SQLite sorts just the tied rows). At
 *   100,000 cases this took a third off their size and their build time;
 * - the columns derived from a case's assessments, decisions and reviews (level, recommended level, level since,
 *   decision status, next review) indexed only where set: a new case has none of them, so a load of new cases is not
 *   written into these five at all, and the caseload pages the unset ones after the set ones by name
 *   (electron/repositories/caseloadQuery.ts). Mismatches likewise, only the mismatched cases.
 * `cases_by_program` keeps its id: the metrics report reads a program's case ids from it alone.
 */
export const migration012NarrowCaseloadIndexes: Migration = {
  version: 12,
  name: 'narrow caseload indexes',
  sql: `
    DROP INDEX cases_by_name;
    DROP INDEX cases_by_mismatch;
    DROP INDEX cases_by_status_name;
    DROP INDEX cases_by_status_clinician;
    DROP INDEX cases_by_status_level;
    DROP INDEX cases_by_status_recommended;
    DROP INDEX cases_by_status_level_since;
    DROP INDEX cases_by_status_decision;
    DROP INDEX cases_by_status_next_review;
    DROP INDEX cases_by_status_updated;
    DROP INDEX cases_by_status_dob;
    CREATE INDEX cases_by_name ON cases (full_name COLLATE NOCASE);
    CREATE INDEX cases_by_status_name ON cases (status, full_name COLLATE NOCASE);
    CREATE INDEX cases_by_status_clinician ON cases (status, clinician_id, full_name COLLATE NOCASE);
    CREATE INDEX cases_by_status_updated ON cases (status, updated_at, full_name COLLATE NOCASE);
    CREATE INDEX cases_by_status_dob ON cases (status, date_of_birth, full_name COLLATE NOCASE);
    CREATE INDEX cases_by_status_level ON cases (status, level, full_name COLLATE NOCASE) WHERE level IS NOT NULL;
    CREATE INDEX cases_by_status_recommended ON cases (status, recommended_level, full_name COLLATE NOCASE)
      WHERE recommended_level IS NOT NULL;
    CREATE INDEX cases_by_status_level_since ON cases (status, level_since, full_name COLLATE NOCASE) WHERE level_since IS NOT NULL;
    CREATE INDEX cases_by_status_decision ON cases (status, decision_status, full_name COLLATE NOCASE) WHERE decision_status IS NOT NULL;
    CREATE INDEX cases_by_status_next_review ON cases (status, next_review_due, full_name COLLATE NOCASE)
      WHERE next_review_due IS NOT NULL;
    CREATE INDEX cases_by_mismatch ON cases (status, full_name COLLATE NOCASE) WHERE mismatch = 1;
  `,
};
