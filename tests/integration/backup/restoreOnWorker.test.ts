import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unlockConnection } from '../../../electron/db/openDatabase';
import type { AuditVerdict } from '../../../shared/contract/audit';
import type { BackupList, RestoreOutcome } from '../../../shared/contract/backups';
import type { JobStepProgress } from '../../../shared/contract/jobs';
import type { Result } from '../../../shared/contract/result';
import { RESTORE_STEPS } from '../../../electron/backup/prepareRestore';
import { REPLACED_SUFFIX, RESTORING_SUFFIX } from '../../../electron/backup/replaceDatabase';
import { createWorkerJobRunner, type JobRunner } from '../../../electron/jobs/jobRunner';
import type { StepProgress } from '../../../electron/jobs/jobProgressBoard';
import { expectOk } from '../../support/seed';
import { makeTempDir } from '../../support/tempDir';
import { createTestCore, TEST_PASSWORD, type TestCore } from '../../support/testCore';
import { auditRows, recordsSnapshot } from '../support/auditTrail';
import { backUp, inspect } from '../support/backupFixture';
import { addClinicUsers, prepareCase } from '../support/caseFixture';

const WORKER = path.resolve(__dirname, '../../support/jobWorker.mjs');

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;
let answered: { kind: string; threadId: number }[];
let progress: { kind: string; progress: StepProgress }[];
/** Resolved when the next restore's worker job has been started, so a call can arrive while it runs. */
let restoreStarted: () => Promise<void>;
let onRestoreStarted: () => void = () => undefined;

/** Worker threads as in the app, noting which thread answered each job and what each reported on the way. */
function watchedRunner(): JobRunner {
  const runner = createWorkerJobRunner(WORKER, { onAnswered: (job) => answered.push(job) });
  return {
    prepare: () => runner.prepare(),
    run: (kind, input, target, watch = {}) => {
      const running = runner.run(kind, input, target, {
        ...watch,
        onProgress: (reported) => {
          progress.push({ kind, progress: reported as StepProgress });
          watch.onProgress?.(reported);
        },
      });
      if (kind === 'restore-prepare') onRestoreStarted();
      return running;
    },
  };
}

