import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RulesImpactReport } from '../../../shared/contract/rules';
import { CURRENT_RULESET_VERSION } from '../../../shared/rules';
import { createWorkerJobRunner, JobFailedError, type JobTarget } from '../../../electron/jobs/jobRunner';
import { jobTargetOf } from '../../../electron/jobs/jobTarget';
import { fixedClock } from '../../../electron/services/context';
import { DomainError } from '../../../electron/services/errors';
import { expectOk } from '../../support/seed';
import { makeTempDir } from '../../support/tempDir';
import { createTestCore, TEST_NOW, type TestCore } from '../../support/testCore';
import { prepareCase } from '../support/caseFixture';
import type { ImportProgress } from '../../../shared/contract/imports';
import { autoMatchColumns } from '../../../shared/import/mapping';
import type { ImportSource } from '../../../electron/import/importSessions';
import { RowStore } from '../../../electron/import/rowStore';
import type { CheckedRow } from '../../../electron/import/planImport';
import { writeBigCasesCsv } from '../../support/bigCsv';

const WORKER = path.resolve(__dirname, '../../support/jobWorker.mjs');

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;
let target: JobTarget;
beforeEach(async () => {
  temp = makeTempDir();
  core = await createTestCore(temp.dir);
  await prepareCase(core, 'dana');
  // Signed in: the vault holds the data key the job is handed.
  target = jobTargetOf({ vault: core.vault, clock: fixedClock(TEST_NOW), actor: null });
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

describe('long reads on worker threads', () => {
  it('answers on another thread with what the channel returns', async () => {
    const answered: { kind: string; threadId: number }[] = [];
    const runner = createWorkerJobRunner(WORKER, { onAnswered: (job) => answered.push(job) });
    const onWorker = await runner.run('rules-impact', { targetVersion: CURRENT_RULESET_VERSION }, target);
    await core.signInAs('sam', ['supervisor']);
    const throughChannel = expectOk<RulesImpactReport>(await core.registry.invoke('rules.impact', { targetVersion: CURRENT_RULESET_VERSION }));
    expect(onWorker).toEqual(throughChannel);
    expect(onWorker.evaluated).toBe(1);
    expect(answered).toEqual([{ kind: 'rules-impact', threadId: expect.any(Number) as unknown, prepared: false }]);
    expect(answered[0]?.threadId).not.toBe(threadId);
  });

  it('carries a refusal across as the same DomainError, with its fields', async () => {
    const refused = createWorkerJobRunner(WORKER).run('rules-impact', { targetVersion: '1999.9' }, target);
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    await expect(refused).rejects.toMatchObject({ code: 'not_found', fields: [expect.objectContaining({ path: 'targetVersion' })] });
  });

  it('reports a job that cannot open the database as a failure to log, never with the key, and leaves the caller’s key alone', async () => {
    const wrongKey = Buffer.alloc(32, 7);
    const failed = createWorkerJobRunner(WORKER).run('metrics', {}, { ...target, key: wrongKey });
    const error: unknown = await failed.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JobFailedError);
    expect(JSON.stringify((error as JobFailedError).detail)).not.toContain(wrongKey.toString('hex'));
    expect(wrongKey.every((byte) => byte === 7)).toBe(true);
  });

  it('is where the channels run rules impact, the metrics report, exports and backups', async () => {
    const answered: { kind: string; threadId: number }[] = [];
    const otherDir = makeTempDir();
    const other = await createTestCore(otherDir.dir, { jobs: createWorkerJobRunner(WORKER, { onAnswered: (job) => answered.push(job) }) });
    try {
      await prepareCase(other, 'dana');
      expectOk(await other.registry.invoke('exports.save', { dataset: 'cases', format: 'csv', scope: { kind: 'all' } }));
      expect(other.savedFiles.at(-1)?.content).toContain('MRN');
      await other.signInAs('sam', ['supervisor']);
      expectOk(await other.registry.invoke('reports.metrics', {}));
      expectOk(await other.registry.invoke('rules.impact', { targetVersion: CURRENT_RULESET_VERSION }));
      await other.signInAs('root', ['admin']);
      expectOk(await other.registry.invoke('backups.create', {}));
      expect(answered.map((job) => job.kind)).toEqual(['export', 'metrics', 'rules-impact', 'backup']);
      expect(answered.every((job) => job.threadId !== threadId)).toBe(true);
    } finally {
      other.close();
      otherDir.cleanup();
    }
  });

  it('passes on a job’s progress as it runs, and Cancel to it, which then refuses in its own words', async () => {
    const file = path.join(temp.dir, 'rows.csv');
    writeBigCasesCsv(file, 5000, 'RUN');
    const headers = ['mrn', 'name', 'date_of_birth', 'program', 'payer'];
    const source: ImportSource = { kind: 'cases', file, fileName: 'rows.csv', delimiter: ',', headers, headerRow: 1, tedsFormat: null };
    const choices = { importId: 'any', columns: autoMatchColumns('cases', headers), dateFormat: 'iso' as const, existing: 'stop' as const };
    const runner = createWorkerJobRunner(WORKER);
    const seen: ImportProgress[] = [];
    const checked = await runner.run('import-check', { source, choices }, target, { onProgress: (progress) => seen.push(progress) });
    expect(checked.counts).toMatchObject({ rows: 5000, create: 5000, problemCount: 0 });
    expect(seen.some((progress) => progress.phase === 'checking' && progress.rows > 0 && progress.rows < 5000)).toBe(true);
    // The rows came back in shared memory, whole.
    expect(checked.rows?.blocks.every((block) => block.buffer instanceof SharedArrayBuffer)).toBe(true);
    const rows = [...RowStore.fromShared<CheckedRow>(checked.rows ?? { blocks: [], count: 0 })];
    expect([rows.length, rows[0]?.row, rows.at(-1)?.row]).toEqual([5000, 2, 5001]);

    const cancel = new AbortController();
    const stopped = runner.run('import-check', { source, choices }, target, { signal: cancel.signal });
    cancel.abort();
    await expect(stopped).rejects.toMatchObject({ code: 'cancelled', message: 'The import was cancelled. Nothing was imported.' });
  });

  it('runs the next job on a worker started ahead of it, once', async () => {
    const answered: { kind: string; prepared: boolean }[] = [];
    const runner = createWorkerJobRunner(WORKER, { onAnswered: (job) => answered.push(job) });
    runner.prepare();
    runner.prepare();
    await runner.run('metrics', {}, target);
    await runner.run('metrics', {}, target);
    expect(answered.map((job) => job.prepared)).toEqual([true, false]);
  });
});
