import type Database from 'better-sqlite3-multiple-ciphers';
import type { ErrorCode } from '../../shared/contract/result';
import { errorCode } from '../db/errors';
import { DomainError } from '../services/errors';
import { BackupProblem, restoreRefusal, verifyBackupFile, type BackupContents } from './backupContents';
import { backupErrorInWords } from './backupErrors';
import { SAFETY_COPIES_TO_KEEP } from './backupFolder';
import { prepareRestoredCopy, type RestoreStep } from './replaceDatabase';
import { writeBackup, type BackupStep, type WrittenBackup } from './writeBackup';

/** The steps a restore reports; the last, putting the copy in place, is the main process's own. */
export const RESTORE_STEPS = [
  'Checking the backup',
  'Keeping a safety copy of the current records',
  'Preparing the backup’s records',
  'Putting them in place',
] as const;

/** Where the worker's part of a restore has got: the step's number in RESTORE_STEPS, and a copy being written. */
export type RestoreProgressStep = (stepNumber: 1 | 2 | 3, copy?: { readonly file: string; readonly expectedBytes: number }) => void;

export interface RestorePreparationRequest {
  /** A connection to the database in use, outside any transaction: the safety copy is made from it. */
  readonly sqlite: Database.Database;
  readonly databaseFile: string;
  readonly key: Buffer;
  readonly backupFile: string;
  readonly backupName: string;
  readonly dataDir: string;
  readonly appVersion: string;
  readonly madeBy: string | null;
  readonly now: Date;
  readonly onStep?: RestoreProgressStep;
  /** Each step of the safety copy, then of the restored copy: where the crash tests stop the process. */
  readonly onSafetyStep?: (step: BackupStep) => void;
  readonly onCopyStep?: (step: RestoreStep) => void;
}

/**
 * What the worker answers: ready to swap in, or why not, in words for the administrator with the short code the
 * restore's audit event keeps (a backup problem's own, such as 'damaged', or the file system's, such as 'ENOSPC').
 */
export type RestorePreparation =
  | { readonly ready: true; readonly contents: BackupContents; readonly safetyCopy: WrittenBackup }
  | { readonly ready: false; readonly problem: string; readonly code: Exclude<ErrorCode, 'internal'>; readonly message: string };

/**
 * The long part of a restore, which reads and writes whole databases (seconds at 100,000 cases): the backup verified
 * again and refused if this version must not use it, the current records kept as a verified safety copy, and the
 * backup's records copied, migrated and checked beside the database (electron/backup/replaceDatabase.ts). Nothing
 * here changes the database in use. The main process holds its own connection meanwhile, so no write lands between
 * the safety copy and the swap it makes next.
 */
export function prepareRestore(request: RestorePreparationRequest): RestorePreparation {
  const step = request.onStep ?? (() => undefined);
  try {
    step(1);
    const contents = verifyBackupFile(request.backupFile, request.key);
    const refusal = restoreRefusal(contents, request.appVersion);
    if (refusal) throw new BackupProblem(refusal.code, `The backup ${request.backupName} was not restored. ${refusal.message}`);
    step(2);
    const safetyCopy = writeBackup({
      sqlite: request.sqlite,
      key: request.key,
      dataDir: request.dataDir,
      kind: 'before-restore',
      appVersion: request.appVersion,
      madeBy: request.madeBy,
      now: request.now,
      // Kept apart from the N regular backups; the oldest beyond three go once this one is verified.
      keep: SAFETY_COPIES_TO_KEEP,
      onStep: (backupStep, copy) => {
        request.onSafetyStep?.(backupStep);
        if (backupStep === 'copying' && copy) step(2, copy);
      },
    });
    step(3);
    prepareRestoredCopy(request.databaseFile, request.backupFile, request.key, contents, request.onCopyStep);
    return { ready: true, contents, safetyCopy };
  } catch (error) {
    const words = backupErrorInWords(error, request.dataDir);
    if (!(words instanceof DomainError)) throw error;
    const problem = error instanceof BackupProblem ? error.code : (errorCode(error) ?? words.code);
    return { ready: false, problem, code: words.code, message: words.message };
  }
}
