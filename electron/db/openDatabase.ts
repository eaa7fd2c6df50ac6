import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database, { type CipherConnection } from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import { DatabaseOpenError, errorCode, isNotADatabaseError, isUnwritableError } from './errors';
import { packStaleSpanBlocks } from '../repositories/spanBlocks';
import { toIsoDate } from '../../shared/domain/dates';
import { refreshStatistics, statisticsDue } from './plannerStatistics';
import { migrate, MigrationFailedError, readSchemaVersion } from './migrate';
import { withStatementCache } from './statementCache';
import { LATEST_SCHEMA_VERSION } from './migrations';
import type { StepwiseSchema } from './schema';

/** "STPW": marks a SQLite file as a Stepwise database so foreign files are never migrated. */
export const STEPWISE_APPLICATION_ID = 0x53545057;
export const DATABASE_FILE_NAME = 'stepwise.db';
const SQLITE_HEADER = 'SQLite format 3\u0000';

export interface StepwiseDatabase {
  readonly sqlite: Database.Database;
  readonly db: Kysely<StepwiseSchema>;
  readonly file: string;
  readonly schemaVersion: number;
  /** Schema version found on disk before this open (0 for a new database). */
  readonly migratedFrom: number;
  close(): void;
}

export interface OpenDatabaseOptions {
  readonly file: string;
  /**
   * The 256-bit data key of an encrypted database (SQLCipher format, used as a raw key so opening pays no
   * key derivation). Without it only a plaintext database from an earlier version can be opened.
   */
  readonly key?: Buffer;
  /** For tools that only read (the CLI): nothing is created, migrated or written. */
  readonly readonly?: boolean;
  /**
   * For a worker's own connection to the database the app has open (an import's): it must already be at this
   * version's schema, and nothing is created, migrated or analyzed on opening; its transactions write as the app's do.
   */
  readonly existingOnly?: boolean;
  /**
   * When the planner's statistics are gathered (plannerStatistics.ts): 'on-open' (the default, for tools and tests)
   * gathers every due one as it opens; 'background', for the app's own opens on the main process's event loop, only
   * quick ones, leaving slow ones (seconds after a large load) to a job on a worker thread once signed in
   * (electron/jobs/backgroundStatistics.ts); 'none' writes nothing, for a backup being restored, whose rows are compared
   * with the backup's first (it is opened again as the app's database afterwards), and for a new version's migrations
   * on a worker thread before sign-in, whose statistics the background job gathers once signed in.
   */
  readonly statistics?: 'on-open' | 'background' | 'none';
}

export type DatabaseFileState = 'missing' | 'empty' | 'plaintext' | 'encrypted';

/** What is on disk, judged from the header alone: a plaintext SQLite file starts with its magic string. */
export function databaseFileState(file: string): DatabaseFileState {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return 'missing';
  if (stat.size === 0) return 'empty';
  return readHeader(file) === SQLITE_HEADER ? 'plaintext' : 'encrypted';
}

const DATA_KEY_BYTES = 32;
const RAW_KEY_PREFIX = Buffer.from('raw:', 'latin1');

/** The one place that names the cipher: SQLCipher 4 format, as every Stepwise database since encryption uses. */
function selectCipher(sqlite: Database.Database): void {
  sqlite.pragma(`cipher = 'sqlcipher'`);
  sqlite.pragma('legacy = 4');
}

/**
 * Hands the key to SQLite as "raw:" plus its 32 bytes, which SQLite3MultipleCiphers uses as the key itself (no
 * derivation, the same key as the x'…' hex form), so no hex string of the key is ever built; the buffer is zeroed.
 */
function withRawKey(key: Buffer, use: (material: Buffer) => void): void {
  if (key.length !== DATA_KEY_BYTES) throw new Error(`A data key has ${DATA_KEY_BYTES} bytes; this one has ${key.length}`);
  const material = Buffer.alloc(RAW_KEY_PREFIX.length + key.length);
  try {
    RAW_KEY_PREFIX.copy(material);
    key.copy(material, RAW_KEY_PREFIX.length);
    use(material);
  } finally {
    material.fill(0);
  }
}