beforeEach(async () => {
  answered = [];
  progress = [];
  restoreStarted = () =>
    new Promise((resolve) => {
      onRestoreStarted = resolve;
    });
  temp = makeTempDir('stepwise-restore-worker-');
  core = await createTestCore(temp.dir, { jobs: watchedRunner() });
  await addClinicUsers(core);
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

/** The auto-lock setting a backup file holds, read with the data key; undefined when it holds none. */
function autoLockMinutesIn(file: string): unknown {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    unlockConnection(sqlite, core.vault.dataKey());
    return sqlite.prepare(`SELECT value FROM settings WHERE key = 'autoLockMinutes'`).pluck().get();
  } finally {
    sqlite.close();
  }
}

/** A backup of two cases, then a third case recorded after it: what a restore of that backup takes away. */
async function backupThenMoreWork(): Promise<{ name: string; atBackup: Record<string, unknown[]> }> {
  await prepareCase(core, 'dana', { fullName: 'Avery Quintero', mrn: 'RW-1' });
  await prepareCase(core, 'lee', { fullName: 'Blake Ortiz', mrn: 'RW-2' });
  await core.signInAs('root', ['admin']);
  const made = await backUp(core);
  const atBackup = recordsSnapshot(core);
  await prepareCase(core, 'dana', { fullName: 'Casey Lindqvist', mrn: 'RW-3' });
  await core.signInAs('root', ['admin']);
  return { name: made.name, atBackup };
}

describe('a restore and a backup check run off the main process’s event loop', () => {
  it('checks the backup and prepares the restore on worker threads, reporting each step, and swaps the copy in', async () => {
    const { name, atBackup } = await backupThenMoreWork();
    answered = [];
    await inspect(core, name);
    const outcome = expectOk<RestoreOutcome>(await core.registry.invoke('backups.restore', { name, confirmed: true, jobId: randomUUID() }));

    expect(answered.map((job) => job.kind)).toEqual(['backup-inspect', 'restore-prepare']);
    expect(answered.every((job) => job.threadId !== threadId)).toBe(true);
    const steps = progress.filter((seen) => seen.kind === 'restore-prepare').map((seen) => seen.progress.stepNumber);
    expect(steps).toEqual([1, 2, 2, 3]);
    const copying = progress.find((seen) => seen.kind === 'restore-prepare' && seen.progress.growingFile);
    expect(copying?.progress).toMatchObject({ step: RESTORE_STEPS[1], stepNumber: 2, steps: RESTORE_STEPS.length });
    // The safety copy's bytes are measured while VACUUM INTO writes them, from a file named in the main process only.
    expect(copying?.progress.growingFile?.path).toContain(path.join(temp.dir, 'backups'));

    expect(outcome).toMatchObject({ restoredFrom: name, stillSignedIn: true });
    expect(recordsSnapshot(core)).toEqual(atBackup);
    expect(fs.existsSync(`${core.vault.databaseFile}${RESTORING_SUFFIX}`)).toBe(false);
    // The replaced database's second name, kept through the rename, is removed off the event loop.
    await expect.poll(() => fs.existsSync(`${core.vault.databaseFile}${REPLACED_SUFFIX}`)).toBe(false);
    expect(expectOk<AuditVerdict>(await core.registry.invoke('audit.verify', {}))).toMatchObject({ intact: true });
  });

  it('lets a job’s progress through while it runs, and keeps other calls until the restored records are in place', async () => {
    const { name } = await backupThenMoreWork();
    const order: string[] = [];
    const note = <T>(label: string, call: Promise<Result<T>>): Promise<Result<T>> =>
      call.then((result) => {
        order.push(label);
        return result;
      });
    const jobId = randomUUID();
    const started = restoreStarted();
    const restoring = note('restore', core.registry.invoke('backups.restore', { name, confirmed: true, jobId }));
    await started;
    const asked = note('progress', core.registry.invoke('jobs.progress', { jobId }));
    const listed = note('list', core.registry.invoke('backups.list', {}));
    const [restored, progressAnswer, list] = await Promise.all([restoring, asked, listed]);

    const outcome = expectOk<RestoreOutcome>(restored);
    expectOk<JobStepProgress | null>(progressAnswer);
    // The progress was answered during the restore; the list waited for it and reads the restored records' folder.
    expect(order).toEqual(['progress', 'restore', 'list']);
    expect(expectOk<BackupList>(list).backups.map((backup) => backup.name)).toContain(outcome.safetyCopy);
  });

  it.each([
    ['the window’s lock', 'lock', (core: TestCore) => core.registry.invoke('auth.lock', { reason: 'manual' }).then(expectOk)],
    ['the system’s screen lock', 'lock', (core: TestCore) => core.endSession('screen-locked')],
  ] as const)('locks after a restore asked before %s, on the restored records, with both in the audit log', async (_how, action, lock) => {
    const { name, atBackup } = await backupThenMoreWork();
    const started = restoreStarted();
    const restoring = core.registry.invoke('backups.restore', { name, confirmed: true });
    await started;
    const [restored] = await Promise.all([restoring, lock(core)]);

    expectOk<RestoreOutcome>(restored);
    expect(core.session.user).toBeNull();
    expect(core.vault.isOpen).toBe(false);
    expectOk(await core.registry.invoke('auth.signIn', { username: 'root', password: TEST_PASSWORD }));
    const actions = auditRows(core)
      .slice(-3)
      .map((row) => [row.action, row.outcome]);
    expect(actions).toEqual([
      ['restore', 'ok'],
      [action, 'ok'],
      ['sign-in', 'ok'],
    ]);
    expect(recordsSnapshot(core)).toEqual(atBackup);
    expect(expectOk<AuditVerdict>(await core.registry.invoke('audit.verify', {}))).toMatchObject({ intact: true });
  });

  it('closes the app after a restore under way: the day’s backup is of the restored records, then the sign-out', async () => {
    const { name, atBackup } = await backupThenMoreWork();
    const started = restoreStarted();
    const restoring = core.registry.invoke('backups.restore', { name, confirmed: true });
    await started;
    // As the main process quits (electron/main/index.ts): the automatic backup, then the end of the session.
    const closing = core.backUpOnExit().then(() => core.endSession('app-closed'));
    const [restored] = await Promise.all([restoring, closing]);

    const outcome = expectOk<RestoreOutcome>(restored);
    expect(core.session.user).toBeNull();
    const backups = expectOk<BackupList>((await core.signInAs('root', ['admin']), await core.registry.invoke('backups.list', {}))).backups;
    const automatic = backups.find((backup) => backup.kind === 'automatic');
    expect(automatic?.counts).toMatchObject({ cases: 2 });
    expect(backups.map((backup) => backup.name)).toContain(outcome.safetyCopy);
    expect(
      auditRows(core)
        .map((row) => row.action)
        .slice(-3),
    ).toEqual(['restore', 'backup', 'sign-out']);
    expect(recordsSnapshot(core)).toEqual(atBackup);
  });

  it('with a lock asked at the same moment, either restores and then locks, or locks and changes nothing', async () => {
    const { name, atBackup } = await backupThenMoreWork();
    const current = recordsSnapshot(core);
    const [restored, locked] = await Promise.all([
      core.registry.invoke('backups.restore', { name, confirmed: true }),
      core.registry.invoke('auth.lock', { reason: 'manual' }),
    ]);

    expectOk(locked);
    expect(core.vault.isOpen).toBe(false);
    expect(fs.existsSync(`${core.vault.databaseFile}${RESTORING_SUFFIX}`)).toBe(false);
    expect(fs.existsSync(path.join(temp.dir, 'backups', 'restore-pending.json'))).toBe(false);
    expectOk(await core.registry.invoke('auth.signIn', { username: 'root', password: TEST_PASSWORD }));
    if (restored.ok) {
      expect(recordsSnapshot(core)).toEqual(atBackup);
    } else {
      expect(restored.error).toMatchObject({ code: 'unauthenticated' });
      expect(restored.error.message).toMatch(/Nothing was changed\.$/);
      expect(recordsSnapshot(core)).toEqual(current);
    }
    expect(expectOk<AuditVerdict>(await core.registry.invoke('audit.verify', {}))).toMatchObject({ intact: true });
  });

  it('lands a change asked during the restore after it, in the restored records and not in the safety copy', async () => {
    const { name } = await backupThenMoreWork();
    const started = restoreStarted();
    const restoring = core.registry.invoke('backups.restore', { name, confirmed: true });
    await started;
    const changing = core.registry.invoke('settings.update', { autoLockMinutes: 7 });
    const [restored, changed] = await Promise.all([restoring, changing]);

    const outcome = expectOk<RestoreOutcome>(restored);
    expectOk(changed);
    const last = auditRows(core).slice(-2);
    expect(last.map((row) => row.action)).toEqual(['restore', 'settings-changed']);
    expect(core.database.sqlite.prepare(`SELECT value FROM settings WHERE key = 'autoLockMinutes'`).pluck().get()).toBe('7');
    const safety = await inspect(core, outcome.safetyCopy);
    expect(safety.counts).toMatchObject({ cases: 3 });
    expect(autoLockMinutesIn(path.join(temp.dir, 'backups', outcome.safetyCopy))).not.toBe('7');
  });
});
