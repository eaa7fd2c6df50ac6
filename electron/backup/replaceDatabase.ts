import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Vault } from '../core/vault';
import { openDatabase } from '../db/openDatabase';
import { syncDirectory } from '../security/keyring';
import { countRows, differingTables, type BackupContents } from './backupContents';
import { syncFile } from './writeBackup';

/** The restored copy is prepared beside the database under this name, and renamed over it only once verified. */
export const RESTORING_SUFFIX = '.restoring';

/**
 * The replaced database keeps this second name while the restored one is renamed over it, and loses it once that is
 * done, off the event loop: the rename itself then frees no disk space, which for a large file is slow (75–134 ms at
 * 10,000 cases on the bench machine, on the main thread). A leftover (a crash between the two) is removed at the next start.
 */
export const REPLACED_SUFFIX = '.replaced';

/** Where a restore can be interrupted; tests stop it at each of them. */
export type RestoreStep = 'preparing' | 'prepared' | 'closing' | 'closed' | 'swapped' | 'reopened';

function removeWithSideFiles(file: string): void {
  for (const leftover of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) fs.rmSync(leftover, { force: true });
}

function sha256Of(file: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(1024 * 1024);
  const handle = fs.openSync(file, 'r');
  try {
    for (let read = fs.readSync(handle, buffer); read > 0; read = fs.readSync(handle, buffer)) hash.update(buffer.subarray(0, read));
  } finally {
    fs.closeSync(handle);
  }
  return hash.digest('hex');
}

/**
 * Copies a verified backup beside the database and makes it ready to open: the same bytes (checked by hash), then
 * migrated to this version's schema, its backup description cleared, its write-ahead log folded in, checked again.
 */
function prepareCopy(backupFile: string, target: string, key: Buffer, expected: BackupContents): void {
  removeWithSideFiles(target);
  fs.copyFileSync(backupFile, target, fs.constants.COPYFILE_EXCL);
  fs.chmodSync(target, 0o600);
  if (sha256Of(target) !== sha256Of(backupFile)) throw new Error('The copy of the backup differs from the backup');
  const database = openDatabase({ file: target, key, statistics: 'none' });
  try {
    // Tables that migrations add are new and empty; every table the backup had must hold what it held.
    const counts = countRows(database.sqlite);
    const differing = differingTables(
      expected.rowCounts,
      Object.fromEntries(Object.keys(expected.rowCounts).map((table) => [table, counts[table] ?? -1])),
    );
    if (differing.length > 0) throw new Error(`The restored copy lost rows while it was prepared (${differing.join(', ')})`);
    database.sqlite.prepare('DELETE FROM backup_info').run();
    const integrity = String(database.sqlite.pragma('integrity_check', { simple: true }));
    if (integrity !== 'ok') throw new Error('The restored copy failed its integrity check');
    database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    database.close();
  }
  for (const leftover of [`${target}-wal`, `${target}-shm`]) fs.rmSync(leftover, { force: true });
  syncFile(target);
}

/**
 * Makes the restored copy beside the database (`.restoring`), verified and ready to swap in: the long part of a
 * restore (copying, hashing, migrating and checking a whole database), so the app runs it on a worker thread
 * (electron/backup/prepareRestore.ts). A copy that failed any check is removed; the database in use is not touched.
 */
export function prepareRestoredCopy(
  databaseFile: string,
  backupFile: string,
  key: Buffer,
  expected: BackupContents,
  onStep: (step: RestoreStep) => void = () => undefined,
): void {
  const prepared = `${databaseFile}${RESTORING_SUFFIX}`;
  onStep('preparing');
  try {
    prepareCopy(backupFile, prepared, key, expected);
  } catch (error) {
    removeWithSideFiles(prepared);
    throw error;
  }
  onStep('prepared');
}

/**
 * Puts the prepared copy (prepareRestoredCopy) in place of the open database and reopens it with the same key. The
 * order makes every interruption safe: until the rename the old database is complete on its own (its log folded in,
 * no WAL left beside it that could be replayed into the new file), and from the rename on the restored one is; a
 * copy left under `.restoring` is removed at the next start. Synchronous, so no other call runs between closing and
 * reopening.
 */
