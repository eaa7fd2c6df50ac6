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
 * analyzes only tables that changed a lot since they were last analyzed, in full, so after a large load it takes
 * seconds (3.1 s on the 100,000-case reference file): the app's own opens leave it to a job on a worker thread
 * (electron/jobs/backgroundStatistics.ts). With SQLite's row limit for the analysis (mask 0x10012) it took 1.6 s, but
 * the rougher statistics made the overdue filter's plan five times slower (docs/BENCHMARKS.md). The flag spans'
 * statistics age with the calendar instead, and are gathered again weekly (refreshFlagSpanStatistics).
 */
export function refreshPlannerStatistics(sqlite: Database.Database): void {
  sqlite.pragma('optimize = 0x10002');
}

/** The tables `PRAGMA optimize` would analyze now, from its listing mode (mask bit 0x01: nothing is run; about 2 ms). */
export function tablesToAnalyze(sqlite: Database.Database): string[] {
  const listed = sqlite.pragma('optimize = 0x10003') as { optimize: string }[];
  return listed.map((line) => /"([^"]+)"\s*$/.exec(line.optimize)?.[1] ?? line.optimize);
}

function flagSpanStatisticsDue(sqlite: Database.Database, today: IsoDate): boolean {
  const stored: unknown = sqlite.prepare(`SELECT value ->> '$' FROM settings WHERE key = ?`).pluck().get(FLAG_SPANS_ANALYZED_KEY);
  const last = isIsoDate(stored) ? stored : null;
  return last === null || last > today || daysBetween(last, today) >= FLAG_SPAN_STATISTICS_MAX_AGE_DAYS;
}

/**
 * With fewer rows than this in every table due for analysis, gathering the statistics takes a few milliseconds and is
 * done where the database opens; otherwise on a worker thread (electron/jobs/backgroundStatistics.ts), the flag spans'
 * weekly analysis at scale among them (30 ms at 100,000 cases with the file cached, 127 ms read cold).
 */
export const QUICK_ANALYSIS_ROWS = 5_000;

/** Whether the table holds at least `rows` rows, reading no more than that many. */
function holdsAtLeast(sqlite: Database.Database, table: string, rows: number): boolean {
  return (
    sqlite
      .prepare(`SELECT count(*) FROM (SELECT 1 FROM main.${quotedName(table)} LIMIT ?)`)
      .pluck()
      .get(rows) === rows
  );
}

function quotedName(table: string): string {
  return `"${table.replaceAll('"', '""')}"`;
}

/**
 * Which statistics are due: none; only quick ones (empty or small tables, which `PRAGMA optimize` lists on every open
 * while they have too few rows to keep statistics); or slow ones, after a large load, or the flag spans' weekly
 * analysis of a large caseload.
 */
export type StatisticsDue = 'none' | 'quick' | 'slow';

export function statisticsDue(sqlite: Database.Database, today: IsoDate): StatisticsDue {
  const tables = tablesToAnalyze(sqlite);
  if (flagSpanStatisticsDue(sqlite, today)) tables.push('case_flag_spans');
  if (tables.length === 0) return 'none';
  return tables.some((table) => holdsAtLeast(sqlite, table, QUICK_ANALYSIS_ROWS)) ? 'slow' : 'quick';
}

export interface StatisticsRefresh {
  /** The tables analyzed because they changed a lot since their statistics were gathered. */
  readonly analyzed: readonly string[];
  /** Whether the flag spans' weekly analysis ran. */
  readonly flagSpans: boolean;
  /** Stopped before the end (a lock, a sign-out): what was analyzed is kept, the rest waits for the next sign-in. */
  readonly stopped?: true;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * What `refreshStatistics` does, one table at a time (`PRAGMA optimize` runs the same ANALYZE of each table it lists),
 * giving way between tables so that a stop asked meanwhile (a lock must not wait for every table) gets through. Each
 * table's statistics are committed on their own: statistics are no records, and a stop keeps what was gathered.
 */
export async function refreshStatisticsUnlessStopped(sqlite: Database.Database, today: IsoDate, signal: AbortSignal): Promise<StatisticsRefresh> {
  const analyzed: string[] = [];
  for (const table of tablesToAnalyze(sqlite)) {
    await nextTurn();
    if (signal.aborted) return { analyzed, flagSpans: false, stopped: true };
    sqlite.exec(`ANALYZE main.${quotedName(table)}`);
    analyzed.push(table);
  }
  await nextTurn();
  if (signal.aborted) return { analyzed, flagSpans: false, stopped: true };
  return { analyzed, flagSpans: refreshFlagSpanStatistics(sqlite, today) };
}

/** Both refreshes, as opening a database runs them, or the app's background job after sign-in (electron/jobs/jobs.ts). */
export function refreshStatistics(sqlite: Database.Database, today: IsoDate): StatisticsRefresh {
  const analyzed = tablesToAnalyze(sqlite);
  refreshPlannerStatistics(sqlite);
  return { analyzed, flagSpans: refreshFlagSpanStatistics(sqlite, today) };
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
  if (!flagSpanStatisticsDue(sqlite, today)) return false;
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
