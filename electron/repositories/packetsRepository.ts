import type { Kysely } from 'kysely';
import type { PacketAssessment, PacketCase, PacketUser } from '../../shared/packets/packetContent';
import { assessmentSchemaV1 } from '../../shared/rules/assessment';
import { homeUsername } from '../../shared/packets/remoteUsername';
import type { PacketConflictsTable, PacketsReceivedTable, PacketsSeenTable, PacketsSentTable, StepwiseSchema } from '../db/schema';

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

/** The decisions a packet carried (a request) or answered (a sign-off, with the request it answers). */
export async function insertPacketsSent(
  db: Db,
  packet: { packetId: string; kind: PacketsSentTable['kind']; inReplyTo: string | null },
  decisionIds: readonly string[],
  sentBy: string,
  at: string,
): Promise<void> {
  if (decisionIds.length === 0) return;
  await db
    .insertInto('packets_sent')
    .values(
      decisionIds.map((decisionId) => ({
        packet_id: packet.packetId,
        kind: packet.kind,
        in_reply_to: packet.inReplyTo,
        decision_id: decisionId,
        sent_at: at,
        sent_by: sentBy,
      })),
    )
    .execute();
}

/** The decisions a review request sent from here carried; empty when this installation never sent it. */
export async function requestDecisionsSent(db: Db, packetId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('packets_sent')
    .select('decision_id')
    .where('packet_id', '=', packetId)
    .where('kind', '=', 'review-request')
    .execute();
  return new Set(rows.map((row) => row.decision_id));
}

export async function insertPacketsReceived(db: Db, packetId: string, decisions: readonly { id: string; fingerprint: string }[]): Promise<void> {
  if (decisions.length === 0) return;
  await db
    .insertInto('packets_received')
    .values(decisions.map((decision) => ({ packet_id: packetId, decision_id: decision.id, fingerprint: decision.fingerprint })))
    .execute();
}

/** The fingerprint of a decision as the latest request that carried it here had it. */
export async function lastReceivedFingerprint(db: Db, decisionId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('packets_received as r')
    .innerJoin('packets_seen as p', 'p.packet_id', 'r.packet_id')
    .select('r.fingerprint')
    .where('r.decision_id', '=', decisionId)
    .orderBy('p.imported_at', 'desc')
    .orderBy('p.packet_id', 'desc')
    .executeTakeFirst();
  return row?.fingerprint;
}

export async function receivedDecisions(db: Db, packetId: string): Promise<PacketsReceivedTable[]> {
  return db.selectFrom('packets_received').selectAll().where('packet_id', '=', packetId).orderBy('decision_id').execute();
}

export async function insertPacketConflict(db: Db, row: PacketConflictsTable): Promise<void> {
  await db.insertInto('packet_conflicts').values(row).execute();
}

export async function findPacketConflict(db: Db, id: string): Promise<PacketConflictsTable | undefined> {
  return db.selectFrom('packet_conflicts').selectAll().where('id', '=', id).executeTakeFirst();
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
  return rows.map((row) => ({ id: row.id, username: homeUsername(row.username), displayName: row.display_name }));
}
