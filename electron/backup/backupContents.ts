import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { BACKUP_KINDS, type BackupKind } from '../../shared/contract/backups';
import { GENESIS_HASH } from '../audit/auditChain';
import { errorCode, isNotADatabaseError } from '../db/errors';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { databaseFileState, STEPWISE_APPLICATION_ID, unlockConnection } from '../db/openDatabase';
import { compareAppVersions } from './appVersion';

// Whole-file work on backup copies (counting every table, reading the one-row description, integrity_check) is
// hand-written SQL on a connection of its own, like the encryption of an older database: Kysely's typed tables do
// not reach sqlite_schema or pragmas, and the live database's query builder must never point at a backup.

/** Rows per table, every table of the database except the backup's own description. */
export type RowCounts = Readonly<Record<string, number>>;

/** What a backup says about itself: the row written into the copy before it was verified. */
export interface BackupDescription {
  readonly createdAt: string;
  readonly kind: BackupKind;
  readonly appVersion: string;
  readonly schemaVersion: number;
  readonly rowCounts: RowCounts;
  readonly madeBy: string | null;
}

/** The description, and what was read from the backup itself. */
export interface BackupContents extends BackupDescription {
  /** The length and last hash of the backup's audit log, which a restore links to the log it replaces. */
  readonly auditHead: { readonly count: number; readonly head: string };
}

export type BackupProblemCode = 'missing' | 'plaintext' | 'wrong-key' | 'foreign' | 'no-description' | 'damaged' | 'newer-schema' | 'newer-app';

/** Why a file cannot be used as a backup, in a sentence for the administrator; nothing was changed when it is thrown. */
export class BackupProblem extends Error {
  constructor(
    readonly code: BackupProblemCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackupProblem';
  }
}

const descriptionSchema = z.object({
  created_at: z.string().min(1),
  kind: z.enum(BACKUP_KINDS),
  app_version: z.string().min(1),
  schema_version: z.number().int(),
  row_counts: z.string(),
  made_by: z.string().nullable(),
});
const rowCountsSchema = z.record(z.string(), z.number().int().min(0));

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Counts every table's rows; call it in the same snapshot as the copy it describes. */
export function countRows(sqlite: Database.Database, schema = 'main'): RowCounts {
  const tables = sqlite
    .prepare("SELECT name FROM pragma_table_list WHERE schema = ? AND type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
    .pluck()
    .all(schema) as string[];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    if (table === 'backup_info') continue;
    counts[table] = Number(
      sqlite
        .prepare(`SELECT count(*) FROM ${quoteIdentifier(schema)}.${quoteIdentifier(table)}`)
        .pluck()
        .get(),
    );
  }
  return counts;
}

/** The tables whose counts differ between what was recorded and what is there. */
export function differingTables(expected: RowCounts, actual: RowCounts): string[] {
  return [...new Set([...Object.keys(expected), ...Object.keys(actual)])].filter((table) => expected[table] !== actual[table]).sort();
}

/** Opens a backup read-only with the key, after checking it is there and encrypted; nothing is written to it. */
function withBackup<T>(file: string, key: Buffer, use: (sqlite: Database.Database) => T): T {
  const name = path.basename(file);
  const state = databaseFileState(file);
  if (state === 'missing') throw new BackupProblem('missing', `The backup ${name} is not in the backups folder any more.`);
  if (state === 'empty') throw new BackupProblem('damaged', `The backup ${name} is empty: it was cut short and holds no records.`);
  if (state === 'plaintext') {
    throw new BackupProblem('plaintext', `${name} is not encrypted, so it is not a Stepwise backup: Stepwise only makes encrypted backups.`);
  }
  let sqlite: Database.Database | undefined;
  let opened = false;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
    unlockConnection(sqlite, key);
    const applicationId = Number(sqlite.pragma('application_id', { simple: true }));
    opened = true;
    if (applicationId !== STEPWISE_APPLICATION_ID) {
      throw new BackupProblem('foreign', `${name} is a database from another program, not a Stepwise backup.`);
    }
    return use(sqlite);
  } catch (error) {
    throw asBackupProblem(error, name, opened);
  } finally {
    sqlite?.close();
  }
}

/** Once the first page opened with the key, a page that fails to decrypt or authenticate is damage, not another key. */
function asBackupProblem(error: unknown, name: string, opened: boolean): unknown {
  if (error instanceof BackupProblem) return error;
  const code = errorCode(error) ?? '';
  if (code === 'SQLITE_NOTADB' && !opened) {
    return new BackupProblem(
      'wrong-key',
      `The backup ${name} cannot be opened with this installation's key: it comes from another Stepwise installation, or it is damaged.`,
    );
  }
  if (isNotADatabaseError(error) || code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_IOERR')) {
    return new BackupProblem('damaged', `The backup ${name} is damaged: part of it cannot be read. Use another backup.`);
  }
  return error;
}

