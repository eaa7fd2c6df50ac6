import type Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseSummary } from '../../../shared/contract/cases';
import type { Result } from '../../../shared/contract/result';
import { QUICK_ANALYSIS_ROWS, statisticsDue } from '../../../electron/db/plannerStatistics';
import { refreshStatisticsInBackground, statisticsSettled, stopStatistics } from '../../../electron/jobs/backgroundStatistics';
import type { JobRunner } from '../../../electron/jobs/jobRunner';
import type { JobKind } from '../../../electron/jobs/jobs';
import { fixedClock } from '../../../electron/services/context';
import { makeCaseInput } from '../../factories/cases';
import { expectOk } from '../../support/seed';
import { makeTempDir } from '../../support/tempDir';
import { testJobRunner } from '../../support/testJobs';
import { createTestCore, TEST_NOW, TEST_PASSWORD, type TestCore } from '../../support/testCore';
import { bulkLoadCases } from '../support/bulkCases';

const TODAY = '2026-11-29';
const BULK = QUICK_ANALYSIS_ROWS + 1_000;
const GATHERED = 'Planner statistics gathered in the background';

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;
/** The jobs started, in order, and what the test does when the statistics job starts. */
let started: JobKind[];
let onStatisticsJob: (() => void) | null;
let statisticsJobEnded: boolean;

/** The tests' worker threads, telling the test when the statistics job starts and ends. */
const watchingRunner: JobRunner = {
  run: (kind, input, target, watch) => {
    started.push(kind);
    const job = testJobRunner.run(kind, input, target, watch);
    if (kind !== 'planner-statistics') return job;
    onStatisticsJob?.();
    return job.finally(() => {
      statisticsJobEnded = true;
    });
  },
  prepare: () => testJobRunner.prepare(),
};

/** The main connection's plan for a query whose index only the bulk-loaded cases' statistics decide. */
function programPlan(): string {
  const plan = core.vault.database.sqlite
    .prepare("EXPLAIN QUERY PLAN SELECT id FROM cases WHERE status = 'active' AND program = 'Day program'")
    .all() as { detail: string }[];
  return plan.map((step) => step.detail).join(' | ');
}

function casesStatistics(sqlite: Database.Database): string[] {
  return sqlite.prepare("SELECT stat FROM sqlite_stat1 WHERE tbl = 'cases'").pluck().all() as string[];
}

/** What went wrong, if anything: a call waiting for the job is logged as slow, which is not a problem. */
function problemsLogged(): unknown[] {
  return core.logger.entries.filter((entry) => entry.level === 'error' || (entry.level === 'warn' && entry.message !== 'Slow IPC call'));
}

const signIn = (): Promise<Result<unknown>> => core.registry.invoke('auth.signIn', { username: 'dana', password: TEST_PASSWORD });
const lock = (): Promise<Result<unknown>> => core.registry.invoke('auth.lock', { reason: 'manual' });

beforeEach(async () => {
  started = [];
  onStatisticsJob = null;
  statisticsJobEnded = false;
  temp = makeTempDir('stepwise-statistics-');
  core = await createTestCore(temp.dir, { jobs: watchingRunner });
  await core.signInAs('dana', ['clinician']);
  bulkLoadCases(core.database.sqlite, BULK);
  expectOk(await lock());
});
afterEach(async () => {
  await statisticsSettled(core.vault);
  core.close();
  temp.cleanup();
});

describe("the planner's statistics after sign-in", () => {
  it('leaves a large table to a job on a worker thread, then plans with what it gathered', async () => {
    let planBefore = '';
    onStatisticsJob = () => {
      planBefore = programPlan();
    };
    expectOk(await signIn());
    // The open on the main thread analyzed nothing: a job was started for it.
    await statisticsSettled(core.vault);
    expect(started).toEqual(['planner-statistics']);
    expect(statisticsJobEnded).toBe(true);
    const gathered = core.logger.entries.find((entry) => entry.message === GATHERED);
    expect(String(gathered?.detail?.['tables'])).toMatch(/\bcases\b/);
    expect(casesStatistics(core.vault.database.sqlite).some((stat) => stat.startsWith(`${BULK} `))).toBe(true);
    expect(statisticsDue(core.vault.database.sqlite, TODAY)).not.toBe('slow');
    // The main connection plans with them: every bulk-loaded case is active and none has a program.
    expect(planBefore).toContain('cases_by_status_name');
    expect(programPlan()).toContain('cases_by_program');

    // Nothing slow is due any more: the next sign-in starts no job.
    expectOk(await lock());
    expectOk(await signIn());
    await statisticsSettled(core.vault);
    expect(started).toEqual(['planner-statistics']);
  });

  it('holds a write asked while the job runs until the job has ended, without refusing it', async () => {
    let write: Promise<{ result: Result<unknown>; afterJob: boolean }> | null = null;
    onStatisticsJob = () => {
      write = core.registry
        .invoke('cases.create', makeCaseInput({ mrn: 'DURING-1', fullName: 'Written During Analysis' }))
        .then((result) => ({ result, afterJob: statisticsJobEnded }));
    };
    expectOk(await signIn());
    await statisticsSettled(core.vault);
    expect(write).not.toBeNull();
    const during = await write!;
    expect(expectOk<CaseSummary>(during.result).fullName).toBe('Written During Analysis');
    expect(during.afterJob).toBe(true);
    expect(problemsLogged()).toEqual([]);
  });

  it('stops for a lock asked as the job starts, and the next sign-in gathers what it left', async () => {
    let locking: Promise<{ result: Result<unknown>; afterJob: boolean }> | null = null;
    onStatisticsJob = () => {
      locking = lock().then((result) => ({ result, afterJob: statisticsJobEnded }));
    };
    expectOk(await signIn());
    await statisticsSettled(core.vault);
    expect(locking).not.toBeNull();
    const locked = await locking!;
    expectOk(locked.result);
    // The lock's audit entry waited for the job to stop: no write met the job's lock.
    expect(locked.afterJob).toBe(true);
    expect(core.vault.isOpen).toBe(false);
    expect(core.logger.entries.map((entry) => entry.message)).toContain('Planner statistics stopped for the end of the session');
    expect(core.logger.entries.map((entry) => entry.message)).not.toContain(GATHERED);

    onStatisticsJob = null;
    expectOk(await signIn());
    await statisticsSettled(core.vault);
    expect(started).toEqual(['planner-statistics', 'planner-statistics']);
    expect(core.logger.entries.map((entry) => entry.message)).toContain(GATHERED);
    expect(problemsLogged()).toEqual([]);
    expect(casesStatistics(core.vault.database.sqlite).some((stat) => stat.startsWith(`${BULK} `))).toBe(true);
    expect(programPlan()).toContain('cases_by_program');
  });

  it('does not start at all when a lock was asked while it waited for the connection', async () => {
    await core.signInAs('dana', ['clinician']);
    let release = (): void => undefined;
    const held = new Promise<void>((isHeld) => {
      void core.vault.database.db.connection().execute(() => {
        isHeld();
        return new Promise<void>((resolve) => (release = resolve));
      });
    });
    await held;
    const refreshing = refreshStatisticsInBackground(
      { vault: core.vault, jobs: watchingRunner, clock: fixedClock(TEST_NOW), actor: null },
      core.logger,
    );
    stopStatistics(core.vault);
    release();
    await refreshing;
    expect(started).toEqual([]);
    expect(statisticsDue(core.vault.database.sqlite, TODAY)).toBe('slow');
  });
});
