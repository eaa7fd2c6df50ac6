import { unlessRestoring } from '../backup/restoreInProgress';
import type { Vault } from '../core/vault';
import type { StepwiseDatabase } from '../db/openDatabase';
import { statisticsDue, type StatisticsRefresh } from '../db/plannerStatistics';
import type { HandlerContext } from '../ipc/handlerContext';
import { describeError, type Logger } from '../log/logger';
import { runJobFor } from './jobTarget';

type StatisticsContext = Pick<HandlerContext, 'vault' | 'jobs' | 'clock' | 'actor' | 'sessionId'>;

/** The refresh each vault is running or has queued, so signing in again waits for it rather than reopen under its write. */
const running = new WeakMap<Vault, Promise<void>>();
/** Stops the running job between two tables (a lock or sign-out must not wait for all of them). */
const stops = new WeakMap<Vault, AbortController>();
/** How many stops were asked, so a refresh still waiting for the connection when one was asked does not start at all. */
const stopsAsked = new WeakMap<Vault, number>();

/** Resolves once no refresh is running on this vault's database (at once when none is). */
export function statisticsSettled(vault: Vault): Promise<void> {
  return running.get(vault) ?? Promise.resolve();
}

/** Asks a running refresh to stop after the table it is analyzing; the session is ending. */
export function stopStatistics(vault: Vault): void {
  stopsAsked.set(vault, (stopsAsked.get(vault) ?? 0) + 1);
  stops.get(vault)?.abort();
}

/**
 * Gathers the planner's statistics on a worker thread when the open database needs slow ones (after a large import,
 * load or restore, or the flag spans' weekly analysis at scale; electron/db/plannerStatistics.ts): at 100,000 cases
 * that took 3.1 s after the reference load, which on the main process's event loop froze the window at sign-in. The
 * check is the main thread's (about 2 ms); small tables' statistics are gathered as the database opens. The job
 * writes the statistics tables, so the main connection is held meanwhile, as for an import's worker command: the
 * window's calls wait their turn instead of meeting the job's write lock and blocking the event loop on
 * busy_timeout. `after` is work the refresh waits for first (the checkpoint after an import). Never throws: without
 * fresh statistics the app is slower, never wrong.
 */
export function refreshStatisticsInBackground(ctx: StatisticsContext, logger: Logger, after?: Promise<unknown>): Promise<void> {
  const asked = stopsAsked.get(ctx.vault) ?? 0;
  // `after` never rejects today (checkpointInBackground logs its failures); if it did, the refresh would still run.
  const next = Promise.all([statisticsSettled(ctx.vault), after?.catch(() => undefined)]).then(() => refreshOnce(ctx, logger, asked));
  running.set(ctx.vault, next);
  void next.finally(() => {
    if (running.get(ctx.vault) === next) running.delete(ctx.vault);
  });
  return next;
}

async function refreshOnce(ctx: StatisticsContext, logger: Logger, stopsAskedBefore: number): Promise<void> {
  try {
    if (!ctx.vault.isOpen) return;
    const database = ctx.vault.database;
    const started = performance.now();
    // Not while a restore is under way or waiting: it closes this database, and gathers the restored one's after.
    const refreshed = await unlessRestoring(ctx.vault, () => refreshHolding(ctx, database, stopsAskedBefore));
    if (!refreshed) return;
    logger.info(refreshed.stopped ? 'Planner statistics stopped for the end of the session' : 'Planner statistics gathered in the background', {
      tables: refreshed.analyzed.join(', '),
      flagSpans: refreshed.flagSpans,
      ms: Math.round(performance.now() - started),
    });
  } catch (error) {
    logger.warn('Gathering the planner statistics failed', describeError(error));
  }
}

/** The job, while holding the main connection; null when there is nothing to do (or no longer anything it may do). */
function refreshHolding(ctx: StatisticsContext, database: StepwiseDatabase, stopsAskedBefore: number): Promise<StatisticsRefresh | null> {
  return database.db.connection().execute(async (): Promise<StatisticsRefresh | null> => {
    // Checked once the connection is ours: a restore or a lock queued ahead of us may have replaced or closed it, or
    // a lock may be waiting for it, having asked us to stop before we started.
    if (!ctx.vault.isOpen || ctx.vault.database !== database || (stopsAsked.get(ctx.vault) ?? 0) !== stopsAskedBefore) return null;
    // Quick ones are gathered where the database opens (and `PRAGMA optimize` lists its empty tables every time).
    if (statisticsDue(database.sqlite, ctx.clock.today()) !== 'slow') return null;
    const stop = new AbortController();
    stops.set(ctx.vault, stop);
    try {
      return await runJobFor(ctx, 'planner-statistics', {}, { signal: stop.signal });
    } finally {
      stops.delete(ctx.vault);
      // Loads what the job committed, even if it failed partway; ANALYZE also expires this connection's prepared
      // statements, so each is planned again with the new statistics when next run.
      if (database.sqlite.open) database.sqlite.exec('ANALYZE sqlite_schema');
    }
  });
}
