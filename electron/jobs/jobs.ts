import type { ExportRecordsRequest } from '../../shared/contract/exports';
import type { ImportProgress } from '../../shared/contract/imports';
import type { MetricsReport } from '../../shared/contract/reports';
import type { RulesImpactReport } from '../../shared/contract/rules';
import type { BackupKind } from '../../shared/contract/backups';
import { CHECK_STEPS, verifyBackupFile, type BackupContents } from '../backup/backupContents';
import { backupErrorInWords } from '../backup/backupErrors';
import { prepareRestore, RESTORE_STEPS, type RestorePreparation } from '../backup/prepareRestore';
import { writeBackup, type BackupRequest, type WrittenBackup } from '../backup/writeBackup';
import type { OpenDatabaseOptions, StepwiseDatabase } from '../db/openDatabase';
import { refreshStatisticsUnlessStopped, type StatisticsRefresh } from '../db/plannerStatistics';
import { checkpointWal, type WalCheckpoint } from '../db/walCheckpoint';
import { newRecordId } from '../core/recordIds';
import { packStaleSpanBlocks } from '../repositories/spanBlocks';
import {
  checkImportFile,
  commitImportFile,
  type ImportCheckInput,
  type ImportCheckOutput,
  type ImportCommitInput,
  type ImportCommitOutput,
} from '../import/importJobs';
import type { PasswordHasher, ServiceContext } from '../services/context';
import { prepareExport, type PreparedExport } from '../services/exportsService';
import { metricsReport, type MetricsReportRequest } from '../services/reportsService';
import { stepProgress, type ReportProgress } from '../services/progress';
import { reviewRulesImpact } from '../services/rulesService';
import type { StepProgress } from './jobProgressBoard';

/** A backup as the worker makes it: where, what kind, by whom, and how many of its group to keep. */
export interface BackupJobInput {
  readonly dataDir: string;
  readonly kind: BackupKind;
  readonly appVersion: string;
  readonly madeBy: string | null;
  readonly keep: number | null;
}

/** A restore's part on the worker (electron/backup/prepareRestore.ts): which backup, for whom, by which version. */
export interface RestoreJobInput {
  readonly backupFile: string;
  readonly backupName: string;
  readonly dataDir: string;
  readonly appVersion: string;
  readonly madeBy: string | null;
}

/**
 * The long jobs that run on a worker thread with a connection of their own (docs/BENCHMARKS.md, issue 11): each
 * can take well over 50 ms at 100,000 cases, and better-sqlite3 is synchronous, so on the main process's event
 * loop it would freeze the window. The reads run an existing service unchanged in one read transaction (one
 * consistent snapshot); the backup runs writeBackup, whose VACUUM INTO takes its own snapshot; the checkpoint opens a
 * writable connection of its own, as a checkpoint writes the database file. An import is checked in a read
 * transaction and written in one write transaction on the worker's writable connection, reporting its progress and
 * stopping on Cancel; the main process holds its own connection meanwhile (the registry's worker commands).
 */
