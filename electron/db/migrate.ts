import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS, type Migration } from './migrations';

export interface MigrationOutcome {
  readonly from: number;
  readonly to: number;
}

export function readSchemaVersion(sqlite: BetterSqlite3.Database): number {
  return Number(sqlite.pragma('user_version', { simple: true }));
}

/**
 * An upgrade that failed, at one migration or at the COMMIT of them all (where a full disk or a deferred foreign key
 * shows); the transaction around them all was rolled back, so the schema is still `from`.
 */
export class MigrationFailedError extends Error {
  readonly failed: Pick<Migration, 'version' | 'name'> | 'commit';

  constructor(
    readonly from: number,
    failed: Pick<Migration, 'version' | 'name'> | 'commit',
    options: { cause: unknown },
  ) {
    const what = failed === 'commit' ? 'Committing the migrations' : `Migration ${failed.version} (${failed.name})`;
    super(`${what} failed; the database stays at schema ${from}`, options);
    this.name = 'MigrationFailedError';
    this.failed = failed === 'commit' ? failed : { version: failed.version, name: failed.name };
  }
}

/** Applies every pending migration in one transaction: either all of them land or none. */
export function migrate(sqlite: BetterSqlite3.Database, applicationId: number, migrations: readonly Migration[] = MIGRATIONS): MigrationOutcome {
  const from = readSchemaVersion(sqlite);
  const pending = migrations.filter((migration) => migration.version > from);
  if (pending.length === 0) return { from, to: from };
  let current: Migration | 'commit' = 'commit';
  try {
    sqlite.transaction(() => {
      for (const migration of pending) {
        current = migration;
        sqlite.exec(migration.sql);
        // PRAGMA values cannot be bound parameters; both are integers we control.
        sqlite.pragma(`user_version = ${Math.trunc(migration.version)}`);
      }
      current = 'commit';
      sqlite.pragma(`application_id = ${Math.trunc(applicationId)}`);
    })();
  } catch (error) {
    throw new MigrationFailedError(from, current, { cause: error });
  }
  return { from, to: readSchemaVersion(sqlite) };
}
