import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type StepwiseDatabase } from '../../../electron/db/openDatabase';
import type { StepwiseSchema } from '../../../electron/db/schema';
import type { CaseToCreate } from '../../../electron/import/casesToCreate';
import { rebuildsCaseIndexes, writeNewCases } from '../../../electron/import/writeCases';
import { argon2idHasher } from '../../../electron/security/passwords';
import { fixedClock, type ServiceContext } from '../../../electron/services/context';
import { generateSyntheticCaseload } from '../../../shared/synthetic/caseload';
import { makeTempDir } from '../../support/tempDir';
import { sequentialIds, TEST_NOW } from '../../support/testCore';

type Db = Kysely<StepwiseSchema>;

const NAMES_WITH_MARKS = ['José Núñez', "Zoë O'Brien-Smith", 'Ana "Nan" Ruiz', 'Łucja Wójcik'];

/** New cases as a file would give them: synthetic people, some with accented names, every fourth without a payer. */
function casesToCreate(count: number, prefix: string): CaseToCreate[] {
  return generateSyntheticCaseload({ seed: 11, count, today: '2026-11-29' }).map((item, index) => ({
    row: {
      mrn: `${prefix}-${String(index + 1).padStart(5, '0')}`,
      fullName: index % 97 === 0 ? (NAMES_WITH_MARKS[index % NAMES_WITH_MARKS.length] ?? item.fullName) : item.fullName,
      dateOfBirth: item.dateOfBirth,
      clinicianUsername: null,
      program: item.program,
      payer: index % 4 === 3 ? null : `Payer ${index % 3}`,
      status: index % 10 === 0 ? 'discharged' : null,
    },
    clinicianId: null,
  }));
}

