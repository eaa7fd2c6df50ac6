import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { syncDirectory, writeKeyring, type Keyring } from '../security/keyring';
import { databaseFileState, unlockConnection } from './openDatabase';

/** Where an interrupted encryption can stop; tests kill the process at each of them. */
export type EncryptionStep = 'checkpointed' | 'copy-started' | 'copied' | 'encrypted' | 'verified' | 'keyring-written' | 'swapped' | 'cleaned';

export const ENCRYPTING_SUFFIX = '.encrypting';

function tableCounts(sqlite: Database.Database): Record<string, number> {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((table) => [
      table,
      Number(
        sqlite
          .prepare(`SELECT count(*) FROM "${table.replaceAll('"', '""')}"`)
          .pluck()
          .get(),
      ),
    ]),
  );
}

function removeQuietly(file: string): void {
  fs.rmSync(file, { force: true });
}

/**
 * Encrypts a plaintext database from an earlier version without ever putting it at risk: the original is
 * checkpointed and copied, the copy is encrypted and verified (it opens with the key, integrity_check is ok,
 * every table has the same number of rows), the keyring is written, and only then does the encrypted copy
 * replace the original in one atomic rename. A crash before the rename leaves the original untouched (and the
 * stale keyring and copy are cleared by `recoverInterruptedEncryption`); after it, the encrypted database and
 * its keyring are both in place.
 */
export function encryptExistingDatabase(
  file: string,
  keyringFile: string,
  keyring: Keyring,
  dataKey: Buffer,
  onStep: (step: EncryptionStep) => void = () => undefined,
): void {
  const copy = `${file}${ENCRYPTING_SUFFIX}`;
  removeQuietly(copy);
  const original = new Database(file, { fileMustExist: true });
  let expected: Record<string, number>;
  try {
    // Everything in the write-ahead log goes into the main file, so one file copy holds every record.
    original.pragma('wal_checkpoint(TRUNCATE)');
    expected = tableCounts(original);
  } finally {
    original.close();
  }
  onStep('checkpointed');
  onStep('copy-started');
  fs.copyFileSync(file, copy);
  onStep('copied');
  const encrypting = new Database(copy, { fileMustExist: true });
  try {
    encrypting.pragma('journal_mode = DELETE');
    encrypting.pragma(`cipher = 'sqlcipher'`);
    encrypting.pragma('legacy = 4');
    encrypting.pragma(`rekey = "x'${dataKey.toString('hex')}'"`);
  } finally {
    encrypting.close();
  }
  onStep('encrypted');
  verifyEncryptedCopy(copy, dataKey, expected);
  const handle = fs.openSync(copy, 'r+');
  try {
    fs.fsyncSync(handle);
  } finally {
    fs.closeSync(handle);
  }
  onStep('verified');
  writeKeyring(keyringFile, keyring);
  onStep('keyring-written');
  fs.renameSync(copy, file);
  syncDirectory(path.dirname(file));
  onStep('swapped');
  removeQuietly(`${file}-wal`);
  removeQuietly(`${file}-shm`);
  removeQuietly(`${file}-journal`);
  onStep('cleaned');
}

function verifyEncryptedCopy(copy: string, dataKey: Buffer, expected: Record<string, number>): void {
  if (databaseFileState(copy) !== 'encrypted') throw new Error('The encrypted copy still has a plaintext header');
  const check = new Database(copy, { readonly: true, fileMustExist: true });
  try {
    unlockConnection(check, dataKey);
    const integrity = String(check.pragma('integrity_check', { simple: true }));
    if (integrity !== 'ok') throw new Error(`The encrypted copy failed its integrity check: ${integrity}`);
    const actual = tableCounts(check);
    if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error('The encrypted copy does not hold the same rows as the original');
  } finally {
    check.close();
  }
}

/**
 * Clears what an interrupted encryption left behind. While the database is still plaintext, a keyring beside it
 * and the half-made copy are stale (the rename never happened), so both go and the plaintext original stays.
 */
export function recoverInterruptedEncryption(file: string, keyringFile: string): void {
  const copy = `${file}${ENCRYPTING_SUFFIX}`;
  if (databaseFileState(file) === 'plaintext') {
    if (fs.existsSync(keyringFile)) removeQuietly(keyringFile);
    removeQuietly(copy);
  } else if (fs.existsSync(copy)) {
    removeQuietly(copy);
  }
  removeQuietly(`${keyringFile}.tmp`);
}
