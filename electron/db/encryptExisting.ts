import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { syncDirectory, writeKeyring, type Keyring } from '../security/keyring';
import { databaseFileState, encryptConnection, unlockConnection } from './openDatabase';

/** Where an interrupted encryption can stop; tests kill the process at each of them. */
export type EncryptionStep = 'checkpointed' | 'copy-started' | 'copied' | 'encrypted' | 'verified' | 'keyring-written' | 'swapped' | 'cleaned';

export const ENCRYPTING_SUFFIX = '.encrypting';

/**
 * A digest of every row of every table (and of the schema), so the encrypted copy is checked record by record:
 * equal row counts would not notice a page restored from a stale journal.
 */
function contentDigests(sqlite: Database.Database): Record<string, string> {
  const tables = sqlite
    .prepare(
      "SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT IN ('sqlite_schema', 'sqlite_temp_schema') ORDER BY name",
    )
    .all() as { name: string; wr: number }[];
  const digests: Record<string, string> = {
    '(schema)': digestRows(sqlite.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name')),
    '(header)': `${String(sqlite.pragma('user_version', { simple: true }))}:${String(sqlite.pragma('application_id', { simple: true }))}`,
  };
  for (const { name, wr } of tables) {
    const table = quoteIdentifier(name);
    const order = wr === 1 ? primaryKeyOrder(sqlite, name) : 'rowid';
    const columns = wr === 1 ? '*' : 'rowid, *';
    digests[name] = digestRows(sqlite.prepare(`SELECT ${columns} FROM ${table} ORDER BY ${order}`));
  }
  return digests;
}

function digestRows(statement: Database.Statement): string {
  const hash = createHash('sha256');
  for (const row of statement.raw().iterate()) hash.update(`${JSON.stringify(row)}\n`);
  return hash.digest('hex');
}

function primaryKeyOrder(sqlite: Database.Database, table: string): string {
  const keys = sqlite.prepare('SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').pluck().all(table) as string[];
  return keys.map(quoteIdentifier).join(', ');
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function removeQuietly(file: string): void {
  fs.rmSync(file, { force: true });
}

/**
 * The copy goes with its rollback journal, WAL and shared memory: a journal left by a crash would otherwise be
 * replayed by SQLite into the next copy (silently restoring old pages), and it holds plaintext pages.
 */
function removeCopy(copy: string): void {
  for (const leftover of [copy, `${copy}-journal`, `${copy}-wal`, `${copy}-shm`]) removeQuietly(leftover);
}

/**
 * Encrypts a plaintext database from an earlier version without ever putting it at risk: the original is
 * checkpointed and copied, the copy is encrypted and verified (it opens with the key, integrity_check is ok,
 * every table holds the same records, by digest), the keyring is written, and only then does the encrypted copy
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
  removeCopy(copy);
  const original = new Database(file, { fileMustExist: true });
  let expected: Record<string, string>;
  try {
    // Everything in the write-ahead log goes into the main file, so one file copy holds every record.
    original.pragma('wal_checkpoint(TRUNCATE)');
    expected = contentDigests(original);
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
    encryptConnection(encrypting, dataKey);
  } finally {
    encrypting.close();
  }
  onStep('encrypted');
  try {
    verifyEncryptedCopy(copy, dataKey, expected);
  } catch (error) {
    removeCopy(copy);
    throw error;
  }
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

function verifyEncryptedCopy(copy: string, dataKey: Buffer, expected: Record<string, string>): void {
  if (databaseFileState(copy) !== 'encrypted') throw new Error('The encrypted copy still has a plaintext header');
  const check = new Database(copy, { readonly: true, fileMustExist: true });
  try {
    unlockConnection(check, dataKey);
    const integrity = String(check.pragma('integrity_check', { simple: true }));
    if (integrity !== 'ok') throw new Error(`The encrypted copy failed its integrity check: ${integrity}`);
    const actual = contentDigests(check);
    const differing = Object.keys({ ...expected, ...actual }).filter((table) => actual[table] !== expected[table]);
    if (differing.length > 0) {
      throw new Error(`The encrypted copy does not hold the same records as the original (${differing.join(', ')}); the original was kept`);
    }
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
  if (databaseFileState(file) === 'plaintext' && fs.existsSync(keyringFile)) removeQuietly(keyringFile);
  removeCopy(copy);
  removeQuietly(`${keyringFile}.tmp`);
}
