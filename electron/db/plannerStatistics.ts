import type Database from 'better-sqlite3-multiple-ciphers';
import { daysBetween, isIsoDate, type IsoDate } from '../../shared/domain/dates';
import { errorCode } from './errors';

/** The flag spans' statistics are gathered again when they are this many days old or more. */
export const FLAG_SPAN_STATISTICS_MAX_AGE_DAYS = 7;
/** Where the day they were last gathered is kept (an internal key, like the import mappings'). */
export const FLAG_SPANS_ANALYZED_KEY = 'plannerStatistics:flagSpansAnalyzedOn';

/**
 * The caseload's plans depend on the planner knowing how many rows each index narrows to (without statistics it
 * chose the name index for one clinician's caseload, 50 times slower). SQLite's recommended call on opening: it
 * analyzes only tables that changed a lot since they were last analyzed, in full, so the first open after a large
 * import pays once (3.8 s at 100,000 cases). With SQLite's row limit for the analysis (mask 0x10012) that open took
 * 1.6 s, but the rougher statistics made the overdue filter's plan five times slower (docs/BENCHMARKS.md). The flag
 * spans' statistics age with the calendar instead, and are gathered again weekly (refreshFlagSpanStatistics).
 */
export function refreshPlannerStatistics(sqlite: Database.Database): void {
  sqlite.pragma('optimize = 0x10002');
}

/**
 * Which of the flag spans' two indexes reads the spans covering today the faster (by first day or by last) is
 * judged from the statistics' sample of days, and that sample ages with the calendar even when the table hardly
 * changes, which is when `PRAGMA optimize` leaves it alone: six weeks on, the planner went back to the slower index
 * for the authorization filter (docs/BENCHMARKS.md). So the spans are analyzed again once a week, on the first open
 * of that week: about 30 ms at 100,000 cases, in one transaction with the day it was done. A recorded day that is no
 * day, or after today (the clock was set back), counts as due. Stale statistics are no reason to refuse an open: when
 * another connection is writing (a worker's import committing), the refresh waits for the next open. Returns whether
 * it ran.
 */
export function refreshFlagSpanStatistics(sqlite: Database.Database, today: IsoDate): boolean {
  const stored: unknown = sqlite.prepare(`SELECT value ->> '$' FROM settings WHERE key = ?`).pluck().get(FLAG_SPANS_ANALYZED_KEY);
  const last = isIsoDate(stored) ? stored : null;
  if (last !== null && last <= today && daysBetween(last, today) < FLAG_SPAN_STATISTICS_MAX_AGE_DAYS) return false;
  try {
    sqlite.transaction(() => {
      sqlite.exec('ANALYZE case_flag_spans');
      sqlite
        .prepare(
          `INSERT INTO settings (key, value, updated_at) VALUES (?, json_quote(?), ?)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        )
        .run(FLAG_SPANS_ANALYZED_KEY, today, new Date().toISOString());
    })();
  } catch (error) {
    if (errorCode(error)?.startsWith('SQLITE_BUSY')) return false;
    throw error;
  }
  return true;
}
