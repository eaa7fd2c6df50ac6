import { sql, type Kysely } from 'kysely';
import type { StepwiseSchema } from '../db/schema';

type Db = Kysely<StepwiseSchema>;

/** The trigger of migration 9 that numbers each new case and adds the words of its name to the search index. */
const NUMBERING_TRIGGER = 'cases_numbered';

/**
 * The trigger of migration 13 that starts the flag spans of a case created at IOP. The rows of a bulk load are inserted
 * with no level (insertImportedCases), so it has nothing to do for them; evaluating its condition row by row is not free.
 */
const FLAG_TRIGGER = 'cases_flagged';

/** The insert triggers on cases, dropped for a bulk load, and the highest case number before the load. */
export interface SetAsideCaseTriggers {
  readonly triggerSql: readonly string[];
  readonly highestBefore: number;
}

// Hand-written SQL: schema statements, and the FTS5 table, which Kysely's typed tables do not describe.

/**
 * Drops the insert triggers on cases in the caller's transaction (a rollback brings them back). The numbering one,
 * fired once per row, cost more with its two inserts than the row itself (measured at 100,000 new cases: 5.8 s of inserts with it, 1.7 s without, and
 * 0.3 s for the same work done once for all the rows by `numberNewCases`).
 */
export async function setAsideCaseNumbering(db: Db): Promise<SetAsideCaseTriggers> {
  const triggerSql: string[] = [];
  for (const name of [NUMBERING_TRIGGER, FLAG_TRIGGER]) {
    const trigger = await sql<{ sql: string }>`
      SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'cases' AND name = ${name}`.execute(db);
    const text = trigger.rows[0]?.sql;
    if (text === undefined) throw new Error(`The database has no ${name} trigger to set aside`);
    triggerSql.push(text);
  }
  const highest = await sql<{ highest: number | null }>`SELECT max(case_no) AS highest FROM case_numbers`.execute(db);
  for (const name of [NUMBERING_TRIGGER, FLAG_TRIGGER]) await sql`DROP TRIGGER ${sql.id(name)}`.execute(db);
  return { triggerSql, highestBefore: highest.rows[0]?.highest ?? 0 };
}

/**
 * Does for every case the load added what the numbering trigger would have done row by row, in the same order (the
 * order the rows went in), then puts both triggers back from their own CREATE text, so numbers, search words and schema
 * end exactly as row-by-row inserts leave them (the flag trigger has nothing to do for cases created with no level).
 */
export async function numberNewCases(db: Db, setAside: SetAsideCaseTriggers): Promise<void> {
  await sql`
    INSERT INTO case_numbers (case_id, active)
    SELECT c.id, c.status = 'active' FROM cases AS c
    WHERE NOT EXISTS (SELECT 1 FROM case_numbers AS n WHERE n.case_id = c.id) ORDER BY c.rowid`.execute(db);
  await sql`
    INSERT INTO case_names (rowid, full_name)
    SELECT n.case_no, c.full_name FROM case_numbers AS n JOIN cases AS c ON c.id = n.case_id
    WHERE n.case_no > ${setAside.highestBefore} ORDER BY n.case_no`.execute(db);
  for (const text of setAside.triggerSql) await sql.raw(text).execute(db);
}
