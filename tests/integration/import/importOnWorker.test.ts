import path from 'node:path';
import { threadId } from 'node:worker_threads';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditVerdict } from '../../../shared/contract/audit';
import type { CasePage } from '../../../shared/contract/cases';
import type { ImportProgress } from '../../../shared/contract/imports';
import { unlockConnection } from '../../../electron/db/openDatabase';
import { createWorkerJobRunner, type JobRunner } from '../../../electron/jobs/jobRunner';
import type { ImportCommitInput } from '../../../electron/import/importJobs';
import { writeBigCasesCsv } from '../../support/bigCsv';
import { check, commit, commitResult, countRows, openFile, writeFile } from '../../support/importFlow';
import { expectOk } from '../../support/seed';
import { createTestCore, TEST_PASSWORD, type TestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';
import { makeCaseInput } from '../../factories/cases';

const WORKER = path.resolve(__dirname, '../../support/jobWorker.mjs');

interface Answered {
  readonly kind: string;
  readonly threadId: number;
  readonly prepared: boolean;
}

/** The tests' worker runner, remembering what each import job was handed. */
function watchedRunner(answered: Answered[], handed: { kind: string; input: unknown }[]): JobRunner {
  const runner = createWorkerJobRunner(WORKER, { onAnswered: (job) => answered.push(job) });
  return {
    prepare: () => runner.prepare(),
    run: (kind, input, target, watch) => {
      handed.push({ kind, input });
      return runner.run(kind, input, target, watch);
    },
  };
}

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;
let answered: Answered[];
let handed: { kind: string; input: unknown }[];
beforeEach(async () => {
  temp = makeTempDir('stepwise-import-worker-');
  answered = [];
  handed = [];
  core = await createTestCore(temp.dir, { jobs: watchedRunner(answered, handed) });
  await core.signInAs('sam', ['supervisor']);
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

const HEADER = 'mrn,name,date_of_birth';
const commitInputs = () => handed.filter((job) => job.kind === 'import-commit').map((job) => job.input as ImportCommitInput);

describe('an import on worker threads', () => {
  it('is checked and written on threads started ahead of it, and audited once, in its own transaction', async () => {
    const opened = await openFile(core, 'cases', writeFile(temp.dir, 'two.csv', `${HEADER}\nW-1,Wren One,1980-01-01\nW-2,Wren Two,1981-01-01\n`));
    expect((await check(core, opened)).blockers).toEqual([]);
    expect(await commit(core, opened)).toMatchObject({ create: 2, rows: 2 });
    expect(answered.map(({ kind, prepared }) => ({ kind, prepared }))).toEqual([
      { kind: 'import-check', prepared: true },
      { kind: 'import-commit', prepared: true },
    ]);
    expect(answered.every((job) => job.threadId !== threadId)).toBe(true);
    const audited = await core.database.db
      .selectFrom('audit_events')
      .select(['action', 'details', 'username'])
      .where('action', '=', 'import')
      .execute();
    expect(audited).toEqual([{ action: 'import', username: 'sam', details: JSON.stringify({ created: 2, updated: 0, unchanged: 0, skipped: 0 }) }]);
    // The key file records the log's new length (verification would pass with an older, shorter head as well).
    const logged = await core.database.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(core.vault.keyring()?.audit?.count).toBe(Number(logged.n));
    await core.signInAs('root', ['admin']);
    expect(expectOk<AuditVerdict>(await core.registry.invoke('audit.verify', {}))).toMatchObject({ intact: true });
  });

  it('keeps every other call waiting while it writes, so they see all of it afterwards, never part', { timeout: 60_000 }, async () => {
    const rows = 30_000;
    const file = path.join(temp.dir, 'big.csv');
    writeBigCasesCsv(file, rows, 'WAIT');
    const opened = await openFile(core, 'cases', file);
    expect((await check(core, opened)).blockers).toEqual([]);
    const importing = commitResult(core, opened);
    await progressReaches(opened.importId, (progress) => progress.phase === 'writing' && progress.written > 0);
    // Asked while the worker writes: answered once it has committed.
    const page = core.registry.invoke('cases.list', { clinician: 'all', pageSize: 1 });
    const [imported, listed] = await Promise.all([importing, page]);
    expect(imported.ok).toBe(true);
    expect(expectOk<CasePage>(listed).total).toBe(rows);
  });

  it('writes the plan of its check when nothing was written since, and checks every row again when something was', async () => {
    const file = writeFile(temp.dir, 'three.csv', `${HEADER}\nP-1,Pat One,1980-01-01\nP-2,Pat Two,1981-01-01\nP-3,Pat Three,1982-01-01\n`);
    const opened = await openFile(core, 'cases', file);
    await check(core, opened);
    expectOk(await core.registry.invoke('cases.create', makeCaseInput({ mrn: 'OTHER-1', fullName: 'Written Meanwhile' })));
    expect(await commit(core, opened)).toMatchObject({ create: 3 });
    expect(commitInputs()[0]?.casesPlan).toBeNull();

    const again = await openFile(core, 'cases', writeFile(temp.dir, 'four.csv', `${HEADER}\nQ-1,Quinn One,1980-01-01\n`));
    await check(core, again);
    expect(await commit(core, again)).toMatchObject({ create: 1 });
    expect(commitInputs()[1]?.casesPlan).toMatchObject({ newCases: { rowNumbers: [2], clinicianIds: [null] }, rows: 1 });
    expect(await countRows(core, 'cases')).toBe(5);
  });

  it('checks every row again when another connection committed since the check, and finds what changed', async () => {
    const opened = await openFile(core, 'cases', writeFile(temp.dir, 'raced.csv', `${HEADER}\nR-1,Remy One,1980-01-01\n`));
    expect((await check(core, opened)).create).toBe(1);
    // Another connection (the same key) adds the very MRN the file would create; the main connection writes nothing.
    const other = new Database(core.database.file);
    try {
      unlockConnection(other, core.vault.dataKey());
      other
        .prepare(
          `INSERT INTO cases (id, mrn, full_name, date_of_birth, status, synthetic, created_at, updated_at)
           VALUES ('elsewhere-1', 'R-1', 'Remy Elsewhere', '1980-01-01', 'active', 0, '2026-11-29T10:00:00Z', '2026-11-29T10:00:00Z')`,
        )
        .run();
    } finally {
      other.close();
    }
    const result = await commitResult(core, opened);
    expect(result.ok ? 'imported' : result.error.message).toMatch(/records changed since the check/);
    expect(commitInputs().at(-1)?.casesPlan).toBeNull();
    expect(await countRows(core, 'cases')).toBe(1);
  });

  it('checks every row again when something was written while the check was reading', { timeout: 60_000 }, async () => {
    const { opened, checking } = await checkingBigFile('DURING', (progress) => progress.rows > 0);
    expectOk(await core.registry.invoke('cases.create', makeCaseInput({ mrn: 'DURING-CHECK-1', fullName: 'Written During' })));
    expect((await checking).blockers).toEqual([]);
    expect(await commit(core, opened)).toMatchObject({ create: 30_000 });
    expect(commitInputs()[0]?.casesPlan).toBeNull();
  });

  it('is stopped by locking Stepwise while it is checked, and hands back nothing it read', { timeout: 60_000 }, async () => {
    const file = path.join(temp.dir, 'locked.csv');
    writeBigCasesCsv(file, 30_000, 'LOCKED');
    const opened = await openFile(core, 'cases', file);
    const checking = core.registry.invoke('imports.check', {
      importId: opened.importId,
      columns: opened.columns,
      dateFormat: opened.dateFormat,
      existing: 'stop',
    });
    expectOk(await core.registry.invoke('auth.lock', { reason: 'manual' }));
    const result = await checking;
    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.error.code).toMatch(/cancelled|unauthenticated/);
  });

  it('keeps a backup from being restored while a file is being checked', { timeout: 60_000 }, async () => {
    await core.signInAs('pat', ['supervisor', 'admin']);
    const { checking } = await checkingBigFile('RESTORE');
    const restore = await core.registry.invoke('backups.restore', { name: 'stepwise-2026-11-28T100000Z-manual.db', confirmed: true });
    expect(restore.ok ? 'restored' : restore.error.message).toMatch(/A file is being checked or imported/);
    expect((await checking).blockers).toEqual([]);
  });

  it('keeps anyone from signing in over it while a file is being checked', { timeout: 60_000 }, async () => {
    const { checking } = await checkingBigFile('SIGNIN');
    const signIn = await core.registry.invoke('auth.signIn', { username: 'sam', password: TEST_PASSWORD });
    expect(signIn.ok ? 'signed in' : signIn.error.message).toMatch(/A file is being checked or imported/);
    expect((await checking).blockers).toEqual([]);
  });
});

/** Starts checking a file of 30,000 new cases and returns once the check is reading it (and `reached`, if given). */
async function checkingBigFile(prefix: string, reached: (progress: ImportProgress) => boolean = () => true) {
  const file = path.join(temp.dir, `${prefix}.csv`);
  writeBigCasesCsv(file, 30_000, prefix);
  const opened = await openFile(core, 'cases', file);
  const checking = check(core, opened);
  await progressReaches(opened.importId, (progress) => progress.phase === 'checking' && reached(progress));
  return { opened, checking };
}

async function progressReaches(importId: string, reached: (progress: ImportProgress) => boolean): Promise<void> {
  for (;;) {
    const progress = expectOk<ImportProgress>(await core.registry.invoke('imports.progress', { importId }));
    if (reached(progress)) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
