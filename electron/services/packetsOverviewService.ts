import type { ConflictResolutionChoice, PacketConflict, PacketsOverview } from '../../shared/contract/packets';
import { appendAuditEvent, correctionDetails } from '../audit/auditLog';
import type { ExpressionBuilder } from 'kysely';
import type { CasesTable, PacketConflictsTable, StepwiseSchema } from '../db/schema';
import type { CaseloadScope } from '../repositories/caseloadFilters';
import { findDecisionRow } from '../repositories/decisionsRepository';
import { findPacketConflict } from '../repositories/packetsRepository';
import { findUserById } from '../repositories/usersRepository';
import { actorOf } from './actor';
import { caseloadScope, requireCaseAccess } from './caseAccess';
import type { ServiceContext } from './context';
import { DomainError } from './errors';
import { remoteReviewer } from './remoteUsers';
import { returnDecision } from './reviewService';

/**
 * What the review packets screen shows (docs/PACKETS.md): the decisions the user may send, the requests sent from
 * here, the requests received here (supervisors), and the sign-off outcomes held back as conflicts.
 */
export async function packetsOverview(ctx: ServiceContext): Promise<PacketsOverview> {
  const actor = actorOf(ctx);
  const scope = await caseloadScope(ctx);
  let sendable = ctx.db
    .selectFrom('decisions as d')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .innerJoin('users as u', 'u.id', 'd.author_id')
    .select(['d.id', 'd.case_id', 'c.mrn', 'c.full_name', 'd.chosen_level', 'u.display_name', 'd.submitted_at'])
    .select((eb) =>
      eb
        .selectFrom('packets_sent as s')
        .whereRef('s.decision_id', '=', 'd.id')
        .where('s.kind', '=', 'review-request')
        .select((sub) => sub.fn.max('s.sent_at').as('last'))
        .as('last_sent_at'),
    )
    .where('d.status', '=', 'submitted')
    .where('u.remote_installation_id', 'is', null);
  // A clinician's scope is the caseload's: the cases assigned to them (and emergency access this session), never
  // every decision they once wrote, so a reassigned case's details stay out of view.
  if (scope) sendable = sendable.where((eb) => inScope(eb, scope));
  const sendableRows = await sendable.orderBy('d.submitted_at').orderBy('d.id').limit(2_000).execute();

  const sentRows = await ctx.db
    .selectFrom('packets_sent as s')
    .innerJoin('users as u', 'u.id', 's.sent_by')
    .innerJoin('decisions as d', 'd.id', 's.decision_id')
    .select(['s.packet_id', 'u.display_name'])
    .select((eb) => [
      eb.fn.min('s.sent_at').as('sent_at'),
      eb.fn.countAll<number>().as('decisions'),
      eb.fn.sum<number>(eb.case().when('d.status', '=', 'submitted').then(1).else(0).end()).as('waiting'),
      eb
        .selectFrom('packets_seen as p')
        .whereRef('p.in_reply_to', '=', 's.packet_id')
        .select((sub) => sub.fn.countAll<number>().as('n'))
        .as('sign_offs'),
    ])
    .where('s.kind', '=', 'review-request')
    .where((eb) => (scope ? eb('s.sent_by', '=', actor.id) : eb.lit(true)))
    .groupBy('s.packet_id')
    .orderBy('sent_at', 'desc')
    .limit(200)
    .execute();

  return {
    sendable: sendableRows.map((row) => ({
      decisionId: row.id,
      caseId: row.case_id,
      caseMrn: row.mrn,
      caseName: row.full_name,
      chosenLevel: row.chosen_level,
      authorName: row.display_name,
      submittedAt: row.submitted_at ?? '',
      lastSentAt: row.last_sent_at ?? null,
    })),
    sent: sentRows.map((row) => ({
      packetId: row.packet_id,
      sentAt: row.sent_at,
      sentByName: row.display_name,
      decisions: Number(row.decisions),
      waiting: Number(row.waiting),
      signOffs: Number(row.sign_offs ?? 0),
    })),
    received: actor.roles.includes('supervisor') ? await receivedRequests(ctx, actor.id) : [],
    conflicts: await openConflicts(ctx, scope),
  };
}

