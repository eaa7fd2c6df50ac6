import { randomUUID } from 'node:crypto';
import { REDISCLOSURE_NOTICE } from '../../shared/domain/confidentiality';
import { PACKET_FORMAT_VERSION, type PacketDecision, type PacketEpisode, type ReviewRequest } from '../../shared/packets/packetContent';
import { episodeProblems } from '../../shared/domain/episodes';
import { evaluateAssessment } from '../../shared/rules/evaluate';
import { appendAuditEvent, correctionDetails } from '../audit/auditLog';
import { findCaseByMrn } from '../repositories/casesRepository';
import { findDecisionRow, listDecisionRecords } from '../repositories/decisionsRepository';
import { episodesOf, listEpisodes, listEpisodesOfCases } from '../repositories/episodesRepository';
import { decisionFingerprint } from '../packets/decisionFingerprint';
import {
  insertPacketSeen,
  insertPacketsReceived,
  lastReceivedFingerprint,
  packetAssessments,
  packetCases,
  packetUsers,
} from '../repositories/packetsRepository';
import { findUserById } from '../repositories/usersRepository';
import { actorOf } from './actor';
import { requireCaseAccess } from './caseAccess';
import { refreshCaseState } from './caseState';
import { checkRemoteUser, refusePacket, refuseReplay, upsertRemoteUser } from './remoteUsers';
import type { ServiceContext } from './context';
import { DomainError } from './errors';

/** Who makes a packet: the installation (the keyring's database id) and the version of Stepwise. */
export interface PacketSource {
  readonly installationId: string;
  readonly appVersion: string;
}

/**
 * The review-request content for these decisions (docs/PACKETS.md): each must be submitted and of a case the user
 * may see; the packet carries their cases, every assessment and episode of those cases, and the users they name.
 */
export async function buildReviewRequest(ctx: ServiceContext, source: PacketSource, decisionIds: readonly string[]): Promise<ReviewRequest> {
  actorOf(ctx);
  const unique = [...new Set(decisionIds)];
  const records = await listDecisionRecords(ctx.db, { ids: unique });
  const byId = new Map(records.map((record) => [record.id, record]));
  const decisions: PacketDecision[] = [];
  for (const id of unique) {
    const record = byId.get(id);
    if (!record) throw new DomainError('not_found', 'One of the chosen decisions does not exist; refresh the list and choose again.');
    await requireCaseAccess(ctx, record.caseId);
    if (record.status !== 'submitted' || record.submittedAt === null) {
      throw new DomainError('conflict', `Only decisions waiting for review travel in a packet; one of the chosen decisions is ${record.status}.`);
    }
    decisions.push({
      id: record.id,
      caseId: record.caseId,
      assessmentId: record.assessmentId,
      recommendedLevel: record.recommendedLevel,
      rulesetVersion: record.rulesetVersion,
      chosenLevel: record.chosenLevel,
      effectiveDate: record.effectiveDate,
      varianceReason: record.varianceReason,
      varianceText: record.varianceText,
      authorId: record.author.id,
      submittedAt: record.submittedAt,
      status: 'submitted',
      supersedesId: record.supersedesId,
    });
  }
  const caseIds = [...new Set(decisions.map((decision) => decision.caseId))];
  const assessments = await packetAssessments(ctx.db, caseIds);
  const episodes: PacketEpisode[] = (await listEpisodesOfCases(ctx.db, caseIds)).map((episode) => ({
    id: episode.id,
    caseId: episode.caseId,
    level: episode.level,
    startDate: episode.startDate,
    endDate: episode.endDate,
    endReason: episode.endReason,
    openedByDecisionId: episode.openedByDecisionId,
    followsId: episode.followsId,
  }));
  const userIds = new Set<string>(decisions.map((decision) => decision.authorId));
  for (const assessment of assessments) if (assessment.assessorId !== null) userIds.add(assessment.assessorId);
  return {
    packetId: randomUUID(),
    kind: 'review-request',
    createdAt: ctx.clock.now().toISOString(),
    appVersion: source.appVersion,
    formatVersion: PACKET_FORMAT_VERSION,
    sourceInstallationId: source.installationId,
    notice: REDISCLOSURE_NOTICE,
    users: await packetUsers(ctx.db, [...userIds]),
    cases: await packetCases(ctx.db, caseIds),
    assessments,
    episodes,
    decisions,
  };
}

