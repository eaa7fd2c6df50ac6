import fs from 'node:fs';
import path from 'node:path';
import { syncDirectory, writeKeyring, type Keyring } from './keyring';

/** A key file is never replaced by another: the one already there may be the only way into its database. */
export class KeyFileExistsError extends Error {
  constructor(readonly file: string) {
    super(`A key file ${path.basename(file)} is already in the data folder; Stepwise does not replace it.`);
    this.name = 'KeyFileExistsError';
  }
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** Moves a key file to `target` unless something is already there; the check and the move are one step where the file system allows. */
export function placeKeyFile(source: string, target: string): void {
  try {
    // A hard link fails atomically when the target exists, which a rename would silently replace.
    fs.linkSync(source, target);
  } catch (error) {
    if (codeOf(error) === 'EEXIST') throw new KeyFileExistsError(target);
    // File systems without hard links (FAT, some network shares): check, then rename.
    if (fs.existsSync(target)) throw new KeyFileExistsError(target);
    fs.renameSync(source, target);
    syncDirectory(path.dirname(target));
    return;
  }
  fs.rmSync(source);
  syncDirectory(path.dirname(target));
}

/** Writes the keyring of a new database, refusing to replace any key file already at `file`. */
export function writeNewKeyring(file: string, keyring: Keyring): void {
  if (fs.existsSync(file)) throw new KeyFileExistsError(file);
  const staged = `${file}.new`;
  writeKeyring(staged, keyring);
  try {
    placeKeyFile(staged, file);
  } catch (error) {
    // Never placed, so it opens nothing that exists yet.
    fs.rmSync(staged, { force: true });
    throw error;
  }
}

/** Renames a key file that is not wanted where it is, instead of deleting it; returns its new name. */
export function setAside(file: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let target = `${file}.set-aside-${stamp}`;
  for (let attempt = 2; fs.existsSync(target); attempt += 1) target = `${file}.set-aside-${stamp}-${attempt}`;
  fs.renameSync(file, target);
  syncDirectory(path.dirname(file));
  return path.basename(target);
}

export function sameBytes(first: string, second: string): boolean {
  return fs.readFileSync(first).equals(fs.readFileSync(second));
}
