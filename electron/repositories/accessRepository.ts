import type { Kysely } from 'kysely';
import type { EmergencyAccessTable, StepwiseSchema } from '../db/schema';

type Db = Kysely<StepwiseSchema>;

export async function insertEmergencyAccess(db: Db, row: EmergencyAccessTable): Promise<void> {
  await db.insertInto('emergency_access').values(row).execute();
}

/** Cases this user opened through emergency access in this sign-in session. */
export async function emergencyCasesInSession(db: Db, userId: string, sessionId: string, caseId?: string): Promise<string[]> {
  let query = db.selectFrom('emergency_access').select('case_id').distinct().where('user_id', '=', userId).where('session_id', '=', sessionId);
  if (caseId !== undefined) query = query.where('case_id', '=', caseId);
  return (await query.execute()).map((row) => row.case_id);
}

export interface EmergencyAccessEntry {
  readonly id: string;
  readonly grantedAt: string;
  readonly reason: string;
  readonly user: { readonly id: string; readonly displayName: string };
}

/** Everyone who opened a case through emergency access, newest first, for the case's own record. */
export async function listCaseEmergencyAccess(db: Db, caseId: string): Promise<EmergencyAccessEntry[]> {
  const rows = await db
    .selectFrom('emergency_access')
    .innerJoin('users', 'users.id', 'emergency_access.user_id')
    .select(['emergency_access.id', 'emergency_access.granted_at', 'emergency_access.reason', 'users.id as user_id', 'users.display_name'])
    .where('emergency_access.case_id', '=', caseId)
    .orderBy('emergency_access.granted_at', 'desc')
    .orderBy('emergency_access.id', 'desc')
    .execute();
  return rows.map((row) => ({ id: row.id, grantedAt: row.granted_at, reason: row.reason, user: { id: row.user_id, displayName: row.display_name } }));
}
