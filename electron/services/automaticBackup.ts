import fs from 'node:fs';
import path from 'node:path';
import { AUTOMATIC_BACKUP_PENDING, backupsFolder, ensureBackupsFolder, listBackupFiles } from '../backup/backupFolder';
import { automaticBackupDue, lastAutomaticBackup } from '../backup/schedule';
import type { SessionStore } from '../ipc/session';
import { createBackup, type BackupContext } from './backupService';
import { DomainError } from './errors';

export type AutomaticBackupOutcome =
  | { readonly kind: 'made'; readonly name: string }
  | { readonly kind: 'not-due' }
  /** Stepwise closed while locked: the key was not in memory, so the backup waits for the next sign-in. */
  | { readonly kind: 'postponed' }
  | { readonly kind: 'failed'; readonly message: string };

export interface AutomaticBackupContext extends Omit<BackupContext, 'actor'> {
  readonly session: SessionStore;
}

function pendingMarker(dataDir: string): string {
  return path.join(backupsFolder(dataDir), AUTOMATIC_BACKUP_PENDING);
}

function due(ctx: AutomaticBackupContext): boolean {
  return automaticBackupDue(lastAutomaticBackup(listBackupFiles(ctx.vault.dataDir)), ctx.clock.today());
}

async function backUpNow(ctx: AutomaticBackupContext): Promise<AutomaticBackupOutcome> {
  try {
    const made = await createBackup({ ...ctx, actor: ctx.session.user }, 'automatic');
    fs.rmSync(pendingMarker(ctx.vault.dataDir), { force: true });
    return { kind: 'made', name: made.name };
  } catch (error) {
    // Never in the way of closing or signing in: the failure is in the audit log (createBackup) and returned for the log file.
    return { kind: 'failed', message: error instanceof DomainError ? error.message : error instanceof Error ? error.message : String(error) };
  }
}

/**
 * When Stepwise closes: one automatic backup per calendar day, made while the key is still in memory. Closed while
 * locked (nobody signed in), no backup can be made, by design; a marker asks the next sign-in to make it instead.
 */
export async function backUpOnExit(ctx: AutomaticBackupContext): Promise<AutomaticBackupOutcome> {
  if (!due(ctx)) {
    fs.rmSync(pendingMarker(ctx.vault.dataDir), { force: true });
    return { kind: 'not-due' };
  }
  if (!ctx.session.user || !ctx.vault.isOpen) {
    try {
      ensureBackupsFolder(ctx.vault.dataDir);
      fs.writeFileSync(pendingMarker(ctx.vault.dataDir), `${JSON.stringify({ closedAt: ctx.clock.now().toISOString() })}\n`, { mode: 0o600 });
      return { kind: 'postponed' };
    } catch (error) {
      return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
  }
  return backUpNow(ctx);
}

/** After a sign-in: makes the automatic backup a locked close could not, unless one was made today already. */
export async function backUpAfterLockedExit(ctx: AutomaticBackupContext): Promise<AutomaticBackupOutcome> {
  if (!fs.existsSync(pendingMarker(ctx.vault.dataDir)) || !ctx.session.user || !ctx.vault.isOpen) return { kind: 'not-due' };
  if (!due(ctx)) {
    fs.rmSync(pendingMarker(ctx.vault.dataDir), { force: true });
    return { kind: 'not-due' };
  }
  return backUpNow(ctx);
}
