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
import { BackupProblem, readBackupDescription, restoreRefusal, type BackupContents, type RowCounts } from '../backup/backupContents';
import { backupsFolder, listBackupFiles, type BackupFile } from '../backup/backupFolder';
import { RESTORE_STEPS } from '../backup/prepareRestore';
import { swapInRestoredCopy } from '../backup/replaceDatabase';
import { whileRestoring } from '../backup/restoreInProgress';
import { lastAutomaticBackup } from '../backup/schedule';
import { backupErrorInWords } from '../backup/backupErrors';
import type { WrittenBackup } from '../backup/writeBackup';
import { trackNamedJob, type JobProgressBoard, type TrackedJob } from '../jobs/jobProgressBoard';
import { JobFailedError, type JobRunner } from '../jobs/jobRunner';
import type { Vault } from '../core/vault';
import { stopStatistics } from '../jobs/backgroundStatistics';
import { errorCode } from '../db/errors';
import type { SessionStore } from '../ipc/session';
import { endSession } from '../ipc/sessionLock';
import { readAutoLockMinutes, readBackupsToKeep } from '../repositories/settingsRepository';
import { loadSessionUser } from '../repositories/usersRepository';
import { actorOf } from './actor';
import type { Clock } from './context';
import { DomainError } from './errors';
import { stepProgress } from './progress';
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
 * Runs work while holding the query builder's only connection, so no transaction of another call is open on it and
 * none can start until the work is done.
 */
