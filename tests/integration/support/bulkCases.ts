import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * Cases inserted straight into the table, outside the app's calls (as a bulk load or an older version would), so the
 * planner's statistics no longer describe them: all active, born 1980-01-01, with no program and no clinician.
 */
export function bulkLoadCases(sqlite: Database.Database, count: number): void {
  sqlite.exec(`
    INSERT INTO cases (id, mrn, full_name, date_of_birth, status, synthetic, created_at, updated_at)
    WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})
    SELECT printf('bulk-%06d', i), printf('BULK-%06d', i), printf('Bulk Person %d', i), '1980-01-01', 'active', 1,
      '2026-11-29T10:00:00.000Z', '2026-11-29T10:00:00.000Z' FROM n`);
}