/** Everything a load of cases may touch, read in a fixed order: rows, case numbers, every word of every name, the schema and the planner's statistics. */
async function snapshot(db: Db): Promise<Record<string, unknown>> {
  await sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.case_name_words USING fts5vocab(main, case_names, instance)`.execute(db);
  const rows = async (query: ReturnType<typeof sql>) => (await query.execute(db)).rows;
  return {
    cases: await rows(sql`SELECT * FROM cases ORDER BY id`),
    caseNumbers: await rows(sql`SELECT case_no, case_id, active FROM case_numbers ORDER BY case_no`),
    words: await rows(sql`SELECT term, doc, col, "offset" FROM temp.case_name_words ORDER BY term, doc, "offset"`),
    found: await rows(sql`SELECT rowid FROM case_names WHERE case_names MATCH 'jose OR nunez OR ma* OR wojcik' ORDER BY rowid`),
    schema: await rows(sql`SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name`),
    stat1: await rows(sql`SELECT tbl, idx, stat FROM sqlite_stat1 ORDER BY tbl, idx`),
    stat4: await rows(sql`SELECT tbl, idx, neq, nlt, ndlt, hex(sample) AS sample FROM sqlite_stat4 ORDER BY tbl, idx, nlt`),
    // The load sets a page cache of its own while it runs; the connection's own setting comes back.
    pageCache: await rows(sql`PRAGMA cache_size`),
    plan: await rows(
      sql`EXPLAIN QUERY PLAN SELECT id FROM cases WHERE status = 'active' AND level IS NULL ORDER BY full_name COLLATE NOCASE, id LIMIT 100`,
    ),
  };
}

async function integrity(database: StepwiseDatabase): Promise<unknown> {
  await sql`INSERT INTO case_names (case_names) VALUES ('integrity-check')`.execute(database.db);
  return database.sqlite.pragma('integrity_check', { simple: true });
}

let temp: ReturnType<typeof makeTempDir>;
let databases: StepwiseDatabase[];

function open(name: string): StepwiseDatabase {
  const database = openDatabase({ file: path.join(temp.dir, name), key: Buffer.alloc(32, 7) });
  databases.push(database);
  return database;
}

/** A service context on `db` whose ids count from 1, so two databases loaded the same way get the same ids. */
function contextOn(db: Db, newId: () => string): ServiceContext {
  return { db, clock: fixedClock(TEST_NOW), newId, passwords: argon2idHasher, actor: null };
}

const noSteps = async (): Promise<void> => undefined;

/** 398 stored cases (two of 400 removed), analyzed so the indexes have statistics, as a clinic's database has after a restart. */
async function storedCaseload(database: StepwiseDatabase, newId: () => string): Promise<void> {
  await database.db
    .transaction()
    .execute((trx) =>
      writeNewCases(contextOn(trx, newId), casesToCreate(400, 'OLD'), { now: TEST_NOW.toISOString(), rebuildIndexes: false, step: noSteps }),
    );
  // The newest case removed, so the highest case number is no longer the count of cases.
  database.sqlite.exec(`DELETE FROM cases WHERE mrn IN ('OLD-00400', 'OLD-00200')`);
  database.sqlite.exec('ANALYZE');
}

beforeEach(() => {
  temp = makeTempDir('stepwise-index-rebuild-');
  databases = [];
});
afterEach(() => {
  for (const database of databases) database.close();
  temp.cleanup();
});

describe('a large load of cases with the indexes built again', () => {
  it('leaves rows, case numbers, names, schema and statistics exactly as row-by-row inserts do', { timeout: 60_000 }, async () => {
    const rebuilt = open('rebuilt.db');
    const rowByRow = open('row-by-row.db');
    const rebuiltIds = sequentialIds();
    const rowByRowIds = sequentialIds();
    await storedCaseload(rebuilt, rebuiltIds);
    await storedCaseload(rowByRow, rowByRowIds);
    const before = await snapshot(rebuilt.db);
    const indexes = (before.schema as { type: string; tbl_name: string }[]).filter((entry) => entry.type === 'index' && entry.tbl_name === 'cases');
    expect(indexes.length).toBeGreaterThan(10);

    const file = casesToCreate(5_000, 'NEW');
    const now = TEST_NOW.toISOString();
    let rebuiltSteps = 0;
    await rebuilt.db.transaction().execute(async (trx) => {
      await writeNewCases(contextOn(trx, rebuiltIds), file, {
        now,
        rebuildIndexes: true,
        step: async () => {
          rebuiltSteps += 1;
        },
      });
      const during = await sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'cases'`.execute(trx);
      expect(during.rows[0]?.n).toBe(indexes.length);
      // The insert triggers on cases (numbering, and the flag spans of a case created at IOP) are back before the commit.
      const triggers = await sql<{
        n: number;
      }>`SELECT count(*) AS n FROM sqlite_schema WHERE type = 'trigger' AND name IN ('cases_numbered', 'cases_flagged')`.execute(trx);
      expect(triggers.rows[0]?.n).toBe(2);
    });
    await rowByRow.db.transaction().execute((trx) => writeNewCases(contextOn(trx, rowByRowIds), file, { now, rebuildIndexes: false, step: noSteps }));

    const after = await snapshot(rebuilt.db);
    const expected = await snapshot(rowByRow.db);
    for (const part of Object.keys(expected)) expect(after[part], part).toEqual(expected[part]);
    expect(after.schema).toEqual(before.schema);
    expect(after.stat1).toEqual(before.stat1);
    expect(after.stat4).toEqual(before.stat4);
    expect((after.cases as unknown[]).length).toBe(5_398);
    expect(after.found).not.toEqual([]);
    // One step per batch of rows and one per index built again (neither unique nor partial: those stay in place), so
    // progress and Cancel get through during the rebuild.
    const builtAgain = await sql<{ n: number }>`SELECT count(*) AS n FROM pragma_index_list('cases') WHERE "unique" = 0 AND partial = 0`.execute(
      rebuilt.db,
    );
    expect(builtAgain.rows[0]?.n).toBeGreaterThan(5);
    expect(rebuiltSteps).toBeGreaterThan(builtAgain.rows[0]?.n ?? Infinity);
    expect(await integrity(rebuilt)).toBe('ok');
    expect(await integrity(rowByRow)).toBe('ok');
  });

  it('rolls back with the transaction: a load cancelled after the indexes were dropped leaves the database as it was', async () => {
    const database = open('cancelled.db');
    const newId = sequentialIds();
    await storedCaseload(database, newId);
    const before = await snapshot(database.db);
    let batches = 0;
    const cancelled = database.db.transaction().execute((trx) =>
      writeNewCases(contextOn(trx, newId), casesToCreate(6_000, 'NEW'), {
        now: TEST_NOW.toISOString(),
        rebuildIndexes: true,
        step: async (written) => {
          if (written > 0) batches += 1;
          if (batches === 2) throw new Error('cancelled');
        },
      }),
    );
    await expect(cancelled).rejects.toThrow('cancelled');
    const after = await snapshot(database.db);
    for (const part of Object.keys(before)) expect(after[part], part).toEqual(before[part]);
    expect(await integrity(database)).toBe('ok');
  });

  it('is chosen once the file adds at least an eighth of the stored cases, and at least 1,000', () => {
    expect(rebuildsCaseIndexes(0, 100_000)).toBe(true);
    expect(rebuildsCaseIndexes(3, 1_000)).toBe(true);
    expect(rebuildsCaseIndexes(0, 999)).toBe(false);
    expect(rebuildsCaseIndexes(100_000, 12_500)).toBe(true);
    expect(rebuildsCaseIndexes(100_000, 12_499)).toBe(false);
    expect(rebuildsCaseIndexes(1_000_000, 20_000)).toBe(false);
  });
});
