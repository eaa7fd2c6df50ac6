import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS, type Migration } from './migrations';

export interface MigrationOutcome {
  readonly from: number;
  readonly to: number;
}

export function readSchemaVersion(sqlite: BetterSqlite3.Database): number {
  return Number(sqlite.pragma('user_version', { simple: true }));
}

/** Applies every pending migration in one transaction: either all of them land or none. */
export function migrate(sqlite: BetterSqlite3.Database, applicationId: number, migrations: readonly Migration[] = MIGRATIONS): MigrationOutcome {
  const from = readSchemaVersion(sqlite);
  const pending = migrations.filter((migration) => migration.version > from);
  if (pending.length === 0) return { from, to: from };
  sqlite.transaction(() => {
    for (const migration of pending) {
      sqlite.exec(migration.sql);
      // PRAGMA values cannot be bound parameters; both are integers we control.
      sqlite.pragma(`user_version = ${Math.trunc(migration.version)}`);
    }
    sqlite.pragma(`application_id = ${Math.trunc(applicationId)}`);
  })();
  return { from, to: readSchemaVersion(sqlite) };
}
