import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/db/migrate';
import { MIGRATIONS } from '../../../electron/db/migrations';
import { STEPWISE_APPLICATION_ID } from '../../../electron/db/openDatabase';
import { writeReferenceCaseload } from '../../../electron/repositories/referenceCaseloadWriter';

const TODAY = '2026-11-29';

let open: Database.Database[] = [];
afterEach(() => {
  for (const sqlite of open) sqlite.close();
  open = [];
});

/** The reference caseload with the planner's statistics gathered, as `openDatabase` leaves a file (PRAGMA optimize). */
function analyzedReference(cases: number): Database.Database {
  const sqlite = new Database(':memory:');
  open.push(sqlite);
  sqlite.pragma('foreign_keys = ON');
  migrate(sqlite, STEPWISE_APPLICATION_ID, MIGRATIONS);
  writeReferenceCaseload(sqlite, { seed: 2026, cases, today: TODAY });
  sqlite.exec('ANALYZE');
  return sqlite;
}

/** The index the caseload's flag filter reads the spans covering a day from, with the day bound as the filter binds it. */
function spansIndexFor(sqlite: Database.Database, flag: string, day: string): string {
  const plan = sqlite
    .prepare('EXPLAIN QUERY PLAN SELECT case_id FROM case_flag_spans WHERE flag = ? AND to_date >= ? AND from_date <= ?')
    .all(flag, day, day) as { detail: string }[];
  return plan.map((step) => step.detail).join(' | ');
}

describe('the flag spans by their first day (migration 18)', () => {
  it('give the spans covering a day from whichever index holds the shorter range', () => {
    const sqlite = analyzedReference(1_000);
    const count = (condition: string): number =>
      Number(sqlite.prepare(`SELECT count(*) FROM case_flag_spans WHERE flag = 'authorization' AND ${condition}`).pluck().get(TODAY));
    // Today most authorization spans start later (7 days before their authorization ends), and each runs on to its end.
    expect(count('from_date <= ?')).toBeLessThan(count('to_date >= ?') / 2);
    expect(spansIndexFor(sqlite, 'authorization', TODAY)).toContain('case_flag_spans_by_start');
    // Years on, every span has started and those of authorizations have ended: the last day is the shorter range.
    expect(spansIndexFor(sqlite, 'authorization', '2040-01-01')).toContain('case_flag_spans_by_day');
  });
});
