import { describe, expect, it } from 'vitest';
import { migration016CaseNumbersActive } from '../../../electron/db/migrations/016_case_numbers_active';
import { referenceDatabaseUpgradedTo } from '../../support/referenceDatabases';

const TODAY = '2026-11-29';

describe('migration 16: the case numbers mark the cases in care', () => {
  it('marks every case of records written before it by its status, and keeps the mark on later changes', () => {
    const sqlite = referenceDatabaseUpgradedTo(migration016CaseNumbersActive.version, 400, TODAY);
    try {
      const disagreeing = sqlite
        .prepare("SELECT count(*) FROM case_numbers AS n JOIN cases AS c ON c.id = n.case_id WHERE n.active IS NOT (c.status = 'active')")
        .pluck();
      const marks = sqlite.prepare('SELECT active, count(*) AS n FROM case_numbers GROUP BY active ORDER BY active').all();
      expect(marks).toEqual([
        { active: 0, n: sqlite.prepare("SELECT count(*) FROM cases WHERE status = 'discharged'").pluck().get() },
        { active: 1, n: sqlite.prepare("SELECT count(*) FROM cases WHERE status = 'active'").pluck().get() },
      ]);
      expect(disagreeing.get()).toBe(0);
      sqlite.prepare("UPDATE cases SET status = CASE status WHEN 'active' THEN 'discharged' ELSE 'active' END WHERE rowid % 7 = 0").run();
      expect(disagreeing.get()).toBe(0);
      expect(sqlite.prepare('SELECT count(*) FROM case_numbers').pluck().get()).toBe(400);
    } finally {
      sqlite.close();
    }
  });
});
