import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBackupFile } from '../../../electron/backup/backupContents';
import { listBackupFiles } from '../../../electron/backup/backupFolder';
import { REPLACED_SUFFIX, RESTORING_SUFFIX } from '../../../electron/backup/replaceDatabase';
import { writeBackup } from '../../../electron/backup/writeBackup';
import { createVault } from '../../../electron/core/vault';
import { DATABASE_FILE_NAME, openDatabase } from '../../../electron/db/openDatabase';
import type { RestoreKillPoint } from '../../support/backupChild';
import { SECRET_MRN, SECRET_NAME } from '../../support/plaintextDatabase';
import { makeTempDir } from '../../support/tempDir';
import { filesHolding, runBackupChild } from '../support/childRun';

const BACKED_UP_CASES = 5_000 + 1;
const ADDED_SINCE = 500;
const CURRENT_CASES = BACKED_UP_CASES + ADDED_SINCE;

/** Until the rename the current database must be the one that opens; from the rename on, the restored one. */
const BEFORE_SWAP: readonly RestoreKillPoint[] = [
  'safety-copying',
  'safety-describing',
  'safety-verifying',
  'safety-renamed',
  'safety-done',
  'preparing',
  'prepared',
  'closing',
  'closed',
];
const AFTER_SWAP: readonly RestoreKillPoint[] = ['swapped', 'reopened'];

let temp: ReturnType<typeof makeTempDir>;
let key: Buffer;
let file: string;
let pristine: string;

/** The current database as a crash would leave it: the latest cases still only in its write-ahead log. */
function putCurrentDatabaseBack(): void {
  for (const suffix of ['', '-wal', '-shm', REPLACED_SUFFIX, RESTORING_SUFFIX, `${RESTORING_SUFFIX}-wal`, `${RESTORING_SUFFIX}-shm`]) {
    fs.rmSync(`${file}${suffix}`, { force: true });
  }
  for (const safety of listBackupFiles(temp.dir).filter((backup) => backup.kind === 'before-restore')) fs.rmSync(safety.file);
  fs.copyFileSync(path.join(pristine, DATABASE_FILE_NAME), file);
  fs.copyFileSync(path.join(pristine, `${DATABASE_FILE_NAME}-wal`), `${file}-wal`);
}

function casesInDatabase(): number {
  createVault(temp.dir);
  expect(fs.existsSync(`${file}${RESTORING_SUFFIX}`)).toBe(false);
  expect(fs.existsSync(`${file}${REPLACED_SUFFIX}`)).toBe(false);
  const database = openDatabase({ file, key });
  try {
    expect(String(database.sqlite.pragma('integrity_check', { simple: true }))).toBe('ok');
    return Number(database.sqlite.prepare('SELECT count(*) FROM cases').pluck().get());
  } finally {
    database.close();
  }
}

beforeAll(() => {
  temp = makeTempDir('stepwise-restore-crash-');
  pristine = path.join(temp.dir, 'pristine');
  fs.mkdirSync(pristine);
  key = randomBytes(32);
  file = path.join(temp.dir, DATABASE_FILE_NAME);
  const database = openDatabase({ file, key });
  const insert = database.sqlite.prepare('INSERT INTO cases (id, mrn, full_name, date_of_birth, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  const add = (prefix: string, count: number) =>
    database.sqlite.transaction(() => {
      for (let index = 0; index < count; index += 1)
        insert.run(`${prefix}${index}`, `${prefix}-${index}`, `Person ${prefix}${index}`, '1970-01-01', 'x', 'x');
    })();
  insert.run('secret', SECRET_MRN, SECRET_NAME, '1980-01-01', 'x', 'x');
  add('b', BACKED_UP_CASES - 1);
  writeBackup({
    sqlite: database.sqlite,
    key,
    dataDir: temp.dir,
    kind: 'manual',
    appVersion: '0.0.0-test',
    madeBy: null,
    now: new Date(),
    keep: null,
  });
  database.sqlite.pragma('wal_autocheckpoint = 0');
  add('n', ADDED_SINCE);
  fs.copyFileSync(file, path.join(pristine, DATABASE_FILE_NAME));
  fs.copyFileSync(`${file}-wal`, path.join(pristine, `${DATABASE_FILE_NAME}-wal`));
  database.close();
}, 30_000);
afterAll(() => temp.cleanup());

describe('a restore killed with SIGKILL at any moment', () => {
  it.each([...BEFORE_SWAP.map((step) => [step, CURRENT_CASES] as const), ...AFTER_SWAP.map((step) => [step, BACKED_UP_CASES] as const)])(
    'at "%s" leaves a database that opens, passes integrity_check and holds %i cases (the current or the restored records)',
    async (killAt, expected) => {
      putCurrentDatabaseBack();
      const run = await runBackupChild([temp.dir, 'restore', killAt], key);
      expect(run.signal).toBe('SIGKILL');
      expect(run.steps.at(-1)).toBe(killAt);
      // Killed after the rename, the replaced database's second name is left; the next start removes it.
      expect(fs.existsSync(`${file}${REPLACED_SUFFIX}`)).toBe(AFTER_SWAP.includes(killAt));
      expect(casesInDatabase()).toBe(expected);
      const [backup] = listBackupFiles(temp.dir).filter((candidate) => candidate.kind === 'manual');
      expect(verifyBackupFile(backup?.file ?? '', key).rowCounts.cases).toBe(BACKED_UP_CASES);
      // A safety copy, once it has its name, holds every current case, the ones from the write-ahead log included.
      for (const safety of listBackupFiles(temp.dir).filter((candidate) => candidate.kind === 'before-restore')) {
        expect(verifyBackupFile(safety.file, key).rowCounts.cases).toBe(CURRENT_CASES);
      }
      expect(filesHolding(temp.dir, SECRET_NAME)).toEqual([]);
    },
  );

  it('finished, has replaced the records and kept a verified safety copy of the current ones', async () => {
    putCurrentDatabaseBack();
    expect(await runBackupChild([temp.dir, 'restore', 'never'], key)).toMatchObject({ code: 0, signal: null });
    expect(casesInDatabase()).toBe(BACKED_UP_CASES);
    const safety = listBackupFiles(temp.dir).filter((candidate) => candidate.kind === 'before-restore');
    expect(safety).toHaveLength(1);
    expect(verifyBackupFile(safety[0]?.file ?? '', key).rowCounts.cases).toBe(CURRENT_CASES);
  });
});
