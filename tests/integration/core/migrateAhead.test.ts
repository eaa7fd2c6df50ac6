import path from 'node:path';
import { threadId } from 'node:worker_threads';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseSummary } from '../../../shared/contract/cases';
import { readSchemaVersion } from '../../../electron/db/migrate';
import { LATEST_SCHEMA_VERSION } from '../../../electron/db/migrations';
import { migration018FlagSpansByStart } from '../../../electron/db/migrations/018_flag_spans_by_start';
import { needsMigration, unlockConnection } from '../../../electron/db/openDatabase';
import { createWorkerJobRunner, JobFailedError, type JobRunner } from '../../../electron/jobs/jobRunner';
import type { JobKind } from '../../../electron/jobs/jobs';
import { makeCaseInput } from '../../factories/cases';
import { expectOk } from '../../support/seed';
import { makeTempDir } from '../../support/tempDir';
import { createTestCore, TEST_PASSWORD, type TestCore } from '../../support/testCore';

const WORKER = path.resolve(__dirname, '../../support/jobWorker.mjs');
const UPGRADED = 'Database upgraded on a worker thread';
const FELL_BACK = 'Upgrading the database on a worker thread failed; opening it applies the upgrade';

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;
let started: JobKind[];
let answered: { kind: string; threadId: number }[];
/** Set by a test: the schema's upgrade fails on the worker, as a migration that throws there would. */
let failUpgrade: boolean;

const workers = createWorkerJobRunner(WORKER, { onAnswered: (job) => answered.push(job) });
const watchingRunner: JobRunner = {
  run: (kind, input, target, watch) => {
    started.push(kind);
    if (kind === 'schema-upgrade' && failUpgrade) return Promise.reject(new JobFailedError({ message: 'the migration failed' }));
    return workers.run(kind, input, target, watch);
  },
  prepare: () => workers.prepare(),
};

const signIn = () => core.registry.invoke('auth.signIn', { username: 'dana', password: TEST_PASSWORD });

/** The stored schema version and whether migration 18's index is there, read with the data key. */
function onDisk(key: Buffer): { version: number; hasIndex: boolean } {
  const sqlite = new Database(core.vault.databaseFile, { readonly: true, fileMustExist: true });
  try {
    unlockConnection(sqlite, key);
    const index = sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name = 'case_flag_spans_by_start'").get();
    return { version: readSchemaVersion(sqlite), hasIndex: index !== undefined };
  } finally {
    sqlite.close();
  }
}

/**
 * The database as the version before migration 18 left it: its one index dropped and the schema version put back, as
 * an installation of that version would hold it when this one starts. Done while signed out, on a connection of its own.
 */
function asOneVersionBehind(key: Buffer, { keepIndex = false } = {}): void {
  // Undoing 18 leaves the file as 17 left it only while 18 is the latest: a later migration would run again on objects it already made.
  expect(LATEST_SCHEMA_VERSION, 'this test undoes migration 18; once there is a later one, undo that one instead').toBe(18);
  const sqlite = new Database(core.vault.databaseFile, { fileMustExist: true });
  try {
    unlockConnection(sqlite, key);
    if (!keepIndex) sqlite.exec('DROP INDEX case_flag_spans_by_start');
    sqlite.pragma(`user_version = ${migration018FlagSpansByStart.version - 1}`);
  } finally {
    sqlite.close();
  }
}

let key: Buffer;

beforeEach(async () => {
  started = [];
  answered = [];
  failUpgrade = false;
  temp = makeTempDir('stepwise-migrate-ahead-');
  core = await createTestCore(temp.dir, { jobs: watchingRunner });
  await core.signInAs('dana', ['clinician']);
  expectOk(await core.registry.invoke('cases.create', makeCaseInput({ fullName: 'Avery Stone', mrn: 'MRN-1001' })));
  key = core.vault.dataKey();
  expectOk(await core.registry.invoke('auth.lock', { reason: 'manual' }));
  started = [];
});
afterEach(() => {
  key.fill(0);
  core.close();
  temp.cleanup();
});