export interface JobTypes {
  'rules-impact': { input: { readonly targetVersion: string }; output: RulesImpactReport; progress: StepProgress };
  metrics: { input: MetricsReportRequest; output: MetricsReport; progress: StepProgress };
  export: { input: ExportRecordsRequest; output: PreparedExport; progress: StepProgress };
  backup: { input: BackupJobInput; output: WrittenBackup; progress: StepProgress };
  /** Verifies a whole backup file (its key, integrity_check, row counts) before it is shown as checked. */
  'backup-inspect': { input: { readonly backupFile: string; readonly dataDir: string }; output: BackupContents; progress: StepProgress };
  /** Verifies a backup, keeps the safety copy and prepares the restored copy; the main process then swaps it in. */
  'restore-prepare': { input: RestoreJobInput; output: RestorePreparation; progress: StepProgress };
  /** Copies the write-ahead log into the database file after a large import (electron/db/walCheckpoint.ts). */
  checkpoint: { input: Record<string, never>; output: WalCheckpoint };
  /** The planner's statistics, gathered where they are due (electron/jobs/backgroundStatistics.ts). */
  'planner-statistics': { input: Record<string, never>; output: StatisticsRefresh };
  'import-check': { input: ImportCheckInput; output: ImportCheckOutput; progress: ImportProgress };
  'import-commit': { input: ImportCommitInput; output: ImportCommitOutput; progress: ImportProgress };
  /** A new version's migrations, applied as the worker opens the database, before sign-in opens it (vault.ts). */
  'schema-upgrade': { input: Record<string, never>; output: { readonly from: number; readonly to: number } };
}
export type JobKind = keyof JobTypes;
export type JobInput<K extends JobKind> = JobTypes[K]['input'];
export type JobOutput<K extends JobKind> = JobTypes[K]['output'];
/** What a job reports while it runs; never, for the jobs that only answer. */
export type JobProgress<K extends JobKind> = JobTypes[K] extends { progress: infer P } ? P : never;

/**
 * How the worker opens the database for a job: read-only for the reads; writable, already at this version's schema,
 * for an import's records and the planner's statistics; migrated as it opens, and nothing else, for the schema's
 * upgrade (its statistics are the background job's after sign-in).
 */
export function connectionFor(kind: JobKind): Pick<OpenDatabaseOptions, 'readonly' | 'existingOnly' | 'statistics'> {
  if (kind === 'schema-upgrade') return { statistics: 'none' };
  if (kind === 'import-commit' || kind === 'planner-statistics') return { existingOnly: true };
  return { readonly: true };
}

/** What a read job may use: the database, and the clock and person of the call that started it. */
export type JobContext = Pick<ServiceContext, 'db' | 'clock' | 'actor' | 'sessionId'>;

/** What the worker opened for the job: its connection, the key, the caller's context, Cancel, and where progress goes. */
export interface JobEnvironment<K extends JobKind = JobKind> {
  readonly database: StepwiseDatabase;
  readonly key: Buffer;
  readonly context: JobContext;
  readonly signal: AbortSignal;
  readonly report: (progress: JobProgress<K>) => void;
}

type JobTable = { readonly [K in JobKind]: (env: JobEnvironment<K>, input: JobInput<K>) => Promise<JobOutput<K>> };

/** Signing in happens in the main process; nothing a job runs hashes or checks a password. */
const NO_PASSWORDS: PasswordHasher = {
  hash: () => Promise.reject(new Error('Passwords are not handled on a job’s worker thread')),
  verify: () => Promise.reject(new Error('Passwords are not handled on a job’s worker thread')),
};

/** The services' context for an import job: the caller's, on the job's transaction, with the app's kind of record ids. */
function importContext(env: JobEnvironment<'import-check' | 'import-commit'>, db: ServiceContext['db']): ServiceContext {
  return { ...env.context, db, newId: newRecordId, passwords: NO_PASSWORDS };
}

function checkImport(env: JobEnvironment<'import-check'>, input: ImportCheckInput): Promise<ImportCheckOutput> {
  return env.database.db.transaction().execute((trx) => checkImportFile(importContext(env, trx), input, env));
}

/** One write transaction; the main process holds its own connection meanwhile, so no other write comes between. */
function commitImport(env: JobEnvironment<'import-commit'>, input: ImportCommitInput): Promise<ImportCommitOutput> {
  return env.database.db.transaction().execute(async (trx) => {
    const committed = await commitImportFile(importContext(env, trx), input, env);
    packStaleSpanBlocks(env.database.sqlite);
    return committed;
  });
}

/** A read job: the service unchanged, in one read transaction, reporting its steps as the worker's progress. */
function inReadTransaction<I, O>(
  work: (ctx: JobContext, input: I, report: ReportProgress) => Promise<O>,
): (env: JobEnvironment<'rules-impact' | 'metrics' | 'export'>, input: I) => Promise<O> {
  return (env, input) => env.database.db.transaction().execute((trx) => work({ ...env.context, db: trx }, input, env.report));
}

