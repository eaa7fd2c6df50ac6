import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { auditHead, recordRestore } from '../audit/auditLog';
import { backupsFolder, ensureBackupsFolder } from '../backup/backupFolder';
import type { Vault } from '../core/vault';
import { syncDirectory } from '../security/keyring';

/** Beside the backups while a restore swaps the database: what the restore event will say, should it be cut short. */
const PENDING_RESTORE = 'restore-pending.json';

const pendingRestoreSchema = z.object({
  at: z.string(),
  userId: z.string(),
  username: z.string(),
  backupName: z.string(),
  safetyCopy: z.string(),
  /** The restored records' audit log: finding it unchanged at the next sign-in means the restore event is missing. */
  restoredLog: z.object({ count: z.number().int().min(0), head: z.string() }),
});
export type PendingRestore = z.infer<typeof pendingRestoreSchema>;

function markerFile(dataDir: string): string {
  return path.join(backupsFolder(dataDir), PENDING_RESTORE);
}

/** Written (and synced) just before the database is swapped; it holds ids and hashes only, never records. */
export function notePendingRestore(dataDir: string, pending: PendingRestore): void {
  ensureBackupsFolder(dataDir);
  const file = markerFile(dataDir);
  const handle = fs.openSync(file, 'w', 0o600);
  try {
    fs.writeSync(handle, `${JSON.stringify(pending)}\n`);
    fs.fsyncSync(handle);
  } finally {
    fs.closeSync(handle);
  }
  syncDirectory(backupsFolder(dataDir));
}

export function clearPendingRestore(dataDir: string): void {
  fs.rmSync(markerFile(dataDir), { force: true });
}

function readPendingRestore(dataDir: string): PendingRestore | null {
  try {
    const parsed = pendingRestoreSchema.safeParse(JSON.parse(fs.readFileSync(markerFile(dataDir), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * At sign-in, before anything is written: a restore cut short between swapping the database and writing its audit
 * event leaves the restored log unlinked from the one it replaced. If the log is exactly the restored one, the restore
 * event is written now (as it would have been); otherwise the swap never happened, or the event was written. Either
 * way the note goes.
 */
export async function finishInterruptedRestore(vault: Vault): Promise<boolean> {
  if (!fs.existsSync(markerFile(vault.dataDir))) return false;
  const pending = readPendingRestore(vault.dataDir);
  let finished = false;
  if (pending) {
    const current = await auditHead(vault.database.db);
    if (current.count === pending.restoredLog.count && current.head === pending.restoredLog.head) {
      await recordRestore(vault, pending);
      finished = true;
    }
  }
  clearPendingRestore(vault.dataDir);
  return finished;
}
