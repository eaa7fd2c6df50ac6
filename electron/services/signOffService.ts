import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { REDISCLOSURE_NOTICE } from '../../shared/domain/confidentiality';
import { PACKET_FORMAT_VERSION, type PacketOutcome, type SignOff } from '../../shared/packets/packetContent';
import { appendAuditEvent, correctionDetails } from '../audit/auditLog';
import { decisionFingerprint, packetDecisionOf } from '../packets/decisionFingerprint';
import { findAssessment } from '../repositories/assessmentsRepository';
import { findDecisionRow, type DecisionRow } from '../repositories/decisionsRepository';
import { findPacketSeen, insertPacketConflict, insertPacketSeen, receivedDecisions, requestDecisionsSent } from '../repositories/packetsRepository';
import { actorOf } from './actor';
import { caseAccessBasis } from './caseAccess';
import type { ServiceContext } from './context';
import { DomainError } from './errors';
import type { PacketSource } from './packetsService';
import { checkRemoteUser, refusePacket, refuseReplay, remoteReviewer, upsertRemoteUser } from './remoteUsers';
import { approveDecision, returnDecision } from './reviewService';

export interface SignOffBuild {
  readonly content: SignOff;
  /** Decisions of the request still waiting for review here. */
  readonly waiting: number;
  /** Decisions of the request another supervisor reviewed: they send their own sign-off. */
  readonly reviewedByOthers: number;
}

/**
 * The sign-off answering a review request imported here (docs/PACKETS.md): the outcome of each of its decisions that
 * the signed-in supervisor reviewed, each quoting the decision's fingerprint as it arrived. The person who seals a
 * sign-off is the reviewer it names, so decisions reviewed by someone else are left for them to send.
 */
export async function buildSignOff(ctx: ServiceContext, source: PacketSource, requestPacketId: string): Promise<SignOffBuild> {
  const actor = actorOf(ctx);
  const seen = await findPacketSeen(ctx.db, requestPacketId);
  if (!seen || seen.kind !== 'review-request') {
    throw new DomainError('not_found', 'This installation has not imported that review request, so it cannot answer it.');
  }
  const outcomes: PacketOutcome[] = [];
  let waiting = 0;
  let reviewedByOthers = 0;
  for (const received of await receivedDecisions(ctx.db, requestPacketId)) {
    const row = await findDecisionRow(ctx.db, received.decision_id);
    if (!row || row.status === 'submitted') {
      waiting += 1;
      continue;
    }
    if ((row.status !== 'approved' && row.status !== 'returned') || row.reviewed_at === null) continue;
    if (row.reviewer_id !== actor.id) {
      reviewedByOthers += 1;
      continue;
    }
    outcomes.push({
      decisionId: row.id,
      outcome: row.status,
      comment: row.review_comment,
      reviewedAt: row.reviewed_at,
      decisionFingerprint: received.fingerprint,
    });
  }
  if (outcomes.length === 0) {
    throw new DomainError(
      'conflict',
      waiting > 0
        ? `You have not reviewed any decision of this request yet (${waiting} waiting). Approve or return them in the review queue first.`
        : 'You reviewed none of the decisions of this request; the supervisor who reviewed them sends the sign-off.',
    );
  }
  return {
    content: {
      packetId: randomUUID(),
      kind: 'sign-off',
      createdAt: ctx.clock.now().toISOString(),
      appVersion: source.appVersion,
      formatVersion: PACKET_FORMAT_VERSION,
      sourceInstallationId: source.installationId,
      notice: REDISCLOSURE_NOTICE,
      inReplyTo: requestPacketId,
      reviewer: { id: actor.id, username: actor.username, displayName: actor.displayName, installationId: source.installationId },
      outcomes,
    },
    waiting,
    reviewedByOthers,
  };
}

export interface AppliedSignOff {
  readonly packetId: string;
  readonly approved: number;
  readonly returned: number;
  /** Outcomes this installation already holds (the same sign-off sent again under a new packet id). */
  readonly alreadyApplied: number;
  /** Outcomes held back because the decision changed here since it was sent: to be resolved explicitly. */
  readonly conflicts: number;
}

