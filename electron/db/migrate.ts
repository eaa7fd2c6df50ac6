import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS, type Migration } from './migrations';

export interface MigrationOutcome {
  readonly from: number;
  readonly to: number;
}

export function readSchemaVersion(sqlite: BetterSqlite3.Database): number {
  return Number(sqlite.pragma('user_version', { simple: true }));
}

/** A migration that failed; the transaction around them all was rolled back, so the schema is still `from`. */
export class MigrationFailedError extends Error {
  constructor(
    readonly from: number,
    readonly failed: Pick<Migration, 'version' | 'name'>,
    options: { cause: unknown },
  ) {
    super(`Migration ${failed.version} (${failed.name}) failed; the database stays at schema ${from}`, options);
    this.name = 'MigrationFailedError';
  }
}

/** Applies every pending migration in one transaction: either all of them land or none. */
export function migrate(sqlite: BetterSqlite3.Database, applicationId: number, migrations: readonly Migration[] = MIGRATIONS): MigrationOutcome {
  const from = readSchemaVersion(sqlite);
  const pending = migrations.filter((migration) => migration.version > from);
  if (pending.length === 0) return { from, to: from };
  let current: Migration | undefined;
  try {
    sqlite.transaction(() => {
      for (const migration of pending) {
        current = migration;
        sqlite.exec(migration.sql);
        // PRAGMA values cannot be bound parameters; both are integers we control.
        sqlite.pragma(`user_version = ${Math.trunc(migration.version)}`);
      }
      current = undefined;
      sqlite.pragma(`application_id = ${Math.trunc(applicationId)}`);
    })();
  } catch (error) {
    if (current === undefined) throw error;
    throw new MigrationFailedError(from, current, { cause: error });
  }
  return { from, to: readSchemaVersion(sqlite) };
}
