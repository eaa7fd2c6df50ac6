import { DatabaseOpenError, errorCode } from '../db/errors';
import { DATABASE_FILE_NAME } from '../db/openDatabase';
import { KEYRING_FILE_NAME } from '../security/keyring';
import { DomainError } from './errors';

/**
 * A database that cannot be opened, told to the sign-in screen in words instead of as an internal error. The
 * sentences name files but never their full path, since nobody is signed in yet; the original error, with the
 * path, goes to the log as the cause.
 */
export function databaseOpenFailure(error: DatabaseOpenError): DomainError {
  return new DomainError('unavailable', sentenceFor(error), [], { cause: error });
}

/** Runs `open`, turning a database that cannot be opened into a DomainError; anything else passes through. */
export async function explainingOpenFailure<T>(open: () => T | Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    if (error instanceof DatabaseOpenError) throw databaseOpenFailure(error);
    throw error;
  }
}

function sentenceFor(error: DatabaseOpenError): string {
  switch (error.problem) {
    case 'wrong-key':
      return (
        `The key file ${KEYRING_FILE_NAME} belongs to another Stepwise database, or ${DATABASE_FILE_NAME} is damaged, so it cannot be opened. ` +
        'Restore the key file saved together with this database, or the database from a backup. Nothing was changed.'
      );
    case 'too-new':
      // Built in openDatabase from schema versions alone, with no path in it.
      return error.message;
    case 'unwritable':
      return (
        `Stepwise cannot write to its data folder, so it cannot open ${DATABASE_FILE_NAME}. Check that you may change the folder, ` +
        'or start Stepwise with --data-dir pointing to a writable folder. Nothing was changed.'
      );
    case 'foreign-database':
      return `${DATABASE_FILE_NAME} is a SQLite database from another program, not a Stepwise database. Stepwise left it unchanged; choose another data folder.`;
    case 'not-a-file':
      return (
        `The data folder is a file, or ${DATABASE_FILE_NAME} is a folder, so Stepwise cannot use it. ` +
        'Choose another data folder with --data-dir. Nothing was changed.'
      );
    case 'missing':
      return `${DATABASE_FILE_NAME} is missing from the data folder. Restore it from a backup; nothing was changed.`;
    case 'needs-migration':
      return `${DATABASE_FILE_NAME} was written by an earlier version and must be upgraded first: open it once in Stepwise. Nothing was changed.`;
    case 'upgrade-failed':
      return upgradeFailedSentence(error);
    case 'not-encrypted':
    case 'unexpected-plaintext':
      return (
        `${DATABASE_FILE_NAME} is not encrypted, but the key file ${KEYRING_FILE_NAME} beside it belongs to an encrypted database. ` +
        `Stepwise changed nothing. Put the encrypted ${DATABASE_FILE_NAME} back.`
      );
    case 'not-a-database':
      return notADatabaseSentence(error);
  }
}

/** The cause's code (SQLITE_CONSTRAINT_UNIQUE, SQLITE_FULL…) is the lead; the migration's step and message are in the log. */
function upgradeFailedSentence(error: DatabaseOpenError): string {
  const code = error.cause instanceof Error ? errorCode(error.cause.cause) : undefined;
  if (code === 'SQLITE_FULL') {
    return (
      `Stepwise could not upgrade ${DATABASE_FILE_NAME} for this version: the disk is full. The upgrade was undone, so the database ` +
      'is exactly as the earlier version left it and nothing was lost. Free some disk space and start Stepwise again.'
    );
  }
  return (
    `Stepwise could not upgrade ${DATABASE_FILE_NAME} for this version${code ? ` (${code})` : ''}. The upgrade was undone, so the ` +
    'database is exactly as the earlier version left it and nothing was lost. Start Stepwise again; if the upgrade fails again, go back to ' +
    'the earlier version to keep working and send the log file to whoever looks after your installation.'
  );
}

/** openDatabase uses this problem both for a file that is not a database and, with a cause, for an unforeseen failure. */
function notADatabaseSentence(error: DatabaseOpenError): string {
  if (error.cause === undefined) {
    return `${DATABASE_FILE_NAME} is not a Stepwise database, or it is damaged. Stepwise left it unchanged; restore it from a backup or choose another data folder.`;
  }
  const code = errorCode(error.cause);
  return `Stepwise could not open ${DATABASE_FILE_NAME}${code ? ` (${code})` : ''}. The details were written to the log file; nothing was changed.`;
}
