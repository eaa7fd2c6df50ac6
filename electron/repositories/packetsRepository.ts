import type { Kysely } from 'kysely';
import type { PacketAssessment, PacketCase, PacketUser } from '../../shared/packets/packetContent';
import { assessmentSchemaV1 } from '../../shared/rules/assessment';
import type { PacketsSeenTable, StepwiseSchema } from '../db/schema';

type Db = Kysely<StepwiseSchema>;

/** A packet imported before, with who imported it: the replay check. */
export async function findPacketSeen(db: Db, packetId: string): Promise<(PacketsSeenTable & { importer_name: string }) | undefined> {
  return db
    .selectFrom('packets_seen')
    .innerJoin('users', 'users.id', 'packets_seen.imported_by')
    .selectAll('packets_seen')
    .select('users.display_name as importer_name')
    .where('packets_seen.packet_id', '=', packetId)
    .executeTakeFirst();
}

export async function insertPacketSeen(db: Db, row: PacketsSeenTable): Promise<void> {
  await db.insertInto('packets_seen').values(row).execute();
}

/** The decisions a review request carried, so a sign-off can be checked against what this installation sent. */
export async function insertPacketsSent(db: Db, packetId: string, decisionIds: readonly string[], sentBy: string, at: string): Promise<void> {
  if (decisionIds.length === 0) return;
  await db
    .insertInto('packets_sent')
    .values(decisionIds.map((decisionId) => ({ packet_id: packetId, decision_id: decisionId, sent_at: at, sent_by: sentBy })))
    .execute();
}

/** Cases as a packet carries them. */
export async function packetCases(db: Db, caseIds: readonly string[]): Promise<PacketCase[]> {
  if (caseIds.length === 0) return [];
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'mrn', 'full_name', 'date_of_birth', 'program', 'payer', 'status'])
    .where('id', 'in', [...caseIds])
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    mrn: row.mrn,
    fullName: row.full_name,
    dateOfBirth: row.date_of_birth,
    program: row.program,
    payer: row.payer,
    status: row.status,
  }));
}

/** Every assessment of these cases (so an amendment's original travels with it), oldest first. */
export async function packetAssessments(db: Db, caseIds: readonly string[]): Promise<PacketAssessment[]> {
  if (caseIds.length === 0) return [];
  const rows = await db
    .selectFrom('assessments')
    .select(['id', 'case_id', 'assessor_id', 'amends_id', 'payload', 'note', 'created_at'])
    .where('case_id', 'in', [...caseIds])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    caseId: row.case_id,
    assessorId: row.assessor_id,
    amendsId: row.amends_id,
    assessment: assessmentSchemaV1.parse(JSON.parse(row.payload)),
    note: row.note,
    createdAt: row.created_at,
  }));
}

export async function packetUsers(db: Db, userIds: readonly string[]): Promise<PacketUser[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where('id', 'in', [...userIds])
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ id: row.id, username: row.username, displayName: row.display_name }));
}