const BACKUP_STEPS = ['Counting the records', 'Copying the database', 'Verifying the copy', 'Keeping the newest backups'] as const;

/** The backup's steps as progress; the copy, one SQLite call, is measured by the main process from the file's size. */
function reportBackupStep(report: (progress: StepProgress) => void): NonNullable<BackupRequest['onStep']> {
  return (step, copy) => {
    if (step === 'started') report(stepProgress(BACKUP_STEPS, 1));
    else if (step === 'copying' && copy) {
      report({ ...stepProgress(BACKUP_STEPS, 2, 0, copy.expectedBytes), growingFile: { path: copy.file, expectedBytes: copy.expectedBytes } });
    } else if (step === 'verifying') report(stepProgress(BACKUP_STEPS, 3));
    else if (step === 'pruning') report(stepProgress(BACKUP_STEPS, 4));
  };
}

async function backUp(env: JobEnvironment<'backup'>, input: BackupJobInput): Promise<WrittenBackup> {
  try {
    return writeBackup({ sqlite: env.database.sqlite, key: env.key, now: env.context.clock.now(), ...input, onStep: reportBackupStep(env.report) });
  } catch (error) {
    // Problems the person can act on (disk full, folder read-only) cross back as sentences.
    throw backupErrorInWords(error, input.dataDir);
  }
}

async function inspectBackupFile(env: JobEnvironment<'backup-inspect'>, input: JobInput<'backup-inspect'>): Promise<BackupContents> {
  try {
    return verifyBackupFile(input.backupFile, env.key, (stepNumber) => env.report(stepProgress(CHECK_STEPS, stepNumber)));
  } catch (error) {
    throw backupErrorInWords(error, input.dataDir);
  }
}

async function prepareToRestore(env: JobEnvironment<'restore-prepare'>, input: RestoreJobInput): Promise<RestorePreparation> {
  return prepareRestore({
    ...input,
    sqlite: env.database.sqlite,
    databaseFile: env.database.file,
    key: env.key,
    now: env.context.clock.now(),
    onStep: (stepNumber, copy) => {
      const progress = stepProgress(RESTORE_STEPS, stepNumber, copy ? 0 : undefined, copy?.expectedBytes);
      env.report(copy ? { ...progress, growingFile: { path: copy.file, expectedBytes: copy.expectedBytes } } : progress);
    },
  });
}

export const JOBS: JobTable = {
  'rules-impact': inReadTransaction((ctx, input: { readonly targetVersion: string }, report) =>
    reviewRulesImpact(ctx, input.targetVersion, undefined, report),
  ),
  metrics: inReadTransaction((ctx, input: MetricsReportRequest, report) => metricsReport(ctx, input, report)),
  export: inReadTransaction((ctx, input: ExportRecordsRequest, report) => prepareExport(ctx, input, report)),
  backup: backUp,
  'backup-inspect': inspectBackupFile,
  'restore-prepare': prepareToRestore,
  checkpoint: async (env) => checkpointWal(env.database.file, env.key),
  'planner-statistics': async (env) => {
    // Copying the log into the database file is the checkpoint's job (after an import it follows this one), or the
    // main connection's next commit's: this job's commit leaves it, and so holds the main connection no longer.
    env.database.sqlite.pragma('wal_autocheckpoint = 0');
    return refreshStatisticsUnlessStopped(env.database.sqlite, env.context.clock.today(), env.signal);
  },
  'import-check': checkImport,
  'import-commit': commitImport,
  'schema-upgrade': async (env) => ({ from: env.database.migratedFrom, to: env.database.schemaVersion }),
};

export function isJobKind(value: unknown): value is JobKind {
  return typeof value === 'string' && Object.hasOwn(JOBS, value);
}
