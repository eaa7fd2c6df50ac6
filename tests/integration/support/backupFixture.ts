import fs from 'node:fs';
import path from 'node:path';
import type { BackupDetails, BackupList, CreatedBackup } from '../../../shared/contract/backups';
import { backupsFolder } from '../../../electron/backup/backupFolder';
import { expectOk } from '../../support/seed';
import type { TestCore } from '../../support/testCore';

/** Calls a backups channel as the administrator "root" (created if needed). */
export async function asAdmin<T>(core: TestCore, channel: string, input: unknown = {}): Promise<T> {
  await core.signInAs('root', ['admin']);
  return expectOk<T>(await core.registry.invoke(channel, input));
}

export const backUp = (core: TestCore) => asAdmin<CreatedBackup>(core, 'backups.create');
export const listBackups = (core: TestCore) => asAdmin<BackupList>(core, 'backups.list');
export const inspect = (core: TestCore, name: string) => asAdmin<BackupDetails>(core, 'backups.inspect', { name });

/** Files (any name) in the backups folder whose bytes contain the text, as UTF-8 or UTF-16. */
export function backupFilesHolding(dataDir: string, text: string): string[] {
  const folder = backupsFolder(dataDir);
  const needles = [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')];
  return fs
    .readdirSync(folder)
    .filter((name) => fs.statSync(path.join(folder, name)).isFile())
    .filter((name) => {
      const bytes = fs.readFileSync(path.join(folder, name));
      return needles.some((needle) => bytes.includes(needle));
    });
}

export function backupPath(core: TestCore, name: string): string {
  return path.join(backupsFolder(core.vault.dataDir), name);
}
