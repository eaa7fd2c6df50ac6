import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { migrate } from '../../../electron/db/migrate';
import { MIGRATIONS } from '../../../electron/db/migrations';
import { openDatabase, STEPWISE_APPLICATION_ID } from '../../../electron/db/openDatabase';
import {
  FLAG_SPANS_ANALYZED_KEY,
  QUICK_ANALYSIS_ROWS,
  refreshFlagSpanStatistics,
  refreshStatistics,
  refreshStatisticsUnlessStopped,
  statisticsDue,
  tablesToAnalyze,
} from '../../../electron/db/plannerStatistics';
import { writeReferenceCaseload } from '../../../electron/repositories/referenceCaseloadWriter';
import { toIsoDate, type IsoDate } from '../../../shared/domain/dates';
import { makeTempDir } from '../../support/tempDir';
import { bulkLoadCases } from '../support/bulkCases';

const TODAY = '2026-11-29';
/** Six weeks on: the statistics' sample of days no longer tells the planner which range of spans is the shorter. */
const SIX_WEEKS_ON = '2027-01-10';

let open: Database.Database[] = [];
afterEach(() => {
  for (const sqlite of open) sqlite.close();
  open = [];
  vi.useRealTimers();
});

function migrated(): Database.Database {
  const sqlite = new Database(':memory:');
  open.push(sqlite);
  sqlite.pragma('foreign_keys = ON');
  migrate(sqlite, STEPWISE_APPLICATION_ID, MIGRATIONS);
  return sqlite;
}

/** The reference caseload as it stands on `today`, every table analyzed. */
function referenceOn(today: IsoDate): Database.Database {
  const sqlite = migrated();
  writeReferenceCaseload(sqlite, { seed: 2026, cases: 1_000, today });
  sqlite.exec('ANALYZE');
  return sqlite;
}

function analyzedOn(sqlite: Database.Database): unknown {
  return sqlite.prepare(`SELECT value ->> '$' FROM settings WHERE key = ?`).pluck().get(FLAG_SPANS_ANALYZED_KEY);
}

/** The index the caseload's flag filter reads the authorization spans covering a day from. */
function spansIndexFor(sqlite: Database.Database, day: IsoDate): string {
  const plan = sqlite
    .prepare('EXPLAIN QUERY PLAN SELECT case_id FROM case_flag_spans WHERE flag = ? AND to_date >= ? AND from_date <= ?')
    .all('authorization', day, day) as { detail: string }[];
  return plan.map((step) => step.detail).join(' | ');
}

/** Puts one database's statistics in another's place, as if they had been gathered there back then. */
function copyStatistics(from: Database.Database, to: Database.Database): void {
  to.exec('DELETE FROM sqlite_stat1; DELETE FROM sqlite_stat4;');
  const insert1 = to.prepare('INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (@tbl, @idx, @stat)');
  for (const row of from.prepare('SELECT tbl, idx, stat FROM sqlite_stat1').all()) insert1.run(row);
  const insert4 = to.prepare('INSERT INTO sqlite_stat4 (tbl, idx, neq, nlt, ndlt, sample) VALUES (@tbl, @idx, @neq, @nlt, @ndlt, @sample)');
  for (const row of from.prepare('SELECT tbl, idx, neq, nlt, ndlt, sample FROM sqlite_stat4').all()) insert4.run(row);
  to.exec('ANALYZE sqlite_schema');
}

