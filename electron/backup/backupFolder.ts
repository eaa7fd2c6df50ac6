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

/**
 * A restore's safety copies are kept apart from the N backups of Settings: they neither count toward N nor are removed
 * to make room for a regular backup. Of them, the newest three are kept; an older one goes when a restore has made
 * and verified a new one.
 */
export const SAFETY_COPIES_TO_KEEP = 3;

/** Manual and automatic backups are pruned together, to N; a restore's safety copies among themselves. */
export function pruningGroup(kind: BackupKind): 'regular' | 'safety-copy' {
  return kind === 'before-restore' ? 'safety-copy' : 'regular';
}

/**
 * Which backups to remove once `justWritten` is in place: those of its group beyond the newest `keep` (at least 1),
 * never the new one and never one of the other group. The new one counts as the newest whatever the others' names
 * say, so a backup dated ahead of the clock (made while it was wrong) cannot push it out; the others are ordered by
 * the time in their names, which is the creation time recorded inside them. Nothing is removed when the new one is
 * not among `files`.
 */
export function backupsToPrune<T extends Pick<BackupFile, 'name' | 'kind' | 'createdAt' | 'sequence'>>(
  files: readonly T[],
  justWritten: string,
  keep: number,
): T[] {
  const written = files.find((file) => file.name === justWritten);
  if (!written) return [];
  const group = pruningGroup(written.kind);
  const others = files.filter((file) => file.name !== justWritten && pruningGroup(file.kind) === group).sort(compareNewestFirst);
  return others.slice(Math.max(1, Math.trunc(keep)) - 1);
}

function removeWithSideFiles(file: string): void {
  for (const leftover of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) fs.rmSync(leftover, { force: true });
}

/** After `justWritten` is verified and in place: removes the backups of its group beyond `keep`, oldest first; returns their names. */
export function pruneBackups(dataDir: string, justWritten: string, keep: number): string[] {
  const removed: string[] = [];
  for (const old of backupsToPrune(listBackupFiles(dataDir), justWritten, keep).reverse()) {
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
