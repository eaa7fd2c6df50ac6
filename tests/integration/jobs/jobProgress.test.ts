import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jobProgressSchema, type JobStepProgress } from '../../../shared/contract/jobs';
import { CURRENT_RULESET_VERSION } from '../../../shared/rules';
import type { StepProgress } from '../../../electron/jobs/jobProgressBoard';
import type { JobRunner } from '../../../electron/jobs/jobRunner';
import type { JobKind } from '../../../electron/jobs/jobs';
import { expectOk } from '../../support/seed';
import { makeTempDir } from '../../support/tempDir';
import { testJobRunner } from '../../support/testJobs';
import { createTestCore, type TestCore } from '../../support/testCore';
import { prepareCase } from '../support/caseFixture';

const JOB = '3c9a1f0e-5b7d-4e2a-9c8b-1d2e3f4a5b6c';

interface Reported {
  readonly kind: JobKind;
  readonly progress: StepProgress;
  /** What `jobs.progress` answered the window at that moment, while the job ran. */
  readonly asked: Promise<unknown>;
}

/** Each job started, and whether the main process listened to its progress (it does for a job the window named). */
const runs: { readonly kind: JobKind; readonly listened: boolean }[] = [];

/** The app's worker threads, with every progress report kept, and the window's question asked as each arrives. */
function recordingRunner(core: () => TestCore, log: Reported[]): JobRunner {
  return {
    prepare: () => testJobRunner.prepare(),
    run: (kind, input, target, watch = {}) => {
      runs.push({ kind, listened: watch.onProgress !== undefined });
      return testJobRunner.run(kind, input, target, {
        ...watch,
        onProgress: (progress) => {
          watch.onProgress?.(progress);
          const asked = core()
            .registry.invoke('jobs.progress', { jobId: JOB })
            .then((answer) => (answer.ok ? answer.value : answer.error));
          log.push({ kind, progress: progress as StepProgress, asked });
        },
      });
    },
  };
}

function stepsOf(log: readonly Reported[], kind: JobKind): StepProgress[] {
  return log.filter((entry) => entry.kind === kind).map((entry) => entry.progress);
}

