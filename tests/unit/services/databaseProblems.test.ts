import { describe, expect, it } from 'vitest';
import { DatabaseOpenError, type DatabaseOpenProblem } from '../../../electron/db/errors';
import { MigrationFailedError } from '../../../electron/db/migrate';
import { databaseOpenFailure } from '../../../electron/services/databaseProblems';

const FILE = '/home/someone/Private Folder/stepwise.db';
const MESSAGE = `Something about ${FILE} that the screen must not show.`;

/** Every problem openDatabase can report, with what its sentence must say. */
const EXPECTED = {
  'not-a-database': /^stepwise\.db is not a Stepwise database, or it is damaged/,
  'foreign-database': /^stepwise\.db is a SQLite database from another program/,
  'too-new': /newer version of Stepwise/,
  unwritable: /^Stepwise cannot write to its data folder, so it cannot open stepwise\.db/,
  'not-a-file': /^The data folder is a file, or stepwise\.db is a folder/,
  missing: /^stepwise\.db is missing from the data folder/,
  'needs-migration': /must be upgraded first/,
  'upgrade-failed':
    /^Stepwise could not upgrade stepwise\.db for this version\. The upgrade was undone, so the database is exactly as the earlier version left it/,
  'not-encrypted': /^stepwise\.db is not encrypted, but the key file stepwise\.keys\.json/,
  'unexpected-plaintext': /^stepwise\.db is not encrypted, but the key file stepwise\.keys\.json/,
  'wrong-key': /^The key file stepwise\.keys\.json belongs to another Stepwise database/,
} satisfies Record<DatabaseOpenProblem, RegExp>;

describe('a database Stepwise cannot open, told to the sign-in screen', () => {
  it.each(Object.entries(EXPECTED) as [DatabaseOpenProblem, RegExp][])('%s: in its own words, without the path', (problem, sentence) => {
    // openDatabase writes the newer-version message from schema versions alone; it is passed on as written.
    const message = problem === 'too-new' ? 'This database was written by a newer version of Stepwise (schema 99).' : MESSAGE;
    const original = new DatabaseOpenError(problem, FILE, message);
    const failure = databaseOpenFailure(original);
    expect(failure.code).toBe('unavailable');
    expect(failure.message).toMatch(sentence);
    expect(failure.message).not.toContain('Private Folder');
    expect(failure.cause).toBe(original);
  });

  it('names the code of an unforeseen failure and points to the log', () => {
    const cause = Object.assign(new Error(`disk I/O error at ${FILE}`), { code: 'SQLITE_IOERR' });
    const failure = databaseOpenFailure(new DatabaseOpenError('not-a-database', FILE, `Stepwise could not open ${FILE}`, { cause }));
    expect(failure.message).toBe(
      'Stepwise could not open stepwise.db (SQLITE_IOERR). The details were written to the log file; nothing was changed.',
    );
  });

  it('tells an upgrade that failed by the code SQLite gave, and a full disk as such', () => {
    const failed = (code: string) => {
      const sqliteError = Object.assign(new Error(`failed at ${FILE}`), { code });
      const migrationError = new MigrationFailedError(12, { version: 13, name: 'case flag spans' }, { cause: sqliteError });
      return databaseOpenFailure(new DatabaseOpenError('upgrade-failed', FILE, `Stepwise could not upgrade ${FILE}`, { cause: migrationError }))
        .message;
    };
    expect(failed('SQLITE_CONSTRAINT_UNIQUE')).toBe(
      'Stepwise could not upgrade stepwise.db for this version (SQLITE_CONSTRAINT_UNIQUE). The upgrade was undone, so the database is ' +
        'exactly as the earlier version left it and nothing was lost. Start Stepwise again; if the upgrade fails again, go back to the ' +
        'earlier version to keep working and send the log file to whoever looks after your installation.',
    );
    expect(failed('SQLITE_FULL')).toMatch(/the disk is full\..*nothing was lost\. Free some disk space and start Stepwise again\.$/);
  });
});