describe("a new version's migrations at sign-in", () => {
  it('run on a worker thread before the main process opens the database, which then finds none to apply', async () => {
    asOneVersionBehind(key);
    expect(needsMigration(core.vault.databaseFile, key)).toBe(true);

    expectOk(await signIn());

    expect(started[0]).toBe('schema-upgrade');
    const upgrade = answered.find((job) => job.kind === 'schema-upgrade');
    expect(upgrade?.threadId).toBeDefined();
    expect(upgrade?.threadId).not.toBe(threadId);
    // The main thread's open applied nothing: the worker had.
    expect(core.vault.database.migratedFrom).toBe(LATEST_SCHEMA_VERSION);
    expect(onDisk(key)).toEqual({ version: LATEST_SCHEMA_VERSION, hasIndex: true });
    const logged = core.logger.entries.find((entry) => entry.message === UPGRADED);
    expect(logged?.detail).toMatchObject({ from: migration018FlagSpansByStart.version - 1, to: LATEST_SCHEMA_VERSION });
    // The records came through, and the session works on them.
    const page = expectOk<{ rows: CaseSummary[] }>(await core.registry.invoke('cases.list', {}));
    expect(page.rows.map((row) => row.fullName)).toEqual(['Avery Stone']);
  });

  it('runs one upgrade for two sign-ins that ask at once, the second waiting for the first', async () => {
    asOneVersionBehind(key);
    const asked = await Promise.all([core.vault.migrateAhead(key), core.vault.migrateAhead(key)]);
    expect(asked).toEqual([true, true]);
    expect(started).toEqual(['schema-upgrade']);
    expect(onDisk(key)).toEqual({ version: LATEST_SCHEMA_VERSION, hasIndex: true });
    // Done: the next one finds nothing to apply.
    expect(await core.vault.migrateAhead(key)).toBe(false);
  });

  it('starts no job when the database is already at this version', async () => {
    expect(needsMigration(core.vault.databaseFile, key)).toBe(false);
    expectOk(await signIn());
    expect(started).not.toContain('schema-upgrade');
    expect(core.logger.entries.some((entry) => entry.message === UPGRADED)).toBe(false);
  });

  it('leaves an upgrade that failed on the worker to the opening, which applies it, and logs the failure', async () => {
    asOneVersionBehind(key);
    failUpgrade = true;

    expectOk(await signIn());

    expect(started[0]).toBe('schema-upgrade');
    expect(core.vault.database.migratedFrom).toBe(migration018FlagSpansByStart.version - 1);
    expect(onDisk(key)).toEqual({ version: LATEST_SCHEMA_VERSION, hasIndex: true });
    const warning = core.logger.entries.find((entry) => entry.message === FELL_BACK);
    expect(warning?.level).toBe('warn');
    expect(warning?.detail).toMatchObject({ reason: 'A background job failed', job: { message: 'the migration failed' } });
  });

  it('refuses in words a migration that cannot be applied, without trying it again on the main thread', async () => {
    // Migration 18's index is still there, so creating it again fails inside the worker's migration.
    asOneVersionBehind(key, { keepIndex: true });

    const refused = await signIn();

    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('unavailable');
    expect(refused.error.message).toMatch(/^Stepwise could not upgrade stepwise\.db for this version.*The upgrade was undone/);
    expect(started.filter((kind) => kind === 'schema-upgrade')).toHaveLength(1);
    expect(core.vault.isOpen).toBe(false);
    expect(onDisk(key)).toEqual({ version: migration018FlagSpansByStart.version - 1, hasIndex: true });
    // The log has what went wrong in the worker (the migration and the stage), never the sentence's data.
    const logged = core.logger.entries.find((entry) => entry.message === 'Request refused');
    expect(logged?.detail).toMatchObject({ channel: 'auth.signIn', job: { error: 'DatabaseOpenError' } });
    expect(String((logged?.detail?.['job'] as Record<string, unknown>)['reason'])).toMatch(/step 18 \(flag spans by start\)/);
  });

  it('is not asked for by a wrong password, and a wrong key reads as nothing to migrate', async () => {
    asOneVersionBehind(key);
    const refused = await core.registry.invoke('auth.signIn', { username: 'dana', password: 'not the password' });
    expect(refused.ok).toBe(false);
    expect(started).not.toContain('schema-upgrade');
    expect(needsMigration(core.vault.databaseFile, Buffer.alloc(32, 7))).toBe(false);
    expect(needsMigration(path.join(temp.dir, 'no-such.db'), key)).toBe(false);
    // Nothing was changed by either.
    expect(onDisk(key)).toEqual({ version: migration018FlagSpansByStart.version - 1, hasIndex: false });
  });
});
