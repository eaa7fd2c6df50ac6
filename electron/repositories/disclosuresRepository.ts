import type { Kysely } from 'kysely';
import type { DisclosureRecord } from '../../shared/contract/disclosures';
import type { DisclosuresTable, StepwiseSchema } from '../db/schema';

type Db = Kysely<StepwiseSchema>;

/** Rows per INSERT: 8 values each, far below SQLite's limit of 32,766 bound values. */
const DISCLOSURES_PER_STATEMENT = 200;

/** Many disclosures in order, a statement of rows at a time: a file of every case leaving the clinic. */
export async function insertDisclosures(db: Db, rows: readonly DisclosuresTable[]): Promise<void> {
  for (let start = 0; start < rows.length; start += DISCLOSURES_PER_STATEMENT) {
    await db
      .insertInto('disclosures')
      .values(rows.slice(start, start + DISCLOSURES_PER_STATEMENT))
      .execute();
  }
}

/** Oldest first: an accounting of disclosures reads in the order they happened. */
export async function listCaseDisclosures(db: Db, caseId: string): Promise<DisclosureRecord[]> {
  const rows = await db
    .selectFrom('disclosures')
    .innerJoin('users', 'users.id', 'disclosures.disclosed_by')
    .selectAll('disclosures')
    .select(['users.display_name'])
    .where('disclosures.case_id', '=', caseId)
    .orderBy('disclosures.disclosed_at')
    .orderBy('disclosures.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    caseId: row.case_id,
    disclosedAt: row.disclosed_at,
    recipient: row.recipient,
    purpose: row.purpose,
    consentReference: row.consent_reference,
    content: row.content,
    disclosedBy: { id: row.disclosed_by, displayName: row.display_name },
  }));
}
