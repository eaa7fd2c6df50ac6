import type { Migration } from './types';

/**
 * The cases placed at a level, by id, with what the caseload's flag filters read of each: the authorization and IOP
 * hours flags hold only for placed cases (migration 13's spans), and their filters look up every flagged case by id.
 * At 100,000 cases the 5,019 with an authorization flag took 32 ms to check and sort by name, reading each case's row;
 * from this index alone, 14–20 ms, and the IOP cases short of their hours by next review 14 → 9 ms. About 29,000
 * entries at 100,000 cases; a new case has no level, so a load of new cases writes nothing here.
 */
export const migration017PlacedCasesIndex: Migration = {
  version: 17,
  name: 'placed cases index',
  sql: `
    CREATE INDEX cases_placed ON cases (id, status, full_name COLLATE NOCASE, level, next_review_due) WHERE level IS NOT NULL;
  `,
};