/** Steps in order from the first to the last, each a progress the window can draw, counts within their totals. */
function expectWholeRun(progress: readonly StepProgress[], steps: readonly string[]): void {
  expect(progress.length).toBeGreaterThan(0);
  const numbers = progress.map((item) => item.stepNumber);
  expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  expect([...new Set(numbers)]).toEqual(steps.map((_step, index) => index + 1));
  for (const item of progress) {
    const { growingFile: _file, ...shown } = item;
    expect(jobProgressSchema.safeParse(shown).success).toBe(true);
    expect(item.steps).toBe(steps.length);
    expect(item.step).toBe(steps[item.stepNumber - 1]);
    if (item.done !== null && item.total !== null) expect(item.done).toBeLessThanOrEqual(item.total);
  }
}

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;
const log: Reported[] = [];
beforeEach(async () => {
  temp = makeTempDir();
  log.length = 0;
  runs.length = 0;
  core = await createTestCore(temp.dir, { jobs: recordingRunner(() => core, log) });
  await prepareCase(core, 'dana');
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

describe('the steps a long job reports while it runs on its worker thread', () => {
  it('the metrics report: episodes read, metrics computed, decisions counted', async () => {
    await core.signInAs('sam', ['supervisor']);
    expectOk(await core.registry.invoke('reports.metrics', { jobId: JOB }));
    expectWholeRun(stepsOf(log, 'metrics'), ['Reading episodes', 'Computing the metrics', 'Counting placement decisions']);
  });

  it('rules impact: the stored recommendations compared, counted against the stored assessments, then the few replayed', async () => {
    await core.signInAs('sam', ['supervisor']);
    expectOk(await core.registry.invoke('rules.impact', { targetVersion: CURRENT_RULESET_VERSION, jobId: JOB }));
    const progress = stepsOf(log, 'rules-impact');
    expectWholeRun(progress, ['Comparing stored recommendations', 'Replaying the assessments that may change']);
    expect(progress.filter((item) => item.stepNumber === 1).at(-1)).toMatchObject({ done: 1, total: 1 });
  });

  it('an export: the cases found, their records read, the file written', async () => {
    expectOk(await core.registry.invoke('exports.save', { dataset: 'cases', format: 'csv', scope: { kind: 'all' }, jobId: JOB }));
    expectWholeRun(stepsOf(log, 'export'), ['Finding the cases', 'Reading the records', 'Writing the file']);
  });

  it('a backup: records counted, the copy measured by its file as it grows, verified, older ones pruned', async () => {
    await core.signInAs('root', ['admin']);
    expectOk(await core.registry.invoke('backups.create', { jobId: JOB }));
    const progress = stepsOf(log, 'backup');
    expectWholeRun(progress, ['Counting the records', 'Copying the database', 'Verifying the copy', 'Keeping the newest backups']);
    const copying = progress.find((item) => item.stepNumber === 2);
    expect(copying?.growingFile?.path.startsWith(path.join(temp.dir, 'backups'))).toBe(true);
    expect(copying?.growingFile?.expectedBytes).toBeGreaterThan(0);
    expect(copying).toMatchObject({ done: 0, total: copying?.growingFile?.expectedBytes });
    // The window is told how far the copy has got in bytes, never where it is written.
    const asked = await Promise.all(log.filter((entry) => entry.kind === 'backup').map((entry) => entry.asked));
    expect(asked.length).toBe(progress.length);
    expect(JSON.stringify(asked)).not.toContain(temp.dir);
    expect(asked[1]).toMatchObject({ step: 'Copying the database', stepNumber: 2, total: copying?.growingFile?.expectedBytes });
  });

  it('checking a backup: opened with the key, every page read, its records counted', async () => {
    await core.signInAs('root', ['admin']);
    const made = expectOk<{ name: string }>(await core.registry.invoke('backups.create', {}));
    expectOk(await core.registry.invoke('backups.inspect', { name: made.name, jobId: JOB }));
    const progress = stepsOf(log, 'backup-inspect');
    expectWholeRun(progress, ['Opening the backup with the key', 'Reading every page of the backup', 'Counting its records']);
    const asked = await Promise.all(log.filter((entry) => entry.kind === 'backup-inspect').map((entry) => entry.asked));
    expect(asked.at(-1)).toMatchObject({ step: 'Counting its records', stepNumber: 3, steps: 3 });
    // Asked without a name, the check runs as before, its progress not listened to.
    expectOk(await core.registry.invoke('backups.inspect', { name: made.name }));
    expect(runs.filter((run) => run.kind === 'backup-inspect')).toEqual([
      { kind: 'backup-inspect', listened: true },
      { kind: 'backup-inspect', listened: false },
    ]);
  });

  it('forgets the progress of a backup check that found the file damaged, so its id is free again', async () => {
    await core.signInAs('root', ['admin']);
    const made = expectOk<{ name: string }>(await core.registry.invoke('backups.create', {}));
    const file = path.join(temp.dir, 'backups', made.name);
    const good = fs.readFileSync(file);
    const bytes = Buffer.from(good);
    // A byte changed in the middle of a page: SQLCipher's page authentication fails as every page is read.
    const middle = Math.floor(bytes.length / 4096 / 2) * 4096 + 1000;
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
    fs.writeFileSync(file, bytes);
    const refused = await core.registry.invoke('backups.inspect', { name: made.name, jobId: JOB });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/is damaged/);
    expect(stepsOf(log, 'backup-inspect').length).toBeGreaterThan(0);
    expect(expectOk(await core.registry.invoke('jobs.progress', { jobId: JOB }))).toBeNull();
    fs.writeFileSync(file, good);
    expectOk(await core.registry.invoke('backups.inspect', { name: made.name, jobId: JOB }));
  });

  it('answers the window with each step while the job runs, and with null once it has answered', async () => {
    await core.signInAs('sam', ['supervisor']);
    expectOk(await core.registry.invoke('reports.metrics', { jobId: JOB }));
    const asked = await Promise.all(log.map((entry) => entry.asked));
    const { growingFile: _none, ...last } = log.at(-1)?.progress ?? { growingFile: undefined };
    expect(asked.at(-1)).toEqual(last);
    expect(asked.every((answer) => jobProgressSchema.safeParse(answer).success)).toBe(true);
    expect(expectOk(await core.registry.invoke('jobs.progress', { jobId: JOB }))).toBeNull();
  });

  it('runs a job the window did not name as before, without listening to its progress', async () => {
    await core.signInAs('sam', ['supervisor']);
    expectOk(await core.registry.invoke('reports.metrics', {}));
    expectOk(await core.registry.invoke('reports.metrics', { jobId: JOB }));
    expect(runs).toEqual([
      { kind: 'metrics', listened: false },
      { kind: 'metrics', listened: true },
    ]);
  });

  it('forgets the progress of a job that failed, so its id is free again', async () => {
    const nobody = { kind: 'filtered', filter: { search: 'no such patient anywhere' } } as const;
    const refused = await core.registry.invoke('exports.save', { dataset: 'cases', format: 'csv', scope: nobody, jobId: JOB });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(stepsOf(log, 'export').length).toBeGreaterThan(0);
    expect(expectOk(await core.registry.invoke('jobs.progress', { jobId: JOB }))).toBeNull();
    expectOk(await core.registry.invoke('exports.save', { dataset: 'cases', format: 'csv', scope: { kind: 'all' }, jobId: JOB }));
  });
});

describe('who may see a job’s progress', () => {
  /** A runner whose job reports one step, then waits until the test lets it go on. */
  function gatedRunner(progress: JobStepProgress): { runner: JobRunner; release: () => void; started: Promise<void> } {
    let release = (): void => undefined;
    let signalStarted = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const started = new Promise<void>((resolve) => {
      signalStarted = resolve;
    });
    return {
      release: () => release(),
      started,
      runner: {
        prepare: () => undefined,
        run: async (kind, input, target, watch = {}) => {
          // A runner copies the key as it starts the job: the caller wipes its own copy at once.
          const kept = { ...target, key: Buffer.from(target.key) };
          watch.onProgress?.(progress as never);
          signalStarted();
          await gate;
          return testJobRunner.run(kind, input, kept);
        },
      },
    };
  }

  it('only the session that started the job, only while it runs; a second job with the same id is refused', async () => {
    const step: JobStepProgress = { step: 'Comparing stored recommendations', stepNumber: 1, steps: 2, done: 3, total: 10 };
    const gated = gatedRunner(step);
    const dir = makeTempDir();
    const other = await createTestCore(dir.dir, { jobs: gated.runner });
    try {
      await prepareCase(other, 'dana');
      await other.signInAs('sam', ['supervisor']);
      const running = other.registry.invoke('rules.impact', { targetVersion: CURRENT_RULESET_VERSION, jobId: JOB });
      await gated.started;
      expect(expectOk(await other.registry.invoke('jobs.progress', { jobId: JOB }))).toEqual(step);
      const again = await other.registry.invoke('rules.impact', { targetVersion: CURRENT_RULESET_VERSION, jobId: JOB });
      expect(again).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('already running') as unknown } });
      // Another person at the same computer, in a session of their own, learns nothing of it.
      await other.signInAs('kim', ['supervisor']);
      expect(expectOk(await other.registry.invoke('jobs.progress', { jobId: JOB }))).toBeNull();
      gated.release();
      expect((await running).ok).toBe(true);
      await other.signInAs('sam', ['supervisor']);
      expect(expectOk(await other.registry.invoke('jobs.progress', { jobId: JOB }))).toBeNull();
    } finally {
      gated.release();
      other.close();
      dir.cleanup();
    }
  });

  it('refuses a job id that is not a UUID, naming the field, and asks for nothing when signed out', async () => {
    await core.signInAs('sam', ['supervisor']);
    const bad = await core.registry.invoke('jobs.progress', { jobId: 'job-1' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ path: 'jobId' }] } });
    const badStart = await core.registry.invoke('reports.metrics', { jobId: 'not-a-uuid' });
    expect(badStart).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ path: 'jobId' }] } });
    expectOk(await core.registry.invoke('auth.signOut', {}));
    expect(await core.registry.invoke('jobs.progress', { jobId: JOB })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});