describe('the flag spans statistics, gathered again once a week', () => {
  it('are gathered when never gathered, then again from the seventh day on, and at once when the clock went back', () => {
    const sqlite = migrated();
    expect(analyzedOn(sqlite)).toBeUndefined();
    expect(refreshFlagSpanStatistics(sqlite, TODAY)).toBe(true);
    expect(analyzedOn(sqlite)).toBe(TODAY);
    expect(refreshFlagSpanStatistics(sqlite, TODAY)).toBe(false);
    expect(refreshFlagSpanStatistics(sqlite, '2026-12-05')).toBe(false);
    expect(analyzedOn(sqlite)).toBe(TODAY);
    expect(refreshFlagSpanStatistics(sqlite, '2026-12-06')).toBe(true);
    expect(analyzedOn(sqlite)).toBe('2026-12-06');
    expect(refreshFlagSpanStatistics(sqlite, '2026-12-01')).toBe(true);
    expect(analyzedOn(sqlite)).toBe('2026-12-01');
  });

  it.each(['soon', '2026-02-30', '2026-11-28xyz', '2026-11-2'])('are gathered again when the recorded day is not a day (%s)', (recorded) => {
    const sqlite = migrated();
    sqlite
      .prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, json_quote(?), '2026-01-01T00:00:00.000Z')`)
      .run(FLAG_SPANS_ANALYZED_KEY, recorded);
    expect(refreshFlagSpanStatistics(sqlite, TODAY)).toBe(true);
    expect(analyzedOn(sqlite)).toBe(TODAY);
  });

  it('wait for the next open when another connection is writing, without refusing this one', () => {
    const temp = makeTempDir('stepwise-statistics-busy-');
    try {
      const file = path.join(temp.dir, 'busy.db');
      const sqlite = new Database(file);
      open.push(sqlite);
      sqlite.pragma('journal_mode = WAL');
      migrate(sqlite, STEPWISE_APPLICATION_ID, MIGRATIONS);
      sqlite.pragma('busy_timeout = 0');
      const writer = new Database(file);
      open.push(writer);
      writer.exec('BEGIN IMMEDIATE');
      expect(refreshFlagSpanStatistics(sqlite, TODAY)).toBe(false);
      writer.exec('ROLLBACK');
      expect(analyzedOn(sqlite)).toBeUndefined();
      expect(refreshFlagSpanStatistics(sqlite, TODAY)).toBe(true);
      expect(analyzedOn(sqlite)).toBe(TODAY);
    } finally {
      for (const sqlite of open) sqlite.close();
      open = [];
      temp.cleanup();
    }
  });

  it('hold the statistics and the day they were gathered in one transaction', () => {
    const sqlite = migrated();
    sqlite.exec(`CREATE TRIGGER refuse_day BEFORE INSERT ON settings WHEN NEW.key = '${FLAG_SPANS_ANALYZED_KEY}'
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    writeReferenceCaseload(sqlite, { seed: 2026, cases: 40, today: TODAY });
    expect(() => refreshFlagSpanStatistics(sqlite, TODAY)).toThrow('disk full');
    expect(sqlite.prepare(`SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'case_flag_spans'`).pluck().get()).toBe(0);
    expect(analyzedOn(sqlite)).toBeUndefined();
  });

  it('keep the faster of the spans indexes for the authorization filter as the weeks go by', () => {
    const then = referenceOn(TODAY);
    expect(spansIndexFor(then, TODAY)).toContain('case_flag_spans_by_start');
    // The caseload six weeks on, still planned from the statistics gathered six weeks before.
    const now = referenceOn(SIX_WEEKS_ON);
    const count = (condition: string): number =>
      Number(now.prepare(`SELECT count(*) FROM case_flag_spans WHERE flag = 'authorization' AND ${condition}`).pluck().get(SIX_WEEKS_ON));
    expect(count('from_date <= ?')).toBeLessThan(count('to_date >= ?') / 2);
    expect(spansIndexFor(now, SIX_WEEKS_ON)).toContain('case_flag_spans_by_start');
    copyStatistics(then, now);
    expect(spansIndexFor(now, SIX_WEEKS_ON)).toContain('case_flag_spans_by_day');

    expect(refreshFlagSpanStatistics(now, SIX_WEEKS_ON)).toBe(true);
    expect(spansIndexFor(now, SIX_WEEKS_ON)).toContain('case_flag_spans_by_start');
  });

  it('are gathered as the app opens its database on the first open of each week', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 10, 29, 9, 30));
    const temp = makeTempDir('stepwise-statistics-');
    try {
      const file = path.join(temp.dir, 'stepwise.db');
      const key = Buffer.alloc(32, 7);
      const updatedAt = (sqlite: Database.Database): unknown =>
        sqlite.prepare('SELECT updated_at FROM settings WHERE key = ?').pluck().get(FLAG_SPANS_ANALYZED_KEY);
      const first = openDatabase({ file, key });
      expect(analyzedOn(first.sqlite)).toBe(TODAY);
      const stamp = updatedAt(first.sqlite);
      first.close();
      vi.setSystemTime(new Date(2026, 11, 5, 17, 0));
      const sameWeek = openDatabase({ file, key });
      expect(updatedAt(sameWeek.sqlite)).toBe(stamp);
      sameWeek.close();
      vi.setSystemTime(new Date(2026, 11, 6, 8, 0));
      const nextWeek = openDatabase({ file, key });
      expect(analyzedOn(nextWeek.sqlite)).toBe('2026-12-06');
      nextWeek.close();
      // A worker's connection to the same file gathers nothing.
      vi.setSystemTime(new Date(2027, 0, 20, 8, 0));
      const worker = openDatabase({ file, key, existingOnly: true });
      expect(analyzedOn(worker.sqlite)).toBe('2026-12-06');
      worker.close();
    } finally {
      temp.cleanup();
    }
  });
});

