import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/db/migrate';
import { MIGRATIONS } from '../../../electron/db/migrations';
import { STEPWISE_APPLICATION_ID } from '../../../electron/db/openDatabase';
import { writeReferenceCaseload, type WriteReferenceOptions } from '../../../electron/repositories/referenceCaseloadWriter';
import { insertOpenEpisodeRow } from '../../support/referenceDatabases';

const REFERENCE = { seed: 2026, cases: 300, today: '2026-11-29' };

/** What the derived-table triggers write, row for row, in an order that does not depend on how it was written. */
const DERIVED_ROWS: Readonly<Record<string, string>> = {
  case_numbers: 'SELECT case_no, case_id, active FROM case_numbers ORDER BY case_no',
  episode_spans: 'SELECT span_no, case_no, start_day, end_day, level, reason FROM episode_spans ORDER BY span_no',
  episode_span_keys: 'SELECT episode_id, span_no FROM episode_span_keys ORDER BY episode_id',
  assessment_rules_inputs: 'SELECT replay_key, assessment_id FROM assessment_rules_inputs ORDER BY assessment_id',
  case_flag_spans: 'SELECT case_id, flag, from_date, to_date FROM case_flag_spans ORDER BY case_id, flag, from_date',
  span_blocks: 'SELECT block_no, hex(spans) FROM span_blocks ORDER BY block_no',
};

const open: Database.Database[] = [];

function written(options: Partial<WriteReferenceOptions>, migrations = MIGRATIONS, load = true): Database.Database {
  const sqlite = new Database(':memory:');
  open.push(sqlite);
  sqlite.pragma('foreign_keys = ON');
  migrate(sqlite, STEPWISE_APPLICATION_ID, migrations);
  if (load) writeReferenceCaseload(sqlite, { ...REFERENCE, ...options });
  return sqlite;
}

const schemaOf = (sqlite: Database.Database) => sqlite.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name').all();

/** Every word of every name, whole and by its first one to three letters: what the caseload's search asks the index. */
function searchesOf(sqlite: Database.Database): string[] {
  const names = sqlite.prepare('SELECT full_name FROM cases').pluck().all() as string[];
  const words = new Set(
    names.flatMap((name) =>
      name
        .toLowerCase()
        .split(/[^\p{L}]+/u)
        .filter((word) => word !== ''),
    ),
  );
  return [...words].flatMap((word) => [`"${word}"`, ...[1, 2, 3].map((letters) => `"${word.slice(0, letters)}"*`)]);
}

function nameMatches(sqlite: Database.Database, searches: readonly string[]): Record<string, number[]> {
  const match = sqlite.prepare('SELECT rowid FROM case_names WHERE case_names MATCH ? ORDER BY rowid').pluck();
  return Object.fromEntries(searches.map((search) => [search, match.all(search) as number[]]));
}

let rowByRow: Database.Database;
let inBulk: Database.Database;

beforeAll(() => {
  rowByRow = written({ deriveRowByRow: true });
  inBulk = written({});
});
afterAll(() => {
  for (const sqlite of open) sqlite.close();
});

describe('the reference caseload written into an empty database with its derived rows made once at the end', () => {
  it('leaves every derived table exactly as the insert triggers leave it row by row', () => {
    for (const [table, query] of Object.entries(DERIVED_ROWS)) {
      const expected = rowByRow.prepare(query).all();
      expect(expected.length, `${table} has rows to compare`).toBeGreaterThan(0);
      expect(inBulk.prepare(query).all(), table).toEqual(expected);
    }
    for (const sqlite of [rowByRow, inBulk])
      expect(sqlite.prepare('SELECT count(*) FROM span_blocks_stale').pluck().get(), 'blocks left to pack').toBe(0);
  });

  it('finds the same cases for every name search', () => {
    const searches = searchesOf(rowByRow);
    expect(searches.length).toBeGreaterThan(100);
    expect(nameMatches(inBulk, searches)).toEqual(nameMatches(rowByRow, searches));
  });

  it('puts every trigger and index back as the migrations made them', () => {
    expect(schemaOf(inBulk)).toEqual(schemaOf(rowByRow));
    const triggers = inBulk.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'").pluck().all();
    expect(triggers).toEqual(
      expect.arrayContaining(['cases_numbered', 'episodes_spanned', 'assessment_rules_inputs_on_insert', 'attendance_flagged']),
    );
  });

  it('keeps the triggers working for the records written after the load', () => {
    for (const sqlite of [rowByRow, inBulk]) {
      const caseId = sqlite.prepare('SELECT id FROM cases ORDER BY rowid DESC LIMIT 1').pluck().get() as string;
      insertOpenEpisodeRow(sqlite, { id: 'after-load', caseId, level: 'outpatient', startDate: '2026-11-30' });
    }
    const spanOf = (sqlite: Database.Database) =>
      sqlite.prepare("SELECT s.* FROM episode_span_keys AS k JOIN episode_spans AS s USING (span_no) WHERE k.episode_id = 'after-load'").get();
    expect(spanOf(inBulk)).toBeDefined();
    expect(spanOf(inBulk)).toEqual(spanOf(rowByRow));
    // Written outside the app's transactions, the new span's block waits to be packed; the report reads it unpacked.
    const staleOf = (sqlite: Database.Database) => sqlite.prepare('SELECT block_no FROM span_blocks_stale').pluck().all();
    const spanNo = (spanOf(inBulk) as { span_no: number }).span_no;
    expect(staleOf(inBulk)).toEqual([spanNo >> 10]);
    expect(staleOf(rowByRow)).toEqual(staleOf(inBulk));
  });

  it('writes row by row into a database that already holds records, and where a migration has not made its triggers yet', () => {
    const before13 = MIGRATIONS.filter((migration) => migration.version < 13);
    const partial = written({}, before13);
    const partialRowByRow = written({ deriveRowByRow: true }, before13);
    // Before migration 16 the case numbers have no mark of the cases in care.
    const caseNumbersBefore16 = 'SELECT case_no, case_id FROM case_numbers ORDER BY case_no';
    for (const query of [caseNumbersBefore16, DERIVED_ROWS.episode_spans, DERIVED_ROWS.assessment_rules_inputs]) {
      expect(partial.prepare(query as string).all()).toEqual(partialRowByRow.prepare(query as string).all());
    }
    expect(schemaOf(partial)).toEqual(schemaOf(partialRowByRow));

    // A case already stored: the load keeps the triggers, which number the new cases after it.
    const withCase = [written({}, MIGRATIONS, false), written({}, MIGRATIONS, false)];
    for (const sqlite of withCase) {
      sqlite
        .prepare(
          `INSERT INTO cases (id, mrn, full_name, date_of_birth, status, synthetic, created_at, updated_at)
           VALUES ('stored-first', 'MRN-STORED', 'Stored First', '1980-01-01', 'active', 0, '2026-11-01T12:00:00.000Z', '2026-11-01T12:00:00.000Z')`,
        )
        .run();
    }
    const [stored, storedRowByRow] = withCase as [Database.Database, Database.Database];
    writeReferenceCaseload(stored, REFERENCE);
    writeReferenceCaseload(storedRowByRow, { ...REFERENCE, deriveRowByRow: true });
    for (const [table, query] of Object.entries(DERIVED_ROWS))
      expect(stored.prepare(query).all(), table).toEqual(storedRowByRow.prepare(query).all());
    expect(stored.prepare("SELECT case_no FROM case_numbers WHERE case_id = 'stored-first'").pluck().get()).toBe(1);
  });
});