/** Sorts, indexes and temporary tables stay in memory: a temporary file would hold decrypted rows in the clear. */
function keepTemporaryDataInMemory(sqlite: Database.Database): void {
  sqlite.pragma('temp_store = MEMORY');
}

/** Must run before any other statement on the connection: the cipher, the raw key and in-memory temporary data. */
export function unlockConnection(sqlite: Database.Database, key: Buffer): void {
  selectCipher(sqlite);
  withRawKey(key, (material) => (sqlite as CipherConnection).key(material));
  keepTemporaryDataInMemory(sqlite);
}

/** Encrypts the plaintext database behind this connection with the key, rewriting every page in place. */
export function encryptConnection(sqlite: Database.Database, key: Buffer): void {
  keepTemporaryDataInMemory(sqlite);
  selectCipher(sqlite);
  withRawKey(key, (material) => (sqlite as CipherConnection).rekey(material));
}

function gatherStatistics(sqlite: Database.Database, when: NonNullable<OpenDatabaseOptions['statistics']>): void {
  if (when === 'none') return;
  const today = toIsoDate(new Date());
  if (when === 'on-open' || statisticsDue(sqlite, today) === 'quick') refreshStatistics(sqlite, today);
}

/**
 * The single entry point to a Stepwise database: checks the file is ours and not from a newer
 * version before anything is written, sets pragmas and applies pending migrations.
 */
export function openDatabase(options: OpenDatabaseOptions): StepwiseDatabase {
  const file = path.resolve(options.file);
  inspectExistingFile(file, options.key);
  if (options.readonly || options.existingOnly) return openExisting(file, options.key, options.readonly === true);
  ensureWritableFolder(file);
  createOwnerOnly(file);
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file);
    if (options.key) unlockConnection(sqlite, options.key);
    applyPragmas(sqlite);
    const outcome = migrate(sqlite, STEPWISE_APPLICATION_ID);
    const connection = sqlite;
    // Spans changed outside the app's write transactions (a migration, a bulk load) are packed now, once.
    connection.transaction(() => packStaleSpanBlocks(connection))();
    gatherStatistics(connection, options.statistics ?? 'on-open');
    const db = new Kysely<StepwiseSchema>({ dialect: new SqliteDialect({ database: withStatementCache(connection) }) });
    return {
      sqlite: connection,
      db,
      file,
      schemaVersion: outcome.to,
      migratedFrom: outcome.from,
      close: () => {
        if (connection.open) connection.close();
      },
    };
  } catch (error) {
    sqlite?.close();
    throw translateOpenError(error, file, options.key);
  }
}

function openExisting(file: string, key: Buffer | undefined, readonly: boolean): StepwiseDatabase {
  if (!fs.existsSync(file)) {
    throw new DatabaseOpenError('missing', file, `There is no Stepwise database at ${file}. Check the data folder.`);
  }
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { readonly, fileMustExist: true });
    if (key) unlockConnection(sqlite, key);
    sqlite.pragma('busy_timeout = 5000');
    const version = readSchemaVersion(sqlite);
    if (version !== LATEST_SCHEMA_VERSION) {
      throw new DatabaseOpenError(
        'needs-migration',
        file,
        `The database at ${file} is at schema ${version} and needs upgrading to ${LATEST_SCHEMA_VERSION}; open it once in Stepwise first. Nothing was changed.`,
      );
    }
    // Only a database at this version's schema gets the app's settings (WAL among them, which rewrites the header).
    if (readonly) applyCacheSize(sqlite);
    else applyPragmas(sqlite);
    const connection = sqlite;
    return {
      sqlite: connection,
      db: new Kysely<StepwiseSchema>({ dialect: new SqliteDialect({ database: withStatementCache(connection) }) }),
      file,
      schemaVersion: version,
      migratedFrom: version,
      close: () => {
        if (connection.open) connection.close();
      },
    };
  } catch (error) {
    sqlite?.close();
    throw translateOpenError(error, file, key);
  }
}