async function withQuietConnection<T>(vault: Vault, work: (sqlite: Database.Database) => Promise<T>): Promise<T> {
  const database = vault.database;
  return database.db.connection().execute(() => work(database.sqlite));
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

/**
 * Verifies the whole backup (key, integrity_check, row counts) and says what it holds; a damaged file is refused. The
 * window may name the job (`jobId`) to show its steps: reading every page of a large backup takes a while.
 */
export async function inspectBackup(ctx: BackupContext, name: string, jobId?: string): Promise<BackupDetails> {
  const file = backupFileNamed(ctx.vault.dataDir, name);
  const tracked = trackNamedJob(ctx.progress, jobId, ctx.sessionId);
  let contents: BackupContents;
  try {
    // On a worker thread, which answers problems in words.
    const key = ctx.vault.dataKey();
    const verified = ctx.jobs.run(
      'backup-inspect',
      { backupFile: file.file, dataDir: ctx.vault.dataDir },
      { databaseFile: ctx.vault.databaseFile, key, clock: ctx.clock, actor: ctx.actor },
      tracked ? { onProgress: (progress) => tracked.report(progress) } : {},
    );
    // The runner copied the key into the job's request as it started it.
    key.fill(0);
    contents = await verified;
  } finally {
    tracked?.finish();
  }
  return { ...summaryOf(file, contents, ctx.app.appVersion), madeBy: contents.madeBy, verifiedAt: ctx.clock.now().toISOString() };
}

export interface RestoreContext extends BackupContext {
  readonly session: SessionStore;
  readonly imports: ImportSessions;
}

/**
 * Replaces the records with a backup's: verified again, refused if a newer version made it, the current records kept
 * first as a verified safety copy and the backup's prepared beside them, all on a worker thread (prepareRestore),
 * then swapped in (swapInRestoredCopy) and the audit chains linked. The main connection is held from before the safety
 * copy to the swap, so no change lands in between; calls that arrive meanwhile (a lock included) wait until the
 * restore is recorded, and then run on the restored records. The person stays signed in if their account is in the
 * restored records; otherwise they are signed out.
 */
export async function restoreBackup(ctx: RestoreContext, name: string, jobId?: string): Promise<RestoreOutcome> {
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
  // Refused before anything is attempted (an id already running), so not a failed restore to audit.
  const tracked = trackNamedJob(ctx.progress, jobId, ctx.sessionId);
  // An open import was checked against the records being replaced.
  ctx.imports.clear();
  // The planner statistics' job holds the connection the restore needs: it stops after the table it is on.
  stopStatistics(vault);
  let outcome: RestoreOutcome;
  try {
    outcome = await whileRestoring(vault, () => replaceRecords(ctx, user, file, tracked));
  } finally {
    tracked?.finish();
  }
  // After the restore is over: signing out waits for any restore under way (endSession).
  if (!outcome.stillSignedIn) await endSession({ vault, session: ctx.session, clock: ctx.clock, imports: ctx.imports }, 'sign-out');
  return outcome;
}

async function replaceRecords(ctx: RestoreContext, user: SessionUser, file: BackupFile, tracked: TrackedJob | null): Promise<RestoreOutcome> {
  const { vault } = ctx;
  // The short code of what went wrong, for the audit event; a refusal from the worker names its own.
  let problem: string | null = null;
  let safetyCopy: WrittenBackup;
  // The work under way when the restore was asked has finished; a lock among it has closed the records.
  if (!vault.isOpen || ctx.session.user?.id !== user.id) {
    throw new DomainError(
      'unauthenticated',
      'Stepwise locked before the restore could begin. Sign in again to restore the backup. Nothing was changed.',
    );
  }
  try {
    safetyCopy = await withQuietConnection(vault, async () => {
      const key = vault.dataKey();
      const job = ctx.jobs.run(
        'restore-prepare',
        { backupFile: file.file, backupName: file.name, dataDir: vault.dataDir, appVersion: ctx.app.appVersion, madeBy: user.username },
        { databaseFile: vault.databaseFile, key, clock: ctx.clock, actor: user },
        tracked ? { onProgress: (progress) => tracked.report(progress) } : {},
      );
      // The runner copied the key into the job's request as it started it.
      key.fill(0);
      const prepared = await job;
      if (!prepared.ready) {
        problem = prepared.problem;
        throw new DomainError(prepared.code, prepared.message);
      }
      tracked?.report(stepProgress(RESTORE_STEPS, RESTORE_STEPS.length));
      notePendingRestore(vault.dataDir, {
        at: ctx.clock.now().toISOString(),
        userId: user.id,
        username: user.username,
        backupName: file.name,
        safetyCopy: prepared.safetyCopy.name,
        restoredLog: prepared.contents.auditHead,
      });
      swapInRestoredCopy(vault);
      return prepared.safetyCopy;
    });
  } catch (error) {
    // A note of the restore may stay: the next sign-in tells by the audit log whether the swap happened.
    if (vault.isOpen) {
      problem ??= problemCode(error);
      await vault.database.db.transaction().execute((trx) =>
        appendAuditEvent(trx, {
          at: ctx.clock.now().toISOString(),
          userId: user.id,
          username: user.username,
          action: 'restore',
          recordType: 'backup',
          recordId: file.name,
          outcome: 'failed',
          details: { problem },
        }),
      );
      await recordAuditHead(vault);
    }
    throw backupErrorInWords(error, vault.dataDir);
  }
  await recordRestore(vault, {
    at: ctx.clock.now().toISOString(),
    userId: user.id,
    username: user.username,
    backupName: file.name,
    safetyCopy: safetyCopy.name,
    prunedSafetyCopies: safetyCopy.pruned.length,
  });
  clearPendingRestore(vault.dataDir);
  const restoredUser = await loadSessionUser(vault.database.db, user.id);
  if (restoredUser) {
    ctx.session.refresh(restoredUser);
    ctx.session.setAutoLockMinutes(await readAutoLockMinutes(vault.database.db));
  }
  return { restoredFrom: file.name, safetyCopy: safetyCopy.name, stillSignedIn: restoredUser !== null };
}

/** The short code a failed restore's audit event keeps: a backup problem's, the file system's or SQLite's, or the refusal's. */
function problemCode(error: unknown): string {
  if (error instanceof BackupProblem) return error.code;
  if (error instanceof JobFailedError && typeof error.detail.code === 'string') return error.detail.code;
  return errorCode(error) ?? (error instanceof DomainError ? error.code : 'error');
}
