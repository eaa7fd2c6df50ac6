import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVault } from '../../../electron/core/vault';
import { ENCRYPTING_SUFFIX, encryptExistingDatabase } from '../../../electron/db/encryptExisting';
import { DATABASE_FILE_NAME, databaseFileState, openDatabase } from '../../../electron/db/openDatabase';
import { createKeyring, KEYRING_FILE_NAME } from '../../../electron/security/keyring';
import { filesEndingIn, leaveHotJournal, SECRET_MRN, SECRET_NAME, seedPlaintextDatabase } from '../../support/plaintextDatabase';
import { makeTempDir } from '../../support/tempDir';

let temp: ReturnType<typeof makeTempDir>;
let file: string;
let copy: string;
let keyringFile: string;

beforeEach(() => {
  temp = makeTempDir();
  file = path.join(temp.dir, DATABASE_FILE_NAME);
  copy = `${file}${ENCRYPTING_SUFFIX}`;
  keyringFile = path.join(temp.dir, KEYRING_FILE_NAME);
  seedPlaintextDatabase(file);
});
afterEach(() => temp.cleanup());

/** Changes made in the earlier version after the interrupted attempt: the migration must keep them. */
function changeRecordsAfterTheCrash(): void {
  const sqlite = new Database(file);
  sqlite.prepare("UPDATE cases SET mrn = 'CHANGED-1' WHERE id = 'secret'").run();
  sqlite.prepare("UPDATE cases SET full_name = 'Changed name ' || id WHERE id IN ('c1', 'c2', 'c1500', 'c2999')").run();
  sqlite.close();
}

async function encrypt(onCopied?: () => void): Promise<Buffer> {
  const { keyring, dataKey } = await createKeyring({ userId: 'user-admin', username: 'admin' }, 'crash test password');
  const key = Buffer.from(dataKey);
  encryptExistingDatabase(file, keyringFile, keyring, dataKey, (step) => {
    if (step === 'copied') onCopied?.();
  });
  return key;
}

function currentValues(key: Buffer): unknown[] {
  const database = openDatabase({ file, key });
  try {
    return database.sqlite.prepare("SELECT id, mrn, full_name FROM cases WHERE id IN ('secret', 'c1', 'c2', 'c1500', 'c2999') ORDER BY id").all();
  } finally {
    database.close();
  }
}

function plaintextHits(): string[] {
  const needle = Buffer.from(SECRET_NAME, 'utf8');
  return fs.readdirSync(temp.dir).filter((name) => fs.readFileSync(path.join(temp.dir, name)).includes(needle));
}

const EXPECTED = [
  { id: 'c1', mrn: 'M-1', full_name: 'Changed name c1' },
  { id: 'c1500', mrn: 'M-1500', full_name: 'Changed name c1500' },
  { id: 'c2', mrn: 'M-2', full_name: 'Changed name c2' },
  { id: 'c2999', mrn: 'M-2999', full_name: 'Changed name c2999' },
  { id: 'secret', mrn: 'CHANGED-1', full_name: SECRET_NAME },
];

describe('encrypting again after an interrupted attempt', () => {
  it('never replays the earlier copy’s rollback journal into the new copy, and leaves no plaintext journal', async () => {
    leaveHotJournal(file, copy);
    expect(fs.readFileSync(`${copy}-journal`).includes(Buffer.from(SECRET_MRN))).toBe(true);
    changeRecordsAfterTheCrash();
    const key = await encrypt();
    expect(currentValues(key)).toEqual(EXPECTED);
    expect(filesEndingIn(temp.dir, '-journal')).toEqual([]);
    expect(plaintextHits()).toEqual([]);
  });

  it('has start-up recovery remove the half-made copy together with its journal, WAL and shared memory', async () => {
    leaveHotJournal(file, copy);
    fs.writeFileSync(`${copy}-wal`, 'stale');
    fs.writeFileSync(`${copy}-shm`, 'stale');
    changeRecordsAfterTheCrash();
    createVault(temp.dir);
    expect(fs.readdirSync(temp.dir).sort()).toEqual([DATABASE_FILE_NAME]);
    const key = await encrypt();
    expect(currentValues(key)).toEqual(EXPECTED);
  });

  it('refuses to put in place a copy whose contents differ from the original, even with the same row counts', async () => {
    changeRecordsAfterTheCrash();
    const originalBytes = fs.readFileSync(file);
    await expect(
      encrypt(() => {
        const tampered = new Database(copy);
        tampered.prepare("UPDATE cases SET mrn = 'NOT-THE-ORIGINAL' WHERE id = 'c1500'").run();
        tampered.close();
      }),
    ).rejects.toThrow(/does not hold the same records as the original/);
    expect(databaseFileState(file)).toBe('plaintext');
    expect(fs.readFileSync(file).equals(originalBytes)).toBe(true);
    expect(fs.existsSync(copy)).toBe(false);
  });
});