function applyPragmas(sqlite: Database.Database): void {
  const mode = String(sqlite.pragma('journal_mode = WAL', { simple: true }));
  if (mode.toLowerCase() !== 'wal') throw new Error(`Could not switch the database to WAL mode (got ${mode})`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Clinical records: a committed change must survive a power cut, not only a crash.
  sqlite.pragma('synchronous = FULL');
  applyCacheSize(sqlite);
}

/**
 * 64 MB of page cache instead of SQLite's default 16 MB: at 100,000 cases the caseload's table and indexes are about
 * 90 MB, and every page read again from disk is decrypted again (docs/BENCHMARKS.md measured caseload and search
 * about ten times faster, for about 60 MB more memory).
 */
function applyCacheSize(sqlite: Database.Database): void {
  sqlite.pragma('cache_size = -65536');
}

/**
 * Whether opening this database would migrate it: it holds records at an older schema than this version's. Reads the
 * header page only; any problem (no file, the wrong key, not a database) answers false, left for openDatabase to
 * explain in words.
 */
export function needsMigration(file: string, key: Buffer | undefined): boolean {
  let probe: Database.Database | undefined;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true });
    if (key) unlockConnection(probe, key);
    const version = readSchemaVersion(probe);
    return version > 0 && version < LATEST_SCHEMA_VERSION;
  } catch {
    return false;
  } finally {
    probe?.close();
  }
}

/** Refuses, without writing anything, a file that is not a Stepwise database we can open. */
function inspectExistingFile(file: string, key: Buffer | undefined): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    // ENOTDIR: the data folder is a file; ensureWritableFolder explains that.
    if (hasCode(error, 'ENOENT') || hasCode(error, 'ENOTDIR')) return;
    throw translateOpenError(error, file);
  }
  if (!stat.isFile()) {
    throw new DatabaseOpenError('not-a-file', file, `${file} is not a file, so Stepwise cannot use it as its database. Nothing was changed.`);
  }
  if (stat.size === 0) return;
  const plaintext = readHeader(file) === SQLITE_HEADER;
  if (!plaintext && !key) throw notADatabase(file);
  if (plaintext && key) {
    throw new DatabaseOpenError('not-encrypted', file, `${file} is not encrypted yet; Stepwise encrypts it when an administrator signs in.`);
  }

  let probe: Database.Database | undefined;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true });
    if (key) unlockConnection(probe, key);
    const applicationId = Number(probe.pragma('application_id', { simple: true }));
    const version = readSchemaVersion(probe);
    const tableCount = Number(probe.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").pluck().get());
    if (applicationId !== STEPWISE_APPLICATION_ID && (applicationId !== 0 || tableCount > 0)) {
      throw new DatabaseOpenError(
        'foreign-database',
        file,
        `${file} is a SQLite database from another program, not a Stepwise database. Stepwise left it unchanged; choose another data folder.`,
      );
    }
    if (version > LATEST_SCHEMA_VERSION) {
      throw new DatabaseOpenError(
        'too-new',
        file,
        `This database was written by a newer version of Stepwise (schema ${version}; this version knows up to ${LATEST_SCHEMA_VERSION}). ` +
          'Install the newer version to open it. The database was left unchanged.',
      );
    }
  } catch (error) {
    throw translateOpenError(error, file, key);
  } finally {
    probe?.close();
  }
}

function readHeader(file: string): string {
  const handle = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(SQLITE_HEADER.length);
    const read = fs.readSync(handle, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).toString('latin1');
  } finally {
    fs.closeSync(handle);
  }
}

/**
 * A new database file is created readable by its owner only (where the OS has such permissions); SQLite gives its
 * WAL and shared-memory files the same permissions. An existing file is left as it is.
 */
