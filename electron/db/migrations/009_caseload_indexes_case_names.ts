import type { Migration } from './types';

/**
 * Every case's number, in rowid order, and the words of its name: what the insert trigger below leaves when each case
 * was inserted in rowid order into empty tables. Exported for the reference caseload's bulk load
 * (electron/repositories/referenceCaseloadWriter.ts), which derives them once instead of row by row.
 */
export const NUMBERS_OF_EVERY_CASE = `INSERT INTO case_numbers (case_id) SELECT id FROM cases ORDER BY rowid;
    INSERT INTO case_names (rowid, full_name) SELECT case_numbers.case_no, cases.full_name
      FROM case_numbers JOIN cases ON cases.id = case_numbers.case_id;`;

/**
 * The caseload at 100,000 cases (docs/BENCHMARKS.md): every default view filters `status = 'active'` and counts
 * its rows, so the sort indexes start with the status; a name search finds words through a full-text index instead
 * of reading every row.
 */
export const migration009CaseloadIndexesCaseNames: Migration = {
  version: 9,
  name: 'caseload indexes and case names',
  sql: `
    -- An exact duplicate of cases_mrn_unique, paid on every insert.
    DROP INDEX cases_by_mrn;

    DROP INDEX cases_by_level_name;
    DROP INDEX cases_by_decision_status;
    DROP INDEX cases_by_next_review;
    DROP INDEX cases_by_updated;
    DROP INDEX cases_by_dob;
    DROP INDEX cases_by_clinician_name;
    CREATE INDEX cases_by_status_name ON cases (status, full_name COLLATE NOCASE, id);
    CREATE INDEX cases_by_status_clinician ON cases (status, clinician_id, full_name COLLATE NOCASE, id);
    CREATE INDEX cases_by_status_level ON cases (status, level, full_name COLLATE NOCASE, id);
    CREATE INDEX cases_by_status_recommended ON cases (status, recommended_level, full_name COLLATE NOCASE, id);
    CREATE INDEX cases_by_status_level_since ON cases (status, level_since, full_name COLLATE NOCASE, id);
    CREATE INDEX cases_by_status_decision ON cases (status, decision_status, full_name COLLATE NOCASE, id);
    CREATE INDEX cases_by_status_next_review ON cases (status, next_review_due, full_name COLLATE NOCASE, id);
    CREATE INDEX cases_by_status_updated ON cases (status, updated_at, full_name COLLATE NOCASE, id);
    CREATE INDEX cases_by_status_dob ON cases (status, date_of_birth, full_name COLLATE NOCASE, id);
    -- MRNs are unique, so the MRN alone orders the page.
    CREATE INDEX cases_by_status_mrn ON cases (status, mrn COLLATE NOCASE);

    -- "Has this assessment been amended?" is asked for every assessment a case screen or the review queue shows;
    -- without this, each answer read the whole assessments table.
    CREATE INDEX assessments_by_amends ON assessments (amends_id) WHERE amends_id IS NOT NULL;

    -- Today's flags pick their candidates from these: last week's attendance, and authorizations covering today.
    CREATE INDEX attendance_by_date ON attendance (session_date, case_id, hours);
    CREATE INDEX authorizations_by_end ON authorizations (to_date, from_date, case_id, level);

    -- A stable number per case: cases has a text key, and VACUUM (backups use VACUUM INTO) may renumber the rowids
    -- of a table without an INTEGER PRIMARY KEY, so derived tables that want a small key use this one.
    CREATE TABLE case_numbers (
      case_no INTEGER PRIMARY KEY,
      case_id TEXT NOT NULL UNIQUE REFERENCES cases (id)
    ) STRICT;

    -- Every word of every name, for the caseload search; its rowid is the case number. Contentless: the names
    -- stay in cases alone.
    CREATE VIRTUAL TABLE case_names USING fts5(
      full_name, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
    );

    ${NUMBERS_OF_EVERY_CASE}

    -- Kept in the same transaction as every change of a case, whatever path makes it.
    CREATE TRIGGER cases_numbered AFTER INSERT ON cases BEGIN
      INSERT INTO case_numbers (case_id) VALUES (NEW.id);
      INSERT INTO case_names (rowid, full_name) SELECT case_no, NEW.full_name FROM case_numbers WHERE case_id = NEW.id;
    END;
    CREATE TRIGGER cases_renamed AFTER UPDATE OF full_name ON cases WHEN NEW.full_name IS NOT OLD.full_name BEGIN
      DELETE FROM case_names WHERE rowid = (SELECT case_no FROM case_numbers WHERE case_id = OLD.id);
      INSERT INTO case_names (rowid, full_name) SELECT case_no, NEW.full_name FROM case_numbers WHERE case_id = NEW.id;
    END;
    CREATE TRIGGER cases_removed AFTER DELETE ON cases BEGIN
      DELETE FROM case_names WHERE rowid = (SELECT case_no FROM case_numbers WHERE case_id = OLD.id);
      DELETE FROM case_numbers WHERE case_id = OLD.id;
    END;
    CREATE TRIGGER cases_renumbered BEFORE UPDATE OF id ON cases BEGIN
      SELECT RAISE(ABORT, 'A case id never changes');
    END;

    ANALYZE;
  `,
};