export function swapInRestoredCopy(vault: Vault, onStep: (step: RestoreStep) => void = () => undefined): void {
  const file = vault.databaseFile;
  const prepared = `${file}${RESTORING_SUFFIX}`;
  const key = vault.dataKey();
  let keptAside = false;
  try {
    if (!fs.existsSync(prepared)) throw new Error('The restored copy to put in place is missing');
    onStep('closing');
    const live = vault.database.sqlite;
    const checkpoint = live.pragma('wal_checkpoint(TRUNCATE)', { simple: false }) as { busy: number }[];
    if (checkpoint[0]?.busy !== 0) throw new Error('The database is busy; its write-ahead log could not be folded in');
    vault.close();
    try {
      const wal = fs.statSync(`${file}-wal`, { throwIfNoEntry: false });
      // Committed changes still only in the log are never deleted: the old database stays.
      if (wal && wal.size > 0) throw new Error('The write-ahead log of the current database was not empty after closing');
      for (const leftover of [`${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(leftover, { force: true });
      onStep('closed');
      keptAside = keepAside(file);
      fs.renameSync(prepared, file);
      syncDirectory(path.dirname(file));
      onStep('swapped');
    } catch (error) {
      if (fs.existsSync(prepared)) removeWithSideFiles(prepared);
      if (keptAside) fs.rmSync(`${file}${REPLACED_SUFFIX}`, { force: true });
      // Whichever database is in place now, the session goes on with it.
      vault.openEncrypted(key);
      throw error;
    }
    vault.openEncrypted(key);
    onStep('reopened');
    if (keptAside) void fs.promises.rm(`${file}${REPLACED_SUFFIX}`, { force: true }).catch(() => undefined);
  } catch (error) {
    if (vault.isOpen) removeWithSideFiles(prepared);
    throw error;
  } finally {
    key.fill(0);
  }
}

/** Gives the database a second name (a hard link) before it is replaced; false where the file system has none. */
function keepAside(file: string): boolean {
  const aside = `${file}${REPLACED_SUFFIX}`;
  try {
    fs.rmSync(aside, { force: true });
    fs.linkSync(file, aside);
    return true;
  } catch {
    // FAT and exFAT drives have no hard links: the rename then frees the old file's space itself, only more slowly.
    return false;
  }
}

/** Both halves of a restore on this thread, one after the other (the crash tests' child, and tests of the swap). */
export function replaceDatabase(
  vault: Vault,
  backupFile: string,
  expected: BackupContents,
  onStep: (step: RestoreStep) => void = () => undefined,
): void {
  const key = vault.dataKey();
  try {
    prepareRestoredCopy(vault.databaseFile, backupFile, key, expected, onStep);
  } finally {
    key.fill(0);
  }
  swapInRestoredCopy(vault, onStep);
}

/**
 * What an interrupted restore leaves: a prepared copy that was never put in place (the database beside it is the old
 * one), or the replaced database's second name (a crash right after the rename). Neither is ever the file in use. With
 * no database beside them (a file system whose rename is not atomic, cut off in the middle of one) they are the only
 * complete copies, so they are kept and the note says which is which.
 */
export function removeUnfinishedRestore(databaseFile: string): string[] {
  const prepared = `${databaseFile}${RESTORING_SUFFIX}`;
  const replaced = `${databaseFile}${REPLACED_SUFFIX}`;
  if (!fs.existsSync(databaseFile) && (fs.existsSync(prepared) || fs.existsSync(replaced))) {
    const name = path.basename(databaseFile);
    return [
      `${name} is missing, but an interrupted restore left ${path.basename(prepared)} (the backup’s records, checked) or ` +
        `${path.basename(replaced)} (the records before the restore) beside it. Stepwise removed neither. Rename ` +
        `${path.basename(prepared)} to ${name} to use the restored records, or ${path.basename(replaced)} to go back to the records before it.`,
    ];
  }
  fs.rmSync(replaced, { force: true });
  if (!fs.existsSync(prepared)) {
    for (const leftover of [`${prepared}-wal`, `${prepared}-shm`, `${prepared}-journal`]) fs.rmSync(leftover, { force: true });
    return [];
  }
  removeWithSideFiles(prepared);
  return ['Removed the copy left by an interrupted restore; the database in use was not changed.'];
}
