import type { Migration } from './types';

/** Marks the case numbers of the cases not in care, for the migration and for a load that sets the triggers aside. */
export const ACTIVE_OF_EVERY_CASE = `UPDATE case_numbers SET active = 0 WHERE case_id IN (SELECT id FROM cases WHERE status <> 'active');`;

/**
 * Whether each case is in care, beside its number, for the name search (docs/BENCHMARKS.md). The full-text index
 * gives case numbers; before, each was looked up in the cases by its 36-character id to keep those in care: at
 * 100,000 cases a two-letter search finds 6,116 names of which 1,953 are in care (about 40 ms). Read from the
 * numbers' own table, only the cases in care are looked up (about 17 ms). Kept by the triggers in the same
 * transaction as every insert and status change of a case, whatever path makes it.
 */
export const migration016CaseNumbersActive: Migration = {
  version: 16,
  name: 'case numbers active',
  sql: `
    ALTER TABLE case_numbers ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
    ${ACTIVE_OF_EVERY_CASE}

    DROP TRIGGER cases_numbered;
    CREATE TRIGGER cases_numbered AFTER INSERT ON cases BEGIN
      INSERT INTO case_numbers (case_id, active) VALUES (NEW.id, NEW.status = 'active');
      INSERT INTO case_names (rowid, full_name) SELECT case_no, NEW.full_name FROM case_numbers WHERE case_id = NEW.id;
    END;
    CREATE TRIGGER cases_status_numbered AFTER UPDATE OF status ON cases WHEN NEW.status IS NOT OLD.status BEGIN
      UPDATE case_numbers SET active = NEW.status = 'active' WHERE case_id = NEW.id;
    END;
  `,
};
