// The least SQLite must do to import the bench's new cases, on a raw connection with no app code in the way:
// `jiti scripts/bench/importFloor.ts [cases] [--plain]`. The import's bound is judged against a row-by-row insert
// loop (importJob.ts); this shows how much of the app's time is the schema's own work (docs/BENCHMARKS.md).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newRecordId } from '../../electron/core/recordIds';
import { openDatabase } from '../../electron/db/openDatabase';
import { importCases } from './importCases';

interface SchemaText {
  readonly name: string;
  readonly sql: string;
}

const ROWS_PER_STATEMENT = 100;
const CASE_ROW = "(?, ?, ?, ?, NULL, ?, ?, 'active', 0, ?, ?, NULL, NULL, NULL, NULL, NULL, NULL, NULL)";

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--plain' && !/^[1-9]\d*$/.test(arg));
if (unknown.length > 0 || args.filter((arg) => arg !== '--plain').length > 1) {
  console.error(`bench:import-floor takes a number of cases (a whole number, 100 or more) and --plain; not ${args.join(' ')}. Nothing was run.`);
  process.exit(2);
}
const cases = Number(args.find((arg) => arg !== '--plain') ?? 100_000);
if (cases < ROWS_PER_STATEMENT) {
  console.error(`bench:import-floor needs at least ${ROWS_PER_STATEMENT} cases; ${cases} was asked for. Nothing was run.`);
  process.exit(2);
}
const plain = args.includes('--plain');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stepwise-import-floor-'));
const database = openDatabase({ file: path.join(dir, 'floor.db'), ...(plain ? {} : { key: Buffer.alloc(32, 1) }) });
const sqlite = database.sqlite;
try {
  // The same page cache as the app's bulk load (electron/import/writeCases.ts), and its checkpoint left for later.
  sqlite.pragma('cache_size = -49152');
  sqlite.pragma('wal_autocheckpoint = 0');
  const rows = importCases({ seed: 2026, cases, today: '2026-11-29' });
  // The indexes and triggers the app's bulk load sets aside, read from the schema as it does.
  const indexes = sqlite
    .prepare(
      `SELECT s.name, s.sql FROM sqlite_schema AS s JOIN pragma_index_list('cases') AS l ON l.name = s.name
       WHERE s.type = 'index' AND s.sql IS NOT NULL AND l."unique" = 0 AND l.partial = 0 ORDER BY s.name`,
    )
    .all() as SchemaText[];
  const triggers = sqlite
    .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name IN ('cases_numbered', 'cases_flagged')")
    .all() as SchemaText[];
  const insert = sqlite.prepare(
    `INSERT INTO cases (id, mrn, full_name, date_of_birth, clinician_id, program, payer, status, synthetic, created_at, updated_at,
       level, level_since, recommended_level, latest_assessment_id, decision_status, planned_level, planned_on)
     VALUES ${Array.from({ length: ROWS_PER_STATEMENT }, () => CASE_ROW).join(', ')}`,
  );
  const parts: Record<string, number> = {};
  const started = performance.now();
  let lap = started;
  const part = (name: string): void => {
    const now = performance.now();
    parts[name] = Math.round(now - lap);
    lap = now;
  };
  sqlite.exec('BEGIN');
  for (const index of indexes) sqlite.exec(`DROP INDEX ${index.name}`);
  for (const trigger of triggers) sqlite.exec(`DROP TRIGGER ${trigger.name}`);
  const at = new Date().toISOString();
  for (let start = 0; start + ROWS_PER_STATEMENT <= rows.length; start += ROWS_PER_STATEMENT) {
    const values: (string | null)[] = [];
    for (const row of rows.slice(start, start + ROWS_PER_STATEMENT)) {
      values.push(newRecordId(), row.mrn, row.name, row.dateOfBirth, row.program, row.payer === '' ? null : row.payer, at, at);
    }
    insert.run(values);
  }
  part('insert (table, id and MRN indexes)');
  sqlite.exec("INSERT INTO case_numbers (case_id, active) SELECT id, status = 'active' FROM cases ORDER BY rowid");
  part('case numbers');
  sqlite.exec('INSERT INTO case_names (rowid, full_name) SELECT n.case_no, c.full_name FROM case_numbers AS n JOIN cases AS c ON c.id = n.case_id');
  part('name search index');
  for (const trigger of triggers) sqlite.exec(trigger.sql);
  for (const index of indexes) sqlite.exec(index.sql);
  part(`${indexes.length} caseload indexes built`);
  sqlite.exec('COMMIT');
  part('commit (log written, no checkpoint)');
  const totalMs = performance.now() - started;
  const inserted = rows.length - (rows.length % ROWS_PER_STATEMENT);
  console.log(
    JSON.stringify({
      name: 'import.floor',
      cases: inserted,
      encrypted: !plain,
      ms: Math.round(totalMs),
      rowsPerSecond: Math.round(inserted / (totalMs / 1000)),
      parts,
    }),
  );
} finally {
  database.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
