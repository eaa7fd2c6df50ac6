import type { Migration } from './types';

/**
 * The supervisor's worklist, cases whose level departs from the recommendation with no decision on them yet, counted
 * and paged from an index of those cases alone. The mismatch index holds every mismatched case, so at 100,000 cases
 * the count read each of its 3,631 cases' rows to find the 640 undecided ones (5.7 ms, against 0.1 ms from this
 * index), and a page by name sorted them. A new case is neither placed nor recommended, so a load of new cases
 * writes nothing here.
 */
export const migration015MismatchUndecidedIndex: Migration = {
  version: 15,
  name: 'mismatch undecided index',
  sql: `
    CREATE INDEX cases_by_mismatch_undecided ON cases (status, full_name COLLATE NOCASE) WHERE mismatch = 1 AND decision_status IS NULL;
  `,
};