function readDescription(sqlite: Database.Database, name: string): BackupContents {
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'backup_info'").get() !== undefined;
  const row: unknown = hasTable ? sqlite.prepare('SELECT * FROM backup_info WHERE id = 1').get() : undefined;
  const parsed = descriptionSchema.safeParse(row);
  const counts = parsed.success ? rowCountsSchema.safeParse(safeJson(parsed.data.row_counts)) : null;
  if (!parsed.success || !counts?.success) {
    throw new BackupProblem('no-description', `${name} does not say when or by which version it was made, so it is not a complete Stepwise backup.`);
  }
  const schemaVersion = Number(sqlite.pragma('user_version', { simple: true }));
  if (schemaVersion !== parsed.data.schema_version) {
    throw new BackupProblem('damaged', `The backup ${name} is damaged: its database version does not match its description.`);
  }
  return {
    createdAt: parsed.data.created_at,
    kind: parsed.data.kind,
    appVersion: parsed.data.app_version,
    schemaVersion,
    rowCounts: counts.data,
    madeBy: parsed.data.made_by,
    auditHead: readAuditHead(sqlite),
  };
}

function readAuditHead(sqlite: Database.Database): BackupContents['auditHead'] {
  const last = sqlite.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  return { count: last?.seq ?? 0, head: last?.hash ?? GENESIS_HASH };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Reads the description only (fast: one page or two), for the list; `verifyBackupFile` checks the whole file. */
export function readBackupDescription(file: string, key: Buffer): BackupContents {
  return withBackup(file, key, (sqlite) => readDescription(sqlite, path.basename(file)));
}

/** Why this version of Stepwise must not restore a backup (a newer version made it), or null when it may. */
export function restoreRefusal(contents: Pick<BackupContents, 'appVersion' | 'schemaVersion'>, appVersion: string): BackupProblem | null {
  if (contents.schemaVersion > LATEST_SCHEMA_VERSION) {
    return new BackupProblem(
      'newer-schema',
      `It was made by a newer version of Stepwise (database version ${contents.schemaVersion}; this version knows up to ` +
        `${LATEST_SCHEMA_VERSION}). Install Stepwise ${contents.appVersion.slice(0, 64)} or later to restore it.`,
    );
  }
  const order = compareAppVersions(contents.appVersion, appVersion);
  if (order === null) {
    return new BackupProblem('no-description', `It does not say which version of Stepwise made it ("${contents.appVersion.slice(0, 64)}").`);
  }
  if (order > 0) {
    return new BackupProblem(
      'newer-app',
      `It was made by Stepwise ${contents.appVersion}, newer than this version (${appVersion}). Install that version to restore it.`,
    );
  }
  return null;
}

/** A backup's check in steps, as the window shows it while an administrator waits for it: the second is the long one. */
export const CHECK_STEPS = ['Opening the backup with the key', 'Reading every page of the backup', 'Counting its records'] as const;

/** The number of a step in CHECK_STEPS, from 1 (the lengths a part of the list can have, but none). */
export type CheckStep = Exclude<Partial<typeof CHECK_STEPS>['length'], 0>;

/**
 * The whole check a backup passes before it gets its name and again before it is restored: it opens with the key, is a
 * Stepwise database with its description, SQLite's integrity_check says ok (which reads every page, so SQLCipher's
 * per-page authentication catches any changed byte), and every table holds as many rows as when it was made.
 * `onStep` is told as each of CHECK_STEPS begins.
 */
export function verifyBackupFile(file: string, key: Buffer, onStep?: (stepNumber: CheckStep) => void): BackupContents {
  const name = path.basename(file);
  onStep?.(1);
  return withBackup(file, key, (sqlite) => {
    const contents = readDescription(sqlite, name);
    onStep?.(2);
    const integrity = sqlite.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok') {
      throw new BackupProblem('damaged', `The backup ${name} is damaged: SQLite's integrity check found errors in it. Use another backup.`);
    }
    onStep?.(3);
    const differing = differingTables(contents.rowCounts, countRows(sqlite));
    if (differing.length > 0) {
      throw new BackupProblem(
        'damaged',
        `The backup ${name} is damaged: it does not hold as many records as when it was made (${differing.join(', ')}). Use another backup.`,
      );
    }
    return contents;
  });
}
