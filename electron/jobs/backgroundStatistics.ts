import type { Vault } from '../core/vault';
import { statisticsDue } from '../db/plannerStatistics';
import { forgetPreparedStatements } from '../db/statementCache';
import type { HandlerContext } from '../ipc/handlerContext';
import { describeError, type Logger } from '../log/logger';
import { runJobFor } from './jobTarget';

type StatisticsContext = Pick<HandlerContext, 'vault' | 'jobs' | 'clock' | 'actor' | 'sessionId'>;

/** The refresh each vault is running, so signing in again waits for it rather than reopen under its write. */
const running = new WeakMap<Vault, Promise<void>>();

/** Resolves once no refresh is running on this vault's database (at once when none is). */
export function statisticsSettled(vault: Vault): Promise<void> {
  return running.get(vault) ?? Promise.resolve();
}

/**
 * Gathers the planner's statistics on a worker thread when the open database needs them (after a large import or
 * load, a restore, or once a week for the flag spans; electron/db/plannerStatistics.ts): at 100,000 cases that took
 * 3.1 s after the reference load, which on the main process's event loop froze the window at sign-in. The check is
 * the main thread's (about 2 ms); small tables' statistics are gathered as the database opens (openDatabase). The job writes the statistics tables, so the main connection is held meanwhile, as
 * for an import's worker command: the window's calls wait their turn instead of meeting the job's write lock and
 * blocking the event loop on busy_timeout. Then the main connection loads the new statistics and prepares its
 * statements again with them. Never throws: without fresh statistics the app is slower, never wrong.
 */
export function refreshStatisticsInBackground(ctx: StatisticsContext, logger: Logger): Promise<void> {
  const next = statisticsSettled(ctx.vault).then(() => refreshOnce(ctx, logger));
  running.set(ctx.vault, next);
  void next.finally(() => {
    if (running.get(ctx.vault) === next) running.delete(ctx.vault);
  });
  return next;
}

async function refreshOnce(ctx: StatisticsContext, logger: Logger): Promise<void> {
  try {
    if (!ctx.vault.isOpen) return;
    const database = ctx.vault.database;
    // Quick ones are gathered where the database opens (and `PRAGMA optimize` lists its empty tables every time).
    if (statisticsDue(database.sqlite, ctx.clock.today()) !== 'slow') return;
    const started = performance.now();
    const refreshed = await database.db.connection().execute(async () => {
      const done = await runJobFor(ctx, 'planner-statistics', {});
      // Locked or signed out meanwhile: the connection is closed, and the next one loads the statistics as it opens.
      if (database.sqlite.open) {
        // Loads sqlite_stat1 and sqlite_stat4 again without analyzing anything.
        database.sqlite.exec('ANALYZE sqlite_schema');
        forgetPreparedStatements(database.sqlite);
      }
      return done;
    });
    logger.info('Planner statistics gathered in the background', {
      tables: refreshed.analyzed.join(', '),
      flagSpans: refreshed.flagSpans,
      ms: Math.round(performance.now() - started),
    });
  } catch (error) {
    logger.warn('Gathering the planner statistics failed', describeError(error));
  }
}
