import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { BackupKind } from '../../shared/contract/backups';
import { unlockConnection } from '../db/openDatabase';
import { syncDirectory } from '../security/keyring';
import { countRows, differingTables, verifyBackupFile, type BackupContents, type BackupDescription } from './backupContents';
import { ensureBackupsFolder, newBackupName, PARTIAL_SUFFIX, pruneBackups, removeUnfinishedBackups } from './backupFolder';

/** Where a backup can be interrupted; the crash test kills the process at each of them. */
export type BackupStep =
  'started' | 'copying' | 'copied' | 'describing' | 'described' | 'verifying' | 'verified' | 'renaming' | 'renamed' | 'pruning' | 'done';

export interface BackupRequest {
  /** The open, unlocked database; it must not be inside a transaction. */
  readonly sqlite: Database.Database;
  readonly key: Buffer;
  readonly dataDir: string;
  readonly kind: BackupKind;
  readonly appVersion: string;
  readonly madeBy: string | null;
  readonly now: Date;
  /**
   * How many backups of its group to keep once the new one is in place, the new one included: N (Settings) for a
   * manual or automatic backup, SAFETY_COPIES_TO_KEEP for a restore's safety copy (see pruneBackups); null removes none.
   */
  readonly keep: number | null;
  /** Each step as it begins; 'copying' with the file being written and about how large it will grow. */
  readonly onStep?: (step: BackupStep, copy?: { readonly file: string; readonly expectedBytes: number }) => void;
}

export interface WrittenBackup {
  readonly name: string;
  readonly file: string;
  readonly sizeBytes: number;
  readonly contents: BackupContents;
  readonly pruned: readonly string[];
}

/**
 * Makes one encrypted, verified backup. SQLite's VACUUM INTO copies the database in one read transaction into a new
 * file under a temporary name; SQLite3 Multiple Ciphers gives that file the database's own cipher and key, so every
 * page is encrypted as it is written (the backup API cannot be used: it refuses an encrypted source, see the README).
 * The copy then gets its description, is verified (key, integrity_check, row counts taken in the copy's snapshot),
 * synced, and renamed to its backup name. Only then are backups of its group beyond `keep` removed, never the new one.
 * Synchronous on purpose: no other statement can run on the connection between the counts and the copy, so both
 * describe the same records.
 */
export function writeBackup(request: BackupRequest): WrittenBackup {
  const step = request.onStep ?? (() => undefined);
  const { sqlite } = request;
  if (sqlite.inTransaction) throw new Error('A backup cannot be made inside a transaction');
  const folder = ensureBackupsFolder(request.dataDir);
  removeUnfinishedBackups(request.dataDir);
  const existing = new Set(fs.readdirSync(folder));
  const name = newBackupName(request.now, request.kind, (candidate) => existing.has(candidate));
  const file = path.join(folder, name);
  const partial = `${file}${PARTIAL_SUFFIX}`;
  step('started');
  const description: BackupDescription = {
    createdAt: request.now.toISOString(),
    kind: request.kind,
    appVersion: request.appVersion,
    schemaVersion: Number(sqlite.pragma('user_version', { simple: true })),
    rowCounts: countRows(sqlite),
    madeBy: request.madeBy,
  };
  let contents: BackupContents;
  try {
    // Created owner-only first: SQLite would otherwise create the copy with its default permissions.
    fs.closeSync(fs.openSync(partial, 'wx', 0o600));
    step('copying', { file: partial, expectedBytes: copySize(sqlite) });
    sqlite.prepare('VACUUM INTO ?').run(partial);
    step('copied');
    step('describing');
    describeCopy(partial, request.key, description);
    step('described');
    step('verifying');
    contents = verifyBackupFile(partial, request.key);
    if (differingTables(description.rowCounts, contents.rowCounts).length > 0)
      throw new Error('The copy does not describe the records it was made from');
    syncFile(partial);
    step('verified');
    step('renaming');
    fs.renameSync(partial, file);
    // Issued but not yet durable: the crash test kills here, before the folder is synced.
    step('renamed');
    syncDirectory(folder);
  } catch (error) {
    for (const leftover of [partial, `${partial}-journal`]) fs.rmSync(leftover, { force: true });
    throw error;
  }
  step('pruning');
  const pruned = request.keep === null ? [] : pruneBackups(request.dataDir, name, request.keep);
  step('done');
  return { name, file, sizeBytes: fs.statSync(file).size, contents, pruned };
}

/** About the size VACUUM INTO will write: every page in use (the free ones are left out), at the file's page size. */
function copySize(sqlite: Database.Database): number {
  const pages = Number(sqlite.pragma('page_count', { simple: true })) - Number(sqlite.pragma('freelist_count', { simple: true }));
  return Math.max(1, pages) * Number(sqlite.pragma('page_size', { simple: true }));
}

/** Writes the one-row description into the copy, in rollback-journal mode so the file stands alone (no WAL beside it). */
function describeCopy(file: string, key: Buffer, contents: BackupDescription): void {
  const copy = new Database(file, { fileMustExist: true });
  try {
    unlockConnection(copy, key);
    copy.pragma('journal_mode = DELETE');
    copy.pragma('synchronous = FULL');
    copy
      .prepare(
        'INSERT INTO backup_info (id, created_at, kind, app_version, schema_version, row_counts, made_by) VALUES (1, ?, ?, ?, ?, ?, ?) ' +
          'ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at, kind = excluded.kind, app_version = excluded.app_version, ' +
          'schema_version = excluded.schema_version, row_counts = excluded.row_counts, made_by = excluded.made_by',
      )
      .run(contents.createdAt, contents.kind, contents.appVersion, contents.schemaVersion, JSON.stringify(contents.rowCounts), contents.madeBy);
  } finally {
    copy.close();
  }
}

export function syncFile(file: string): void {
  const handle = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(handle);
  } finally {
    fs.closeSync(handle);
  }
}
