import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, MigrationFailedError, readSchemaVersion } from '../../../electron/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from '../../../electron/db/migrations';
import { STEPWISE_APPLICATION_ID } from '../../../electron/db/openDatabase';
import { makeTempDir } from '../../support/tempDir';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.cleanup());

function schemaOf(sqlite: Database.Database): string {
  const rows = sqlite
    .prepare("SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all() as { type: string; name: string; sql: string }[];
  return `${rows.map((row) => `-- ${row.type} ${row.name}\n${row.sql.replace(/\s+/g, ' ').trim()};`).join('\n')}\n`;
}

/** What `run` throws, or null when it does not. */
function failureOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return null;
}

describe('migrations', () => {
  it('are numbered 1..n without gaps, in order', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(MIGRATIONS.map((_migration, index) => index + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('applied from empty give the committed schema snapshot', async () => {
    const sqlite = new Database(path.join(temp.dir, 'snapshot.db'));
    try {
      const outcome = migrate(sqlite, STEPWISE_APPLICATION_ID);
      expect(outcome).toEqual({ from: 0, to: LATEST_SCHEMA_VERSION });
      await expect(schemaOf(sqlite)).toMatchFileSnapshot('../__snapshots__/schema.sql');
    } finally {
      sqlite.close();
    }
  });

  it('make every table STRICT', () => {
    const sqlite = new Database(':memory:');
    migrate(sqlite, STEPWISE_APPLICATION_ID);
    const tables = sqlite
      .prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as {
      name: string;
      strict: number;
    }[];
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) expect({ table: table.name, strict: table.strict }).toEqual({ table: table.name, strict: 1 });
    sqlite.close();
  });

  it('run in one transaction: a failing migration leaves the database at its old version with nothing applied', () => {
    const sqlite = new Database(':memory:');
    const broken: Migration[] = [
      ...MIGRATIONS,
      { version: LATEST_SCHEMA_VERSION + 1, name: 'adds a table', sql: 'CREATE TABLE extra (x INTEGER) STRICT;' },
      { version: LATEST_SCHEMA_VERSION + 2, name: 'fails', sql: 'CREATE TABLE cases (x INTEGER);' },
    ];
    const failure = failureOf(() => migrate(sqlite, STEPWISE_APPLICATION_ID, broken));
    // The error names the step that failed and the version the database stays at, with SQLite's own error as its cause.
    expect(failure).toBeInstanceOf(MigrationFailedError);
    expect((failure as MigrationFailedError).from).toBe(0);
    expect((failure as MigrationFailedError).failed).toMatchObject({ version: LATEST_SCHEMA_VERSION + 2, name: 'fails' });
    expect(String((failure as MigrationFailedError).cause)).toMatch(/table cases already exists/);
    expect(readSchemaVersion(sqlite)).toBe(0);
    expect(sqlite.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").pluck().get()).toBe(0);
    sqlite.close();
  });

  it('an upgrade that fails only at its COMMIT (a deferred foreign key) is rolled back and said as such', () => {
    const sqlite = new Database(':memory:');
    sqlite.pragma('foreign_keys = ON');
    const broken: Migration[] = [
      ...MIGRATIONS,
      {
        version: LATEST_SCHEMA_VERSION + 1,
        name: 'dangling reference',
        sql: `CREATE TABLE parent_x (id INTEGER PRIMARY KEY) STRICT;
          CREATE TABLE child_x (parent_id INTEGER REFERENCES parent_x (id) DEFERRABLE INITIALLY DEFERRED) STRICT;
          INSERT INTO child_x VALUES (42);`,
      },
    ];
    const failure = failureOf(() => migrate(sqlite, STEPWISE_APPLICATION_ID, broken));
    expect(failure).toBeInstanceOf(MigrationFailedError);
    expect((failure as MigrationFailedError).failed).toBe('commit');
    expect(String((failure as MigrationFailedError).cause)).toMatch(/FOREIGN KEY constraint failed/);
    expect(sqlite.inTransaction).toBe(false);
    expect(readSchemaVersion(sqlite)).toBe(0);
    expect(sqlite.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").pluck().get()).toBe(0);
    sqlite.close();
  });

  it('are idempotent: a second run applies nothing', () => {
    const sqlite = new Database(':memory:');
    migrate(sqlite, STEPWISE_APPLICATION_ID);
    expect(migrate(sqlite, STEPWISE_APPLICATION_ID)).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION });
    sqlite.close();
  });
});
