import fs from 'node:fs';
import path from 'node:path';
import { BACKUP_NAME_PATTERN, type BackupKind } from '../../shared/contract/backups';
import { syncDirectory } from '../security/keyring';

/** Backups live in this folder inside the data folder, created owner-only like the data folder itself. */
export const BACKUPS_FOLDER_NAME = 'backups';
/** A backup is written under its final name plus this suffix, and renamed only once verified. */
export const PARTIAL_SUFFIX = '.partial';
/** Left by a quit while Stepwise was locked: the automatic backup that could not be made waits for the next sign-in. */
export const AUTOMATIC_BACKUP_PENDING = 'automatic-backup-pending';

export interface BackupFile {
  readonly name: string;
  readonly file: string;
  readonly createdAt: Date;
  readonly kind: BackupKind;
  /** Orders backups taken in the same second. */
  readonly sequence: number;
  readonly sizeBytes: number;
}

export function backupsFolder(dataDir: string): string {
  return path.join(dataDir, BACKUPS_FOLDER_NAME);
}

/** The folder, created 0700 if missing; a file in its place is reported rather than replaced. */
export function ensureBackupsFolder(dataDir: string): string {
  const folder = backupsFolder(dataDir);
  const stat = fs.statSync(folder, { throwIfNoEntry: false });
  if (stat && !stat.isDirectory()) throw Object.assign(new Error(`${folder} is a file, not a folder`), { code: 'ENOTDIR' });
  if (!stat) fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  return folder;
}

export function parseBackupName(name: string): { createdAt: Date; kind: BackupKind; sequence: number } | null {
  const match = BACKUP_NAME_PATTERN.exec(name);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, kind, sequence] = match;
  const createdAt = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}Z`);
  if (Number.isNaN(createdAt.getTime())) return null;
  return { createdAt, kind: kind as BackupKind, sequence: sequence === undefined ? 1 : Number(sequence) };
}

/** A name that sorts by time and says why it was made; a second backup in the same second gets "-2", and so on. */
export function newBackupName(at: Date, kind: BackupKind, taken: (name: string) => boolean): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll(':', '');
  for (let sequence = 1; ; sequence += 1) {
    const name = `stepwise-${stamp}-${kind}${sequence === 1 ? '' : `-${sequence}`}.db`;
    if (!taken(name) && !taken(`${name}${PARTIAL_SUFFIX}`)) return name;
  }
}

/** Newest first. */
export function compareNewestFirst(a: Pick<BackupFile, 'createdAt' | 'sequence'>, b: Pick<BackupFile, 'createdAt' | 'sequence'>): number {
  return b.createdAt.getTime() - a.createdAt.getTime() || b.sequence - a.sequence;
}

/** Finished backups only, newest first: a half-written copy never has a backup's name, so it is never listed. */
export function listBackupFiles(dataDir: string): BackupFile[] {
  const folder = backupsFolder(dataDir);
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  const files: BackupFile[] = [];
  for (const name of names) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    const file = path.join(folder, name);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) continue;
    files.push({ name, file, ...parsed, sizeBytes: stat.size });
  }
  return files.sort(compareNewestFirst);
}

/** Which backups fall outside the newest `keep`; the newest is never among them. */
export function backupsBeyond<T extends Pick<BackupFile, 'createdAt' | 'sequence'>>(files: readonly T[], keep: number): T[] {
  return [...files].sort(compareNewestFirst).slice(Math.max(1, Math.trunc(keep)));
}

function removeWithSideFiles(file: string): void {
  for (const leftover of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) fs.rmSync(leftover, { force: true });
}

/** Keeps the newest `keep` backups and removes the rest, oldest first; returns the names removed. */
export function pruneBackups(dataDir: string, keep: number): string[] {
  const removed: string[] = [];
  for (const old of backupsBeyond(listBackupFiles(dataDir), keep).reverse()) {
    removeWithSideFiles(old.file);
    removed.push(old.name);
  }
  if (removed.length > 0) syncDirectory(backupsFolder(dataDir));
  return removed;
}

/**
 * What an interrupted backup leaves: a copy still under its temporary name, with its rollback journal if it was
 * killed while its description was being written. Removed at start-up and before every backup; never listed.
 */
export function removeUnfinishedBackups(dataDir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(backupsFolder(dataDir));
  } catch {
    return [];
  }
  const unfinished = names.filter((name) => /\.partial(-journal|-wal|-shm)?$/.test(name));
  for (const name of unfinished) fs.rmSync(path.join(backupsFolder(dataDir), name), { force: true });
  return unfinished.filter((name) => name.endsWith(PARTIAL_SUFFIX));
}