describe('which statistics are due, and where they are gathered', () => {
  const LOADED = QUICK_ANALYSIS_ROWS + 10;
  /** Whether the cases' statistics count the loaded rows. */
  const casesAnalyzed = (sqlite: Database.Database): boolean =>
    (sqlite.prepare("SELECT stat FROM sqlite_stat1 WHERE tbl = 'cases'").pluck().all() as string[]).some((stat) => stat.startsWith(`${LOADED} `));

  it('are quick for small tables and slow past QUICK_ANALYSIS_ROWS in one, and the refresh names what it analyzed', () => {
    const sqlite = migrated();
    refreshStatistics(sqlite, TODAY);
    // Empty tables keep no statistics, so PRAGMA optimize lists them on every open: quick, never none.
    expect(statisticsDue(sqlite, TODAY)).toBe('quick');
    bulkLoadCases(sqlite, QUICK_ANALYSIS_ROWS - 1);
    expect(statisticsDue(sqlite, TODAY)).toBe('quick');
    sqlite.exec("DELETE FROM cases WHERE id LIKE 'bulk-%'");
    bulkLoadCases(sqlite, QUICK_ANALYSIS_ROWS);
    expect(tablesToAnalyze(sqlite)).toContain('cases');
    expect(statisticsDue(sqlite, TODAY)).toBe('slow');
    const refreshed = refreshStatistics(sqlite, TODAY);
    expect(refreshed.analyzed).toContain('cases');
    expect(refreshed.analyzed).toContain('case_numbers');
    expect(statisticsDue(sqlite, TODAY)).toBe('quick');
    // The flag spans' weekly analysis counts too: slow once their week is up if they are many.
    sqlite.exec("INSERT INTO case_flag_spans (case_id, flag, from_date, to_date) SELECT id, 'authorization', '2026-01-01', '2026-12-31' FROM cases");
    refreshStatistics(sqlite, TODAY);
    expect(statisticsDue(sqlite, '2026-12-05')).toBe('quick');
    expect(statisticsDue(sqlite, '2026-12-06')).toBe('slow');
  });

  it('stop between two tables when asked, keeping what was analyzed before', async () => {
    const sqlite = migrated();
    refreshStatistics(sqlite, TODAY);
    bulkLoadCases(sqlite, 200);
    const listed = tablesToAnalyze(sqlite);
    expect(listed.indexOf('cases')).toBeLessThan(listed.indexOf('case_numbers'));
    const stop = new AbortController();
    const exec = sqlite.exec.bind(sqlite);
    vi.spyOn(sqlite, 'exec').mockImplementation((text: string) => {
      const done = exec(text);
      if (text === 'ANALYZE main."cases"') stop.abort();
      return done;
    });
    const refreshed = await refreshStatisticsUnlessStopped(sqlite, TODAY, stop.signal);
    expect(refreshed).toEqual({ analyzed: listed.slice(0, listed.indexOf('cases') + 1), flagSpans: false, stopped: true });
    const casesStats = sqlite.prepare("SELECT stat FROM sqlite_stat1 WHERE tbl = 'cases'").pluck().all() as string[];
    expect(casesStats.some((stat) => stat.startsWith('200 '))).toBe(true);
    expect(tablesToAnalyze(sqlite)).toContain('case_numbers');
    expect(tablesToAnalyze(sqlite)).not.toContain('cases');
  });

  it("are left to the background by the app's open when slow, gathered at once when quick, and never written for a restore", () => {
    const temp = makeTempDir('stepwise-statistics-open-');
    try {
      const file = path.join(temp.dir, 'stepwise.db');
      const key = Buffer.alloc(32, 9);
      const created = openDatabase({ file, key });
      bulkLoadCases(created.sqlite, LOADED);
      created.sqlite.prepare('DELETE FROM settings WHERE key = ?').run(FLAG_SPANS_ANALYZED_KEY);
      created.close();

      const restoring = openDatabase({ file, key, statistics: 'none' });
      expect([casesAnalyzed(restoring.sqlite), analyzedOn(restoring.sqlite)]).toEqual([false, undefined]);
      restoring.close();
      const app = openDatabase({ file, key, statistics: 'background' });
      expect([casesAnalyzed(app.sqlite), analyzedOn(app.sqlite)]).toEqual([false, undefined]);
      expect(statisticsDue(app.sqlite, toIsoDate(new Date()))).toBe('slow');
      app.close();
      const tool = openDatabase({ file, key });
      expect(casesAnalyzed(tool.sqlite)).toBe(true);
      expect(analyzedOn(tool.sqlite)).toBe(toIsoDate(new Date()));
      tool.sqlite.prepare('DELETE FROM settings WHERE key = ?').run(FLAG_SPANS_ANALYZED_KEY);
      tool.close();

      // Only the small flag spans are due now: the app's open gathers them itself.
      const quick = openDatabase({ file, key, statistics: 'background' });
      expect(analyzedOn(quick.sqlite)).toBe(toIsoDate(new Date()));
      quick.close();
    } finally {
      temp.cleanup();
    }
  });
});