function createOwnerOnly(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  } catch (error) {
    if (!hasCode(error, 'EEXIST')) throw translateOpenError(error, file);
  }
}

/** Refuses, with a sentence, a data folder Stepwise cannot write to (or a file standing where it should be); creates a missing one. */
export function ensureWritableFolder(file: string): void {
  const folder = path.dirname(file);
  try {
    const stat = fs.statSync(folder, { throwIfNoEntry: false });
    if (stat && !stat.isDirectory()) {
      throw new DatabaseOpenError(
        'not-a-file',
        folder,
        `The data folder ${folder} is a file, not a folder. Choose a folder with --data-dir. Nothing was changed.`,
      );
    }
    if (!stat) fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    fs.accessSync(folder, fs.constants.R_OK | fs.constants.W_OK);
    // accessSync judges by the mode bits; Windows ACLs and some network shares refuse writes it allows. The name is
    // unique, since a worker thread of the same process may be checking the same folder at the same moment.
    const probe = path.join(folder, `.stepwise-write-check-${process.pid}-${randomBytes(6).toString('hex')}`);
    fs.closeSync(fs.openSync(probe, 'wx', 0o600));
    fs.unlinkSync(probe);
  } catch (error) {
    throw translateOpenError(error, file);
  }
}

function notADatabase(file: string): DatabaseOpenError {
  return new DatabaseOpenError(
    'not-a-database',
    file,
    `${file} is not a Stepwise database, or it is damaged. Stepwise left it unchanged; restore it from a backup or choose another data folder.`,
  );
}

function translateOpenError(error: unknown, file: string, key?: Buffer): DatabaseOpenError {
  if (error instanceof DatabaseOpenError) return error;
  if (error instanceof MigrationFailedError) return upgradeFailure(error, file, key);
  if (isNotADatabaseError(error) && key) {
    return new DatabaseOpenError(
      'wrong-key',
      file,
      `The key does not open ${file}: it belongs to another database, or the file is damaged. Nothing was changed.`,
    );
  }
  if (isNotADatabaseError(error)) return notADatabase(file);
  if (isUnwritableError(error) || hasCode(error, 'ENOTDIR')) {
    const folder = path.dirname(file);
    return new DatabaseOpenError(
      'unwritable',
      file,
      `Stepwise cannot write to its data folder ${folder}. Check that the folder exists and that you may change it, ` +
        'or start Stepwise with --data-dir pointing to a writable folder. Nothing was changed.',
      { cause: error },
    );
  }
  return new DatabaseOpenError('not-a-database', file, `Stepwise could not open ${file}: ${describe(error)}. Nothing was changed.`, {
    cause: error,
  });
}

/**
 * An upgrade that failed was rolled back with its transaction: the file is as the earlier version left it. A full or
 * read-only disk, or a damaged file, is told as such; anything else as the upgrade that failed, with its step.
 */
function upgradeFailure(error: MigrationFailedError, file: string, key?: Buffer): DatabaseOpenError {
  if (isUnwritableError(error.cause)) return translateOpenError(error.cause, file, key);
  const stage = error.failed === 'commit' ? 'committing it' : `step ${error.failed.version} (${error.failed.name})`;
  // The key opened the file a moment before (inspectExistingFile), so a damaged page met while upgrading is damage.
  if (isNotADatabaseError(error.cause)) {
    return new DatabaseOpenError(
      'not-a-database',
      file,
      `${file} is damaged: upgrading it from schema ${error.from} stopped at ${stage} with ${describe(error.cause)}. ` +
        'The upgrade was undone; restore the database from a backup.',
    );
  }
  return new DatabaseOpenError(
    'upgrade-failed',
    file,
    `Stepwise could not upgrade ${file} from schema ${error.from} to ${LATEST_SCHEMA_VERSION}: ${stage} failed with ` +
      `${describe(error.cause)}. The upgrade was undone; nothing was changed.`,
    { cause: error },
  );
}

function hasCode(error: unknown, code: string): boolean {
  return errorCode(error) === code;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
