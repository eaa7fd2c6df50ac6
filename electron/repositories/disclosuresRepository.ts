import type { Kysely } from 'kysely';
import type { DisclosureRecord } from '../../shared/contract/disclosures';
import type { DisclosuresTable, StepwiseSchema } from '../db/schema';

type Db = Kysely<StepwiseSchema>;

export async function insertDisclosure(db: Db, row: DisclosuresTable): Promise<void> {
  await db.insertInto('disclosures').values(row).execute();
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
