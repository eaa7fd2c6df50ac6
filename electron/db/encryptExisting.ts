import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { placeKeyFile, sameBytes, setAside } from '../security/keyFiles';
import { syncDirectory, writeKeyring, type Keyring } from '../security/keyring';
import { databaseFileState, encryptConnection, unlockConnection } from './openDatabase';

/** Where an interrupted encryption can stop; tests kill the process at each of them. */
export type EncryptionStep =
  | 'checkpointed'
  | 'copy-started'
  | 'copy-halfway'
  | 'copied'
  | 'encrypted'
  | 'verified'
  | 'keyring-written'
  | 'swapped'
  | 'keyring-placed'
  | 'cleaned';

/** Names the encrypted copy and the migration's own keyring until each is put in place. */
export const ENCRYPTING_SUFFIX = '.encrypting';

/**
 * A digest of every row of every table (and of the schema), so the encrypted copy is checked record by record:
 * equal row counts would not notice a page restored from a stale journal. The planner's statistics (sqlite_stat*) are
 * not records: opening a database may refresh them.
 */
function contentDigests(sqlite: Database.Database): Record<string, string> {
  const tables = sqlite
    .prepare(
      "SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT IN ('sqlite_schema', 'sqlite_temp_schema') AND name NOT LIKE 'sqlite_stat%' ORDER BY name",
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
 * Encrypts a plaintext database from an earlier version without ever putting it or a key file at risk. The
 * original is checkpointed and copied; the copy is encrypted and verified (it opens with the key, integrity_check
 * is ok, every table holds the same records, by digest); the new keyring is written under its own name
 * (`stepwise.keys.json.encrypting`), which marks the migration as in progress; the copy then replaces the original
 * in one atomic rename, and the keyring is moved to its place. `recoverInterruptedEncryption` finishes or undoes
 * an interrupted run by that marker alone, and no existing key file is ever replaced or deleted.
 */
export function encryptExistingDatabase(
  file: string,
  keyringFile: string,
  keyring: Keyring,
  dataKey: Buffer,
  onStep: (step: EncryptionStep) => void = () => undefined,
): void {
  if (databaseFileState(file) !== 'plaintext') throw new Error('Only a plaintext database can be encrypted');
  const copy = `${file}${ENCRYPTING_SUFFIX}`;
  const pendingKeyring = `${keyringFile}${ENCRYPTING_SUFFIX}`;
  recoverInterruptedEncryption(file, keyringFile);
  if (fs.existsSync(keyringFile)) throw new Error(`A key file ${path.basename(keyringFile)} is already beside the plaintext database`);
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
  copyDatabaseFile(file, copy, () => onStep('copy-halfway'));
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
  syncFile(copy);
  onStep('verified');
  writeKeyring(pendingKeyring, keyring);
  onStep('keyring-written');
  fs.renameSync(copy, file);
  syncDirectory(path.dirname(file));
  onStep('swapped');
  placeKeyFile(pendingKeyring, keyringFile);
  onStep('keyring-placed');
  removeOriginalSideFiles(file);
  onStep('cleaned');
}

const COPY_CHUNK_BYTES = 256 * 1024;

/** Copies in chunks into a new file only its owner may read, calling `onHalfway` once half is written. */
function copyDatabaseFile(source: string, target: string, onHalfway: () => void): void {
  const buffer = Buffer.alloc(COPY_CHUNK_BYTES);
  const input = fs.openSync(source, 'r');
  try {
    const output = fs.openSync(target, 'wx', 0o600);
    try {
      const size = fs.fstatSync(input).size;
      let copied = 0;
      let halfwayReported = false;
      for (let read = fs.readSync(input, buffer, 0, buffer.length, 0); read > 0; read = fs.readSync(input, buffer, 0, buffer.length, copied)) {
        for (let written = 0; written < read;) written += fs.writeSync(output, buffer, written, read - written, copied + written);
        copied += read;
        if (!halfwayReported && copied * 2 >= size && copied < size) {
          halfwayReported = true;
          onHalfway();
        }
      }
    } finally {
      fs.closeSync(output);
    }
  } finally {
    fs.closeSync(input);
    // It held plaintext pages.
    buffer.fill(0);
  }
}

function syncFile(file: string): void {
  const handle = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(handle);
  } finally {
    fs.closeSync(handle);
  }
}

/** The plaintext original's WAL (emptied by the checkpoint) and shared memory, once the encrypted copy replaced it. */
function removeOriginalSideFiles(file: string): void {
  for (const leftover of [`${file}-wal`, `${file}-shm`, `${file}-journal`]) removeQuietly(leftover);
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
 * Finishes or undoes an interrupted encryption, judged by the migration's own keyring
 * (`stepwise.keys.json.encrypting`), never by guessing from the database alone. Returns what it did, in words.
 *
 * - Database encrypted, marker present: the swap happened, so the marker is moved into place as the key file.
 * - Database plaintext, marker present: the swap never happened; the copy (with its journal) goes and the marker
 *   is set aside under a dated name (it only wraps the discarded copy's key, but a key file is never deleted).
 * - No marker: a half-made copy beside a plaintext database goes with its journal, WAL and shared memory.
 * A key file at `stepwise.keys.json` is never touched here.
 */
export function recoverInterruptedEncryption(file: string, keyringFile: string, now: Date = new Date()): string[] {
  const notes: string[] = [];
  const copy = `${file}${ENCRYPTING_SUFFIX}`;
  const pendingKeyring = `${keyringFile}${ENCRYPTING_SUFFIX}`;
  const state = databaseFileState(file);
  if (fs.existsSync(pendingKeyring)) {
    if (state === 'encrypted' && !fs.existsSync(keyringFile)) {
      placeKeyFile(pendingKeyring, keyringFile);
      removeOriginalSideFiles(file);
      notes.push('Finished an interrupted encryption of the database: its key file is now in place.');
    } else if (state === 'encrypted' && sameBytes(pendingKeyring, keyringFile)) {
      // A crash between linking the key file into place and removing its old name: both names are the same file.
      removeQuietly(pendingKeyring);
    } else if (state === 'encrypted' || state === 'plaintext') {
      const setAsideAs = setAside(pendingKeyring, now);
      notes.push(
        state === 'plaintext'
          ? `Undid an interrupted encryption: the database stays unencrypted until an administrator signs in; the unused key file was set aside as ${setAsideAs}.`
          : `A key file left by an earlier encryption did not match the one in use and was set aside as ${setAsideAs}.`,
      );
    }
  }
  if (state === 'plaintext') removeCopy(copy);
  return notes;
}
