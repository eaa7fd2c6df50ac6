import type { ImportSessions } from '../import/importSessions';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { SessionUser } from '../../shared/contract/auth';
import type {
  BackupCounts,
  BackupDetails,
  BackupKind,
  BackupList,
  BackupSummary,
  CreatedBackup,
  RestoreOutcome,
} from '../../shared/contract/backups';
import { appendAuditEvent, recordAuditHead, recordRestore, type AuditDetails } from '../audit/auditLog';
import {
  BackupProblem,
  readBackupDescription,
  restoreRefusal,
  verifyBackupFile,
  type BackupContents,
  type RowCounts,
} from '../backup/backupContents';
import { backupsFolder, listBackupFiles, SAFETY_COPIES_TO_KEEP, type BackupFile } from '../backup/backupFolder';
import { replaceDatabase } from '../backup/replaceDatabase';
import { lastAutomaticBackup } from '../backup/schedule';
import { backupErrorInWords } from '../backup/backupErrors';
import { writeBackup, type WrittenBackup } from '../backup/writeBackup';
import { trackNamedJob, type JobProgressBoard } from '../jobs/jobProgressBoard';
import type { JobRunner } from '../jobs/jobRunner';
import type { Vault } from '../core/vault';
import { errorCode } from '../db/errors';
import type { SessionStore } from '../ipc/session';
import { endSession } from '../ipc/sessionLock';
import { readAutoLockMinutes, readBackupsToKeep } from '../repositories/settingsRepository';
import { loadSessionUser } from '../repositories/usersRepository';
import { actorOf } from './actor';
import type { Clock } from './context';
import { DomainError } from './errors';
import { clearPendingRestore, notePendingRestore } from './interruptedRestore';

/** What backups need: the open vault (database and key), the clock, this version, and who is acting. */
export interface BackupContext {
  readonly vault: Vault;
  readonly clock: Clock;
  readonly app: { readonly appVersion: string };
  readonly actor: SessionUser | null;
  /** Where the copy is made: a worker thread. */
  readonly jobs: JobRunner;
  /** Where a backup the window named keeps its progress, for that window's session only. */
  readonly progress?: JobProgressBoard;
  readonly sessionId?: string;
}

function countsShown(rows: RowCounts): BackupCounts {
  return { cases: rows.cases ?? 0, assessments: rows.assessments ?? 0, decisions: rows.decisions ?? 0, episodes: rows.episodes ?? 0 };
}

function summaryOf(file: Pick<BackupFile, 'name' | 'sizeBytes'>, contents: BackupContents, appVersion: string): BackupSummary {
  const refusal = restoreRefusal(contents, appVersion);
  return {
    name: file.name,
    kind: contents.kind,
    createdAt: contents.createdAt,
    sizeBytes: file.sizeBytes,
    appVersion: contents.appVersion,
    schemaVersion: contents.schemaVersion,
    counts: countsShown(contents.rowCounts),
    restorable: refusal === null,
    problem: refusal?.message ?? null,
  };
}

/**
 * Runs synchronous work on the raw connection while holding the query builder's only connection, so no transaction
 * of another call is open on it and none can start until the work is done.
 */
async function withQuietConnection<T>(vault: Vault, work: (sqlite: Database.Database) => T): Promise<T> {
  const database = vault.database;
  return database.db.connection().execute(async () => work(database.sqlite));
}

function backupFileNamed(dataDir: string, name: string): BackupFile {
  const found = listBackupFiles(dataDir).find((backup) => backup.name === name);
  if (!found) throw new DomainError('not_found', `The backup ${name} is not in the backups folder any more.`);
  return found;
}

export async function listBackups(ctx: BackupContext): Promise<BackupList> {
  const { vault } = ctx;
  const files = listBackupFiles(vault.dataDir);
  const key = vault.dataKey();
  try {
    const backups = files.map((file): BackupSummary => {
      try {
        return summaryOf(file, readBackupDescription(file.file, key), ctx.app.appVersion);
      } catch (error) {
        if (!(error instanceof BackupProblem)) throw error;
        return {
          name: file.name,
          kind: file.kind,
          createdAt: file.createdAt.toISOString(),
          sizeBytes: file.sizeBytes,
          appVersion: null,
          schemaVersion: null,
          counts: null,
          restorable: false,
          problem: error.message,
        };
      }
    });
    const lastAutomatic = lastAutomaticBackup(files);
    return {
      backups,
      folder: backupsFolder(vault.dataDir),
      keep: await readBackupsToKeep(vault.database.db),
      lastAutomaticAt: lastAutomatic?.toISOString() ?? null,
    };
  } finally {
    key.fill(0);
  }
}

async function auditBackup(ctx: BackupContext, user: SessionUser, kind: BackupKind, outcome: 'ok' | 'failed', details: AuditDetails): Promise<void> {
  await ctx.vault.database.db.transaction().execute((trx) =>
    appendAuditEvent(trx, {
      at: ctx.clock.now().toISOString(),
      userId: user.id,
      username: user.username,
      action: 'backup',
      recordType: 'backup',
      recordId: typeof details.name === 'string' ? details.name : null,
      outcome,
      details: { kind, ...details },
    }),
  );
  await recordAuditHead(ctx.vault);
}

/**
 * Makes a verified backup now, keeps the newest N manual and automatic backups (Settings; the new one always among
 * them, a restore's safety copies not counted), and records it (or its failure) in the audit log.
 */