/** Why an outcome cannot be applied as it stands, in a sentence; null when it can. */
function changedSince(row: DecisionRow, fingerprint: string): string | null {
  switch (row.status) {
    case 'withdrawn':
      return 'The decision was withdrawn here after it was sent for review.';
    case 'approved':
      return 'The decision was approved here after it was sent for review.';
    case 'returned':
      return 'The decision was returned here after it was sent for review.';
    case 'draft':
      return 'The decision was returned and is being edited here.';
    case 'submitted': {
      const current = packetDecisionOf(row);
      if (current && decisionFingerprint(current) === fingerprint) return null;
      return 'The decision was changed and submitted again here after it was sent; the reviewer saw an earlier version.';
    }
  }
}

/**
 * Applies a sign-off on the installation that sent the request, inside the caller's transaction. The packet is
 * refused whole (before any write) if it does not answer a request sent from here, names a decision that request
 * did not carry, or names its own reviewer as a decision's author. Each outcome whose decision is unchanged is
 * applied exactly as a local approval or return (episodes included) in the remote reviewer's name; any other is
 * kept as a conflict for a person to resolve, never applied silently.
 */
export async function importSignOff(ctx: ServiceContext, installationId: string, content: SignOff): Promise<AppliedSignOff> {
  const actor = actorOf(ctx);
  await refuseReplay(ctx, content.packetId);
  if (content.sourceInstallationId === installationId)
    refusePacket('This sign-off was made by this installation; it answers a request sent from here to another one.');
  const sent = await requestDecisionsSent(ctx.db, content.inReplyTo);
  if (sent.size === 0) {
    refusePacket('This sign-off answers a review request that was not sent from this installation; it may be meant for another one.');
  }
  const reviewer = content.reviewer;
  await checkRemoteUser(ctx, reviewer, content.sourceInstallationId);
  const rows: DecisionRow[] = [];
  for (const outcome of content.outcomes) {
    const row = sent.has(outcome.decisionId) ? await findDecisionRow(ctx.db, outcome.decisionId) : undefined;
    if (!row) refusePacket('The sign-off names a decision that the review request it answers did not carry.');
    if (row.author_id === reviewer.id) {
      refusePacket(`The sign-off says ${reviewer.displayName} reviewed a decision they wrote; nobody approves their own decision.`);
    }
    if ((await caseAccessBasis(ctx, row.case_id)) === null) {
      const found = await ctx.db.selectFrom('cases').select('mrn').where('id', '=', row.case_id).executeTakeFirst();
      refusePacket(
        `The sign-off answers a decision for the case with MRN ${found?.mrn ?? row.case_id}, which is no longer in your caseload. ` +
          'A supervisor, or the clinician the case is assigned to now, opens it.',
      );
    }
    rows.push(row);
  }

  const now = ctx.clock.now().toISOString();
  await upsertRemoteUser(ctx, reviewer, content.sourceInstallationId, now);
  await insertPacketSeen(ctx.db, {
    packet_id: content.packetId,
    kind: 'sign-off',
    in_reply_to: content.inReplyTo,
    source_installation_id: content.sourceInstallationId,
    imported_at: now,
    imported_by: actor.id,
  });
  const reviewerCtx: ServiceContext = { ...ctx, actor: remoteReviewer(reviewer) };
  const tally = { approved: 0, returned: 0, alreadyApplied: 0, conflicts: 0 };
  for (const [index, outcome] of content.outcomes.entries()) {
    const row = rows[index];
    if (!row) continue;
    if (await outcomeAlreadyHere(ctx, row.id, reviewer.id, outcome)) {
      tally.alreadyApplied += 1;
      continue;
    }
    const reason = changedSince(row, outcome.decisionFingerprint) ?? (await tryApply(reviewerCtx, outcome, row));
    if (reason === null) {
      tally[outcome.outcome] += 1;
      await appendAuditEvent(ctx.db, {
        at: now,
        userId: reviewer.id,
        username: reviewer.username,
        action: outcome.outcome === 'approved' ? 'decision-approved' : 'decision-returned',
        recordType: 'decision',
        recordId: row.id,
        details: {
          caseId: row.case_id,
          ...correctionDetails(row.supersedes_id),
          packetId: content.packetId,
          reviewerInstallationId: reviewer.installationId,
          importedBy: actor.id,
        },
      });
      continue;
    }
    tally.conflicts += 1;
    const conflictId = ctx.newId();
    await insertPacketConflict(ctx.db, {
      id: conflictId,
      packet_id: content.packetId,
      decision_id: row.id,
      outcome: outcome.outcome,
      comment: outcome.comment,
      reviewer_id: reviewer.id,
      reviewed_at: outcome.reviewedAt,
      reason,
      detected_at: now,
      resolution: null,
      resolved_at: null,
      resolved_by: null,
    });
    await appendAuditEvent(ctx.db, {
      at: now,
      userId: actor.id,
      username: actor.username,
      action: 'packet-conflict-found',
      recordType: 'decision',
      recordId: row.id,
      details: { caseId: row.case_id, packetId: content.packetId, conflictId, reviewerId: reviewer.id, outcome: outcome.outcome },
    });
  }
  await appendAuditEvent(ctx.db, {
    at: now,
    userId: actor.id,
    username: actor.username,
    action: 'packet-imported',
    recordType: 'packet',
    recordId: content.packetId,
    details: {
      kind: 'sign-off',
      inReplyTo: content.inReplyTo,
      sourceInstallationId: content.sourceInstallationId,
      reviewerId: reviewer.id,
      ...tally,
    },
  });
  return { packetId: content.packetId, ...tally };
}