async function receivedRequests(ctx: ServiceContext, actorId: string): Promise<PacketsOverview['received']> {
  const rows = await ctx.db
    .selectFrom('packets_seen as p')
    .innerJoin('packets_received as r', 'r.packet_id', 'p.packet_id')
    .innerJoin('decisions as d', 'd.id', 'r.decision_id')
    .innerJoin('users as a', 'a.id', 'd.author_id')
    .select(['p.packet_id', 'p.imported_at', 'd.status', 'd.reviewer_id', 'a.display_name'])
    .where('p.kind', '=', 'review-request')
    .orderBy('p.imported_at', 'desc')
    .orderBy('p.packet_id')
    .limit(20_000)
    .execute();
  const signOffs = await ctx.db
    .selectFrom('packets_sent')
    .select(['in_reply_to', (eb) => eb.fn.count<number>('packet_id').distinct().as('n')])
    .where('kind', '=', 'sign-off')
    .groupBy('in_reply_to')
    .execute();
  const signOffsOf = new Map(signOffs.map((row) => [row.in_reply_to, Number(row.n)]));
  const requests = new Map<string, PacketsOverview['received'][number]>();
  for (const row of rows) {
    const request = requests.get(row.packet_id) ?? {
      packetId: row.packet_id,
      importedAt: row.imported_at,
      authors: [],
      decisions: 0,
      waiting: 0,
      reviewedByYou: 0,
      reviewedByOthers: 0,
      signOffsSent: signOffsOf.get(row.packet_id) ?? 0,
    };
    request.decisions += 1;
    if (row.status === 'submitted') request.waiting += 1;
    else if (row.reviewer_id === actorId) request.reviewedByYou += 1;
    else if (row.reviewer_id !== null) request.reviewedByOthers += 1;
    if (!request.authors.includes(row.display_name)) request.authors.push(row.display_name);
    requests.set(row.packet_id, request);
  }
  return [...requests.values()].slice(0, 200);
}

async function openConflicts(ctx: ServiceContext, scope: CaseloadScope | undefined): Promise<PacketConflict[]> {
  let query = ctx.db
    .selectFrom('packet_conflicts as k')
    .innerJoin('decisions as d', 'd.id', 'k.decision_id')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .select('k.id')
    .where('k.resolved_at', 'is', null);
  if (scope) query = query.where((eb) => inScope(eb, scope));
  const ids = await query.orderBy('k.detected_at').orderBy('k.id').limit(500).execute();
  const conflicts: PacketConflict[] = [];
  for (const { id } of ids) {
    const row = await findPacketConflict(ctx.db, id);
    if (row) conflicts.push(await describeConflict(ctx, row));
  }
  return conflicts;
}

async function describeConflict(ctx: ServiceContext, row: PacketConflictsTable): Promise<PacketConflict> {
  const decision = await findDecisionRow(ctx.db, row.decision_id);
  const found = await ctx.db
    .selectFrom('cases')
    .select(['mrn', 'full_name'])
    .where('id', '=', decision?.case_id ?? '')
    .executeTakeFirst();
  const reviewer = await findUserById(ctx.db, row.reviewer_id);
  if (!decision || !found) throw new DomainError('not_found', 'The decision of this conflict no longer exists.');
  return {
    id: row.id,
    packetId: row.packet_id,
    decisionId: decision.id,
    caseId: decision.case_id,
    caseMrn: found.mrn,
    caseName: found.full_name,
    chosenLevel: decision.chosen_level,
    decisionStatus: decision.status,
    outcome: row.outcome,
    comment: row.comment,
    reviewerName: reviewer?.display_name ?? row.reviewer_id,
    reviewedAt: row.reviewed_at,
    reason: row.reason,
    detectedAt: row.detected_at,
    canApplyReturn: row.resolved_at === null && row.outcome === 'returned' && decision.status === 'submitted',
  };
}