export async function createBackup(ctx: BackupContext, kind: 'manual' | 'automatic', jobId?: string): Promise<CreatedBackup> {
  const user = actorOf(ctx);
  const { vault } = ctx;
  const keep = await readBackupsToKeep(vault.database.db);
  let written: WrittenBackup;
  // Refused before anything is attempted (an id already running), so not a failed backup to audit.
  const tracked = trackNamedJob(ctx.progress, jobId, ctx.sessionId);
  try {
    // Copying and verifying a large database takes seconds: on a worker thread, with a connection of its own.
    const key = vault.dataKey();
    const job = ctx.jobs.run(
      'backup',
      { dataDir: vault.dataDir, kind, appVersion: ctx.app.appVersion, madeBy: user.username, keep },
      { databaseFile: vault.databaseFile, key, clock: ctx.clock, actor: user },
      tracked ? { onProgress: (progress) => tracked.report(progress) } : {},
    );
    // The runner copied the key into the job's request as it started it.
    key.fill(0);
    written = await job;
  } catch (error) {
    await auditBackup(ctx, user, kind, 'failed', { problem: errorCode(error) ?? (error instanceof DomainError ? error.code : 'error') });
    throw error;
  } finally {
    tracked?.finish();
  }
  const rows = written.contents.rowCounts;
  await auditBackup(ctx, user, kind, 'ok', { name: written.name, cases: rows.cases ?? 0, pruned: written.pruned.length });
  return { ...summaryOf(written, written.contents, ctx.app.appVersion), pruned: [...written.pruned] };
}

/** Verifies the whole backup (key, integrity_check, row counts) and says what it holds; a damaged file is refused. */
export async function inspectBackup(ctx: BackupContext, name: string): Promise<BackupDetails> {
  const file = backupFileNamed(ctx.vault.dataDir, name);
  const key = ctx.vault.dataKey();
  try {
    const contents = verifyBackupFile(file.file, key);
    return { ...summaryOf(file, contents, ctx.app.appVersion), madeBy: contents.madeBy, verifiedAt: ctx.clock.now().toISOString() };
  } catch (error) {
    throw backupErrorInWords(error, ctx.vault.dataDir);
  } finally {
    key.fill(0);
  }
}

export interface RestoreContext extends BackupContext {
  readonly session: SessionStore;
  readonly imports: ImportSessions;
}

/**
 * Replaces the records with a backup's: verified again, refused if a newer version made it, the current records kept
 * first as a verified safety copy, then swapped in (see replaceDatabase) and the audit chains linked. The person stays
 * signed in if their account is in the restored records; otherwise they are signed out.
 */
export async function restoreBackup(ctx: RestoreContext, name: string): Promise<RestoreOutcome> {
  const user = actorOf(ctx);
  const { vault } = ctx;
  // A check or an import reads the records being replaced on a connection of its own; the swap would wait on it.
  if (ctx.imports.busy()) {
    throw new DomainError(
      'conflict',
      'A file is being checked or imported. Let it finish, or cancel it, then restore the backup. Nothing was changed.',
    );
  }
  const file = backupFileNamed(vault.dataDir, name);
  // An open import was checked against the records being replaced.
  ctx.imports.clear();
  const key = vault.dataKey();
  let safetyCopy: WrittenBackup;
  try {
    safetyCopy = await withQuietConnection(vault, (sqlite) => {
      const contents = verifyBackupFile(file.file, key);
      const refusal = restoreRefusal(contents, ctx.app.appVersion);
      if (refusal) throw new BackupProblem(refusal.code, `The backup ${name} was not restored. ${refusal.message}`);
      const now = ctx.clock.now();
      const safety = writeBackup({
        sqlite,
        key,
        dataDir: vault.dataDir,
        kind: 'before-restore',
        appVersion: ctx.app.appVersion,
        madeBy: user.username,
        now,
        // Kept apart from the N regular backups; the oldest beyond three go once this one is verified.
        keep: SAFETY_COPIES_TO_KEEP,
      });
      notePendingRestore(vault.dataDir, {
        at: now.toISOString(),
        userId: user.id,
        username: user.username,
        backupName: name,
        safetyCopy: safety.name,
        restoredLog: contents.auditHead,
      });
      replaceDatabase(vault, file.file, contents);
      return safety;
    });
  } catch (error) {
    // A note of the restore may stay: the next sign-in tells by the audit log whether the swap happened.
    if (vault.isOpen) {
      const problem = error instanceof BackupProblem ? error.code : (errorCode(error) ?? 'error');
      await vault.database.db.transaction().execute((trx) =>
        appendAuditEvent(trx, {
          at: ctx.clock.now().toISOString(),
          userId: user.id,
          username: user.username,
          action: 'restore',
          recordType: 'backup',
          recordId: name,
          outcome: 'failed',
          details: { problem },
        }),
      );
      await recordAuditHead(vault);
    }
    throw backupErrorInWords(error, vault.dataDir);
  } finally {
    key.fill(0);
  }
  await recordRestore(vault, {
    at: ctx.clock.now().toISOString(),
    userId: user.id,
    username: user.username,
    backupName: name,
    safetyCopy: safetyCopy.name,
    prunedSafetyCopies: safetyCopy.pruned.length,
  });
  clearPendingRestore(vault.dataDir);
  const restoredUser = await loadSessionUser(vault.database.db, user.id);
  if (restoredUser) {
    ctx.session.refresh(restoredUser);
    ctx.session.setAutoLockMinutes(await readAutoLockMinutes(vault.database.db));
  } else {
    await endSession({ vault, session: ctx.session, clock: ctx.clock, imports: ctx.imports }, 'sign-out');
  }
  return { restoredFrom: name, safetyCopy: safetyCopy.name, stillSignedIn: restoredUser !== null };
}