export interface ImportedRequest {
  readonly packetId: string;
  readonly decisions: number;
  readonly cases: number;
  readonly users: number;
}

/**
 * Writes a review request into this installation, to be run inside one transaction by the caller: every check comes
 * before the first write, and a refusal throws, so a refused packet leaves nothing behind. The people it names
 * become remote users (same id, no password, never active); cases, assessments and episodes are written or matched
 * by id; the decisions arrive as submitted and so appear in the normal review queue.
 */
export async function importReviewRequest(ctx: ServiceContext, installationId: string, content: ReviewRequest): Promise<ImportedRequest> {
  const actor = actorOf(ctx);
  await refuseReplay(ctx, content.packetId);
  if (content.sourceInstallationId === installationId) refusePacket('This packet was made by this installation; it is meant for another one.');

  // Checks first: people, cases and decisions that would clash with what is here.
  for (const user of content.users) await checkRemoteUser(ctx, user, content.sourceInstallationId);
  for (const item of content.cases) {
    const byMrn = await findCaseByMrn(ctx.db, item.mrn);
    if (byMrn && byMrn.id !== item.id)
      refusePacket(`The MRN ${item.mrn} belongs to another case here, so the packet's case cannot be matched to it.`);
  }
  for (const item of content.assessments) {
    const here = await ctx.db.selectFrom('assessments').select('case_id').where('id', '=', item.id).executeTakeFirst();
    if (here && here.case_id !== item.caseId) refusePacket('An assessment in the packet has the id of an assessment of another case here.');
  }
  const mrnOf = (caseId: string) => content.cases.find((item) => item.id === caseId)?.mrn ?? caseId;
  const casesWithDecision = new Set<string>();
  for (const decision of content.decisions) {
    if (casesWithDecision.has(decision.caseId))
      refusePacket(`The packet carries two decisions for the case with MRN ${mrnOf(decision.caseId)}; a case has one at a time.`);
    casesWithDecision.add(decision.caseId);
    const existing = await findDecisionRow(ctx.db, decision.id);
    if (existing && existing.case_id !== decision.caseId) refusePacket('A decision in the packet has the id of a decision of another case here.');
    if (existing && existing.author_id !== decision.authorId)
      refusePacket('A decision in the packet has the id of a decision by another author here.');
    if (existing && existing.status === 'approved') refusePacket('A decision in the packet was already approved here.');
    if (existing && existing.status === 'returned' && (await lastReceivedFingerprint(ctx.db, decision.id)) === decisionFingerprint(decision)) {
      const reviewer = existing.reviewer_id === null ? undefined : await findUserById(ctx.db, existing.reviewer_id);
      refusePacket(
        `The decision for the case with MRN ${mrnOf(decision.caseId)} was already returned here${reviewer ? ` by ${reviewer.display_name}` : ''}, ` +
          'and the packet carries it unchanged. Send the sign-off back to its clinician; once they change and resubmit it, send it again.',
      );
    }
    const open = await ctx.db
      .selectFrom('decisions')
      .select('id')
      .where('case_id', '=', decision.caseId)
      .where('id', '<>', decision.id)
      .where('status', 'in', ['draft', 'submitted', 'returned'])
      .executeTakeFirst();
    if (open) {
      const name = content.cases.find((item) => item.id === decision.caseId)?.mrn ?? decision.caseId;
      refusePacket(`The case with MRN ${name} already has another decision in progress here; resolve it first.`);
    }
    if (decision.supersedesId !== null && !(await findDecisionRow(ctx.db, decision.supersedesId))) {
      refusePacket(
        'A decision in the packet corrects an approved decision this installation does not have; review the correction where it was made.',
      );
    }
  }

  await checkEpisodesFit(ctx, content);

  const now = ctx.clock.now().toISOString();
  for (const user of content.users) await upsertRemoteUser(ctx, user, content.sourceInstallationId, now);

  const authorOfCase = new Map(content.decisions.map((decision) => [decision.caseId, decision.authorId]));
  for (const item of content.cases) {
    const fields = {
      mrn: item.mrn,
      full_name: item.fullName,
      date_of_birth: item.dateOfBirth,
      program: item.program,
      payer: item.payer,
      status: item.status,
      updated_at: now,
    };
    const exists = await ctx.db.selectFrom('cases').select('id').where('id', '=', item.id).executeTakeFirst();
    if (exists) {
      await ctx.db.updateTable('cases').set(fields).where('id', '=', item.id).execute();
    } else {
      await ctx.db
        .insertInto('cases')
        .values({
          id: item.id,
          ...fields,
          level: null,
          synthetic: 0,
          created_at: now,
          clinician_id: authorOfCase.get(item.id) ?? null,
          level_since: null,
          recommended_level: null,
          latest_assessment_id: null,
          decision_status: null,
          planned_level: null,
          planned_on: null,
        })
        .execute();
    }
  }

  // Assessments never change once written: those already here are kept; an amendment after the one it amends.
  const pending = [...content.assessments];
  const present = async (id: string): Promise<boolean> =>
    (await ctx.db.selectFrom('assessments').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  while (pending.length > 0) {
    let progressed = false;
    for (let index = 0; index < pending.length;) {
      const item = pending[index];
      if (!item) break;
      if (await present(item.id)) {
        pending.splice(index, 1);
        progressed = true;
        continue;
      }
      if (item.amendsId !== null && !(await present(item.amendsId))) {
        index += 1;
        continue;
      }
      const recommendation = evaluateAssessment(item.assessment);
      await ctx.db
        .insertInto('assessments')
        .values({
          id: item.id,
          case_id: item.caseId,
          assessed_on: item.assessment.assessedOn,
          format_version: 1,
          payload: JSON.stringify(item.assessment),
          recommendation: JSON.stringify(recommendation),
          recommended_level: recommendation.level,
          ruleset_version: recommendation.rulesetVersion,
          created_at: item.createdAt,
          assessor_id: item.assessorId,
          note: item.note,
          amends_id: item.amendsId,
        })
        .execute();
      pending.splice(index, 1);
      progressed = true;
    }
    if (!progressed) refusePacket('An assessment in the packet amends one that neither the packet nor this installation has.');
  }

  for (const decision of content.decisions) {
    const fields = {
      assessment_id: decision.assessmentId,
      recommended_level: decision.recommendedLevel,
      ruleset_version: decision.rulesetVersion,
      chosen_level: decision.chosenLevel,
      effective_date: decision.effectiveDate,
      variance_reason: decision.varianceReason,
      variance_text: decision.varianceText,
      supersedes_id: decision.supersedesId,
      status: 'submitted' as const,
      submitted_at: decision.submittedAt,
      // A decision returned here and resubmitted there comes back under the same id: it waits for review again,
      // with the earlier review kept in decision_reviews only.
      reviewer_id: null,
      review_comment: null,
      reviewed_at: null,
      updated_at: now,
    };
    const existing = await findDecisionRow(ctx.db, decision.id);
    if (existing) await ctx.db.updateTable('decisions').set(fields).where('id', '=', decision.id).execute();
    else {
      await ctx.db
        .insertInto('decisions')
        .values({
          id: decision.id,
          case_id: decision.caseId,
          ...fields,
          author_id: decision.authorId,
          reviewer_id: null,
          review_comment: null,
          superseded_by_id: null,
          applied_at: null,
          apply_problem: null,
          created_at: decision.submittedAt,
          reviewed_at: null,
        })
        .execute();
    }
  }

  // Episodes: the sending installation keeps the case's record, so its episodes arrive as they are there — new ones
  // inserted, those already here (same id) brought up to date; episodes only this side has are kept. Closing comes
  // before opening, so the one-open-episode index holds after every statement.
  const decisionIdsHere = new Set<string>();
  for (const episode of content.episodes) {
    if (episode.openedByDecisionId !== null && (await findDecisionRow(ctx.db, episode.openedByDecisionId)))
      decisionIdsHere.add(episode.openedByDecisionId);
  }
  const episodeIds = new Set(content.episodes.map((episode) => episode.id));
  const ordered = [...content.episodes].sort(
    (a, b) => Number(a.endDate === null) - Number(b.endDate === null) || a.startDate.localeCompare(b.startDate),
  );
  const existing = new Set<string>();
  for (const episode of ordered) {
    if (await ctx.db.selectFrom('episodes').select('id').where('id', '=', episode.id).executeTakeFirst()) existing.add(episode.id);
  }
  for (const episode of ordered) {
    if (!existing.has(episode.id)) continue;
    await ctx.db
      .updateTable('episodes')
      .set({ level: episode.level, start_date: episode.startDate, end_date: episode.endDate, end_reason: episode.endReason, updated_at: now })
      .where('id', '=', episode.id)
      .execute();
  }
  for (const episode of ordered) {
    if (existing.has(episode.id)) continue;
    await ctx.db
      .insertInto('episodes')
      .values({
        id: episode.id,
        case_id: episode.caseId,
        level: episode.level,
        start_date: episode.startDate,
        end_date: episode.endDate,
        end_reason: episode.endReason,
        // The decision that opened it stayed home unless it is here too.
        opened_by_decision_id:
          episode.openedByDecisionId !== null && decisionIdsHere.has(episode.openedByDecisionId) ? episode.openedByDecisionId : null,
        follows_episode_id: episode.followsId !== null && episodeIds.has(episode.followsId) ? episode.followsId : null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  await insertPacketSeen(ctx.db, {
    packet_id: content.packetId,
    kind: 'review-request',
    in_reply_to: null,
    source_installation_id: content.sourceInstallationId,
    imported_at: now,
    imported_by: actor.id,
  });
  await insertPacketsReceived(
    ctx.db,
    content.packetId,
    content.decisions.map((decision) => ({ id: decision.id, fingerprint: decisionFingerprint(decision) })),
  );
  for (const item of content.cases) await refreshCaseState(ctx, item.id);
  await appendAuditEvent(ctx.db, {
    at: now,
    userId: actor.id,
    username: actor.username,
    action: 'packet-imported',
    recordType: 'packet',
    recordId: content.packetId,
    details: {
      kind: 'review-request',
      sourceInstallationId: content.sourceInstallationId,
      decisions: content.decisions.length,
      cases: content.cases.length,
      users: content.users.length,
    },
  });
  for (const decision of content.decisions) {
    await appendAuditEvent(ctx.db, {
      at: now,
      userId: actor.id,
      username: actor.username,
      action: 'decision-received',
      recordType: 'decision',
      recordId: decision.id,
      details: { caseId: decision.caseId, ...correctionDetails(decision.supersedesId), packetId: content.packetId, authorId: decision.authorId },
    });
  }
  return { packetId: content.packetId, decisions: content.decisions.length, cases: content.cases.length, users: content.users.length };
}

/**
 * The packet's episodes of a case, with those only this side has, must hold every invariant (one open episode, no
 * overlap), or the packet is refused with the clash in a sentence.
 */
async function checkEpisodesFit(ctx: ServiceContext, content: ReviewRequest): Promise<void> {
  for (const item of content.cases) {
    const here = await listEpisodes(ctx.db, item.id);
    const arriving = content.episodes.filter((episode) => episode.caseId === item.id).map((episode) => ({ ...episode, followsId: null }));
    const arrivingIds = new Set(arriving.map((episode) => episode.id));
    const keptHere = episodesOf(here).filter((episode) => !arrivingIds.has(episode.id));
    const [problem] = episodeProblems([...keptHere, ...arriving]);
    if (problem === undefined) continue;
    refusePacket(
      keptHere.length > 0
        ? `The case with MRN ${item.mrn} has episodes here that do not fit the packet's: ${problem} Correct the dates on one side first.`
        : `The episodes the packet carries for the case with MRN ${item.mrn} do not fit together: ${problem} Correct them where the packet was made.`,
    );
  }
}