/**
 * A person resolves a conflict explicitly: keep this installation's decision as it is (the reviewer's outcome is set
 * aside, on record), or — for a return, while the decision waits for review here — return it as the reviewer asked.
 * An approval is never applied to a decision the reviewer did not see as it is now; it is sent for review again.
 */
export async function resolvePacketConflict(ctx: ServiceContext, conflictId: string, resolution: ConflictResolutionChoice): Promise<PacketConflict> {
  const actor = actorOf(ctx);
  const row = await findPacketConflict(ctx.db, conflictId);
  if (!row) throw new DomainError('not_found', 'That conflict does not exist; refresh the list.');
  const decision = await findDecisionRow(ctx.db, row.decision_id);
  if (!decision) throw new DomainError('not_found', 'The decision of this conflict no longer exists.');
  await requireCaseAccess(ctx, decision.case_id);
  if (row.resolved_at !== null) {
    const by = row.resolved_by === null ? undefined : await findUserById(ctx.db, row.resolved_by);
    throw new DomainError('conflict', `This conflict was already resolved on ${row.resolved_at.slice(0, 10)}${by ? ` by ${by.display_name}` : ''}.`);
  }
  const now = ctx.clock.now().toISOString();
  if (resolution === 'returned') {
    if (row.outcome !== 'returned') {
      throw new DomainError(
        'conflict',
        'The reviewer approved an earlier version of this decision; an approval is not applied to a changed decision. Send it for review again.',
      );
    }
    if (decision.status !== 'submitted') {
      throw new DomainError('conflict', `The decision is ${decision.status} here, so there is nothing to return. Keep it as it is.`);
    }
    const reviewer = await findUserById(ctx.db, row.reviewer_id);
    if (!reviewer) throw new DomainError('not_found', 'The reviewer of this outcome is not known here.');
    // Reviewed there before the resubmission, returned here now: the review time is now (theirs is in the audit).
    await returnDecision(
      { ...ctx, actor: remoteReviewer({ id: reviewer.id, username: reviewer.username, displayName: reviewer.display_name }) },
      decision.id,
      row.comment ?? '',
    );
    await appendAuditEvent(ctx.db, {
      at: now,
      userId: reviewer.id,
      username: reviewer.username,
      action: 'decision-returned',
      recordType: 'decision',
      recordId: decision.id,
      details: {
        caseId: decision.case_id,
        ...correctionDetails(decision.supersedes_id),
        packetId: row.packet_id,
        conflictId: row.id,
        appliedBy: actor.id,
        reviewedThereAt: row.reviewed_at,
      },
    });
  }
  await ctx.db.updateTable('packet_conflicts').set({ resolution, resolved_at: now, resolved_by: actor.id }).where('id', '=', row.id).execute();
  await appendAuditEvent(ctx.db, {
    at: now,
    userId: actor.id,
    username: actor.username,
    action: 'packet-conflict-resolved',
    recordType: 'decision',
    recordId: decision.id,
    details: { caseId: decision.case_id, packetId: row.packet_id, conflictId: row.id, resolution, outcome: row.outcome },
  });
  const resolved = await findPacketConflict(ctx.db, row.id);
  if (!resolved) throw new DomainError('not_found', 'That conflict does not exist; refresh the list.');
  return describeConflict(ctx, resolved);
}

/** The cases a clinician may open: assigned to them, or opened by emergency access in this session. */
function inScope(eb: ExpressionBuilder<StepwiseSchema & { c: CasesTable }, 'c'>, scope: CaseloadScope) {
  return eb.or([eb('c.clinician_id', '=', scope.clinicianId), ...(scope.alsoCaseIds.length > 0 ? [eb('c.id', 'in', scope.alsoCaseIds)] : [])]);
}
