import { sql, type Kysely } from 'kysely';
import type { StepwiseSchema } from '../db/schema';

type Db = Kysely<StepwiseSchema>;

export interface IndexDefinition {
  readonly name: string;
  readonly sql: string;
}

interface Stat1Row {
  readonly tbl: string;
  readonly idx: string | null;
  readonly stat: string;
}

interface Stat4Row {
  readonly tbl: string;
  readonly idx: string | null;
  readonly neq: string;
  readonly nlt: string;
  readonly ndlt: string;
  readonly sample: Uint8Array;
}

/** Indexes dropped for a bulk load, with the planner's statistics that DROP INDEX deletes along with them. */
export interface SetAsideIndexes {
  readonly indexes: readonly IndexDefinition[];
  readonly stat1: readonly Stat1Row[];
  readonly stat4: readonly Stat4Row[];
}

// Hand-written SQL throughout: schema statements and SQLite's own tables, which Kysely's typed tables do not describe.

/**
 * The secondary indexes of `cases` a bulk load may drop and build again, read from the schema (never listed by name):
 * every index with its own CREATE text, except unique ones, which keep refusing a duplicate as each row goes in, and
 * partial ones: a row outside their WHERE costs them nothing, while building one again reads the whole table.
 */
async function rebuildableCaseIndexes(db: Db): Promise<IndexDefinition[]> {
  const result = await sql<IndexDefinition>`
    SELECT s.name, s.sql FROM sqlite_schema AS s JOIN pragma_index_list('cases') AS l ON l.name = s.name
    WHERE s.type = 'index' AND s.tbl_name = 'cases' AND s.sql IS NOT NULL AND l."unique" = 0 AND l.partial = 0
    ORDER BY s.name`.execute(db);
  return result.rows;
}

async function statisticsTables(db: Db): Promise<Set<string>> {
  const result = await sql<{
    name: string;
  }>`SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN ('sqlite_stat1', 'sqlite_stat4')`.execute(db);
  return new Set(result.rows.map((row) => row.name));
}

/**
 * Drops the secondary indexes of `cases`, keeping their definitions and statistics, in the caller's transaction:
 * building an index once from sorted keys is several times faster than growing it by many inserts at random places,
 * and if the transaction rolls back the indexes come back with it (schema changes are transactional in SQLite).
 */
export async function setAsideCaseIndexes(db: Db): Promise<SetAsideIndexes> {
  const indexes = await rebuildableCaseIndexes(db);
  const names = JSON.stringify(indexes.map((index) => index.name));
  const tables = await statisticsTables(db);
  const stat1 = tables.has('sqlite_stat1')
    ? (await sql<Stat1Row>`SELECT tbl, idx, stat FROM sqlite_stat1 WHERE idx IN (SELECT value FROM json_each(${names})) ORDER BY rowid`.execute(db))
        .rows
    : [];
  const stat4 = tables.has('sqlite_stat4')
    ? (
        await sql<Stat4Row>`SELECT tbl, idx, neq, nlt, ndlt, sample FROM sqlite_stat4 WHERE idx IN (SELECT value FROM json_each(${names})) ORDER BY rowid`.execute(
          db,
        )
      ).rows
    : [];
  for (const index of indexes) await sql`DROP INDEX ${sql.id(index.name)}`.execute(db);
  return { indexes, stat1, stat4 };
}

/** Builds one set-aside index again from its own CREATE text, so the schema ends exactly as it was. */
export async function rebuildIndex(db: Db, index: IndexDefinition): Promise<void> {
  await sql.raw(index.sql).execute(db);
}

/**
 * Puts back the statistics DROP INDEX deleted, as a row-by-row load would have left them, and has the planner read
 * them again (`ANALYZE sqlite_schema` reloads the statistics tables without analyzing anything).
 */
export async function restoreIndexStatistics(db: Db, setAside: SetAsideIndexes): Promise<void> {
  for (const row of setAside.stat1) await sql`INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (${row.tbl}, ${row.idx}, ${row.stat})`.execute(db);
  for (const row of setAside.stat4) {
    await sql`INSERT INTO sqlite_stat4 (tbl, idx, neq, nlt, ndlt, sample) VALUES (${row.tbl}, ${row.idx}, ${row.neq}, ${row.nlt}, ${row.ndlt}, ${row.sample})`.execute(
      db,
    );
  }
  if (setAside.stat1.length + setAside.stat4.length > 0) await sql`ANALYZE sqlite_schema`.execute(db);
}