/**
 * Applies one outcome behind a savepoint: if the approval cannot be carried out here (the assessment was amended,
 * the episodes no longer allow the transition), its writes are undone and a sentence for the clinician becomes the
 * conflict's reason.
 */
async function tryApply(reviewerCtx: ServiceContext, outcome: PacketOutcome, row: DecisionRow): Promise<string | null> {
  if (outcome.outcome === 'approved') {
    const assessment = await findAssessment(reviewerCtx.db, row.assessment_id);
    if (assessment?.amendedById) {
      return 'The assessment behind the decision was amended here after it was sent, so the reviewer saw an earlier one. Make the decision again on the latest assessment and send it for review.';
    }
  }
  await sql`SAVEPOINT sign_off_outcome`.execute(reviewerCtx.db);
  try {
    if (outcome.outcome === 'approved') await approveDecision(reviewerCtx, outcome.decisionId, outcome.comment ?? undefined, outcome.reviewedAt);
    else await returnDecision(reviewerCtx, outcome.decisionId, outcome.comment ?? '', outcome.reviewedAt);
    await sql`RELEASE SAVEPOINT sign_off_outcome`.execute(reviewerCtx.db);
    return null;
  } catch (error) {
    try {
      await sql`ROLLBACK TO SAVEPOINT sign_off_outcome`.execute(reviewerCtx.db);
      await sql`RELEASE SAVEPOINT sign_off_outcome`.execute(reviewerCtx.db);
    } catch {
      // The transaction itself is gone (SQLite rolled it back); the first error is the one worth reporting.
      throw error;
    }
    if (error instanceof DomainError && (error.code === 'conflict' || error.code === 'invalid_input')) {
      return `The reviewer's ${outcome.outcome === 'approved' ? 'approval' : 'return'} could not be carried out here: ${error.message}`;
    }
    throw error;
  }
}

/** The same outcome by the same reviewer at the same time is already applied, or already held as a conflict. */
async function outcomeAlreadyHere(ctx: ServiceContext, decisionId: string, reviewerId: string, outcome: PacketOutcome): Promise<boolean> {
  const applied = await ctx.db
    .selectFrom('decision_reviews')
    .select('id')
    .where('decision_id', '=', decisionId)
    .where('reviewer_id', '=', reviewerId)
    .where('outcome', '=', outcome.outcome)
    .where('reviewed_at', '=', outcome.reviewedAt)
    .executeTakeFirst();
  if (applied) return true;
  const held = await ctx.db
    .selectFrom('packet_conflicts')
    .select('id')
    .where('decision_id', '=', decisionId)
    .where('reviewer_id', '=', reviewerId)
    .where('outcome', '=', outcome.outcome)
    .where('reviewed_at', '=', outcome.reviewedAt)
    .executeTakeFirst();
  return held !== undefined;
}
