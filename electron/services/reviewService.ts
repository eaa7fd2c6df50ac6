import type { DecisionRecord, QueueItem } from '../../shared/contract/decisions';
import { planCorrection, planTransition } from '../../shared/domain/episodes';
import { deriveTransition } from '../../shared/rules/recommendation';
import { findAssessment, readStoredRecommendation } from '../repositories/assessmentsRepository';
import { insertCareEvent } from '../repositories/careRepository';
import { insertReview, listDecisionRecords, pendingTransitions, updateDecision, type DecisionRow } from '../repositories/decisionsRepository';
import { applyEpisodeChangeRows, episodesOf, listEpisodes } from '../repositories/episodesRepository';
import { actorOf } from './actor';
import { refreshCaseState } from './caseState';
import type { ServiceContext } from './context';
import { decisionRecord, requireDecisionRow } from './decisionsService';
import { DomainError } from './errors';

/** Nobody reviews their own decision, whatever roles they hold: checked by id, never by name. */
function requireReviewable(row: DecisionRow, reviewerId: string): void {
  if (row.author_id === reviewerId) throw new DomainError('forbidden', 'You wrote this decision; another supervisor must review it.');
  if (row.status !== 'submitted')
    throw new DomainError('conflict', `This decision is ${row.status === 'approved' ? 'already approved' : row.status}, not waiting for review.`);
}

/**
 * `reviewedAt` is when the review happened when that was elsewhere (a sign-off packet); otherwise it is now.
 */
export async function approveDecision(
  ctx: ServiceContext,
  decisionId: string,
  comment: string | undefined,
  reviewedAt?: string,
): Promise<DecisionRecord> {
  const reviewer = actorOf(ctx);
  const row = await requireDecisionRow(ctx, decisionId);
  requireReviewable(row, reviewer.id);
  const assessment = await findAssessment(ctx.db, row.assessment_id);
  if (assessment?.amendedById) {
    throw new DomainError(
      'conflict',
      'The assessment behind this decision was amended after it was submitted. Return the decision so the clinician decides on the latest version.',
    );
  }
  const now = ctx.clock.now().toISOString();
  await updateDecision(ctx.db, row.id, {
    status: 'approved',
    reviewer_id: reviewer.id,
    review_comment: comment ?? null,
    reviewed_at: reviewedAt ?? now,
    updated_at: now,
  });
  await insertReview(ctx.db, {
    id: ctx.newId(),
    decisionId: row.id,
    reviewerId: reviewer.id,
    outcome: 'approved',
    comment: comment ?? null,
    at: reviewedAt ?? now,
  });
  if (row.supersedes_id !== null) await correctPredecessor(ctx, row, row.supersedes_id);
  else if (row.effective_date <= ctx.clock.today()) await applyTransition(ctx, row, true);
  await refreshCaseState(ctx, row.case_id);
  return decisionRecord(ctx, row.id);
}

export async function returnDecision(ctx: ServiceContext, decisionId: string, comment: string, reviewedAt?: string): Promise<DecisionRecord> {
  const reviewer = actorOf(ctx);
  const row = await requireDecisionRow(ctx, decisionId);
  requireReviewable(row, reviewer.id);
  const now = ctx.clock.now().toISOString();
  const at = reviewedAt ?? now;
  await updateDecision(ctx.db, row.id, { status: 'returned', reviewer_id: reviewer.id, review_comment: comment, reviewed_at: at, updated_at: now });
  await insertReview(ctx.db, { id: ctx.newId(), decisionId: row.id, reviewerId: reviewer.id, outcome: 'returned', comment, at });
  await refreshCaseState(ctx, row.case_id);
  return decisionRecord(ctx, row.id);
}

/**
 * A decision opens at most one episode, so its id follows from the decision's: the installation that approves
 * a decision and the one that applies the same approval from a sign-off packet (docs/PACKETS.md) name the episode
 * alike, and the next packet for the case matches it instead of carrying a second open episode.
 */
export function episodeIdOpenedBy(decisionId: string): string {
  return `${decisionId}.episode`;
}

/**
 * Moves the case to the decision's level on its effective date: closes the open episode and opens the
 * next. When `strict`, a conflict refuses the whole approval; when applying due plans at start-up it is
 * recorded on the decision instead, for a person to resolve.
 */
async function applyTransition(ctx: ServiceContext, row: DecisionRow, strict: boolean): Promise<void> {
  const records = await listEpisodes(ctx.db, row.case_id);
  const plan = planTransition(episodesOf(records), row.chosen_level, row.effective_date, episodeIdOpenedBy(row.id));
  const now = ctx.clock.now().toISOString();
  if (!plan.ok) {
    if (strict) throw new DomainError('conflict', `The decision cannot be applied: ${plan.message} Correct the effective date first.`);
    await updateDecision(ctx.db, row.id, { apply_problem: plan.message, updated_at: now });
    return;
  }
  await applyEpisodeChangeRows(ctx.db, row.case_id, plan.changes, row.id, now);
  await updateDecision(ctx.db, row.id, { applied_at: now, apply_problem: null });
  const opened = plan.changes.find((change) => change.kind === 'open');
  await recordReadmission(ctx, row, now, opened?.kind === 'open' ? opened.episode.id : null);
}

/** A decision that opens care for a discharged case is its readmission. */
async function recordReadmission(ctx: ServiceContext, row: DecisionRow, now: string, episodeId: string | null): Promise<void> {
  const found = await ctx.db.selectFrom('cases').select('status').where('id', '=', row.case_id).executeTakeFirst();
  if (found?.status !== 'discharged') return;
  await ctx.db.updateTable('cases').set({ status: 'active', updated_at: now }).where('id', '=', row.case_id).execute();
  await insertCareEvent(ctx.db, {
    id: ctx.newId(),
    case_id: row.case_id,
    kind: 'readmission',
    event_date: row.effective_date,
    episode_id: episodeId,
    end_reason: null,
    reason: null,
    details: JSON.stringify({ decisionId: row.id }),
    recorded_by: ctx.actor?.id ?? row.reviewer_id ?? row.author_id,
    recorded_at: now,
  });
}

/** A correction moves the boundary its predecessor created, in the same transaction as its approval. */
async function correctPredecessor(ctx: ServiceContext, row: DecisionRow, predecessorId: string): Promise<void> {
  const [predecessor] = await listDecisionRecords(ctx.db, { ids: [predecessorId] });
  if (!predecessor || predecessor.status !== 'approved' || predecessor.supersededById !== null) {
    throw new DomainError('conflict', 'The decision this corrects has already been corrected or is no longer approved.');
  }
  const now = ctx.clock.now().toISOString();
  await updateDecision(ctx.db, predecessorId, { superseded_by_id: row.id, updated_at: now });
  if (predecessor.appliedAt === null) {
    // The predecessor was only planned: the correction simply takes its place.
    if (row.effective_date <= ctx.clock.today()) await applyTransition(ctx, row, true);
    return;
  }
  if (row.effective_date > ctx.clock.today()) {
    throw new DomainError('invalid_input', 'A correction moves a transition that already happened, so its date cannot be in the future.', [
      { path: 'effectiveDate', message: 'Choose today or an earlier date.' },
    ]);
  }
  const records = await listEpisodes(ctx.db, row.case_id);
  const opened = records.find((episode) => episode.openedByDecisionId === predecessorId);
  const plan = opened
    ? planCorrection(episodesOf(records), opened.id, row.chosen_level, row.effective_date)
    : planTransition(episodesOf(records), row.chosen_level, row.effective_date, episodeIdOpenedBy(row.id));
  if (!plan.ok) throw new DomainError('conflict', `The correction cannot be applied: ${plan.message}`);
  await applyEpisodeChangeRows(ctx.db, row.case_id, plan.changes, row.id, now);
  await ctx.db.updateTable('episodes').set({ opened_by_decision_id: row.id }).where('opened_by_decision_id', '=', predecessorId).execute();
  await updateDecision(ctx.db, row.id, { applied_at: now });
}

/** Planned transitions whose day has come: applied on the first start on or after their effective date. */
export async function applyDueTransitions(ctx: ServiceContext): Promise<{ decisionId: string; caseId: string }[]> {
  const due = await pendingTransitions(ctx.db, { dueBy: ctx.clock.today() });
  for (const row of due) {
    await applyTransition(ctx, row, false);
    await refreshCaseState(ctx, row.case_id);
  }
  return due.map((row) => ({ decisionId: row.id, caseId: row.case_id }));
}

/** How many decisions wait for review, as the queue without filters lists them. */
export async function reviewQueueCount(ctx: Pick<ServiceContext, 'db'>): Promise<{ pending: number }> {
  const row = await ctx.db
    .selectFrom('decisions')
    .select((eb) => eb.fn.countAll<number>().as('pending'))
    .where('decisions.status', '=', 'submitted')
    .executeTakeFirstOrThrow();
  return { pending: Number(row.pending) };
}

/**
 * The decisions waiting for review, oldest first, each with its case and what the rules said: read in one query
 * (and one for their records), not one per decision — a county programme's queue holds thousands.
 */
export async function reviewQueue(ctx: ServiceContext, options: { varianceOnly: boolean; clinicianId?: string }): Promise<{ items: QueueItem[] }> {
  let query = ctx.db
    .selectFrom('decisions')
    .innerJoin('cases', 'cases.id', 'decisions.case_id')
    .innerJoin('assessments', 'assessments.id', 'decisions.assessment_id')
    .leftJoin('users as clinician', 'clinician.id', 'cases.clinician_id')
    .select([
      'decisions.id',
      'cases.mrn',
      'cases.full_name',
      'cases.level',
      'cases.clinician_id',
      'clinician.display_name as clinician_name',
      'assessments.assessed_on',
      'assessments.recommendation',
    ])
    .where('decisions.status', '=', 'submitted');
  if (options.varianceOnly) query = query.where('decisions.variance_reason', 'is not', null);
  if (options.clinicianId !== undefined) query = query.where('decisions.author_id', '=', options.clinicianId);
  const rows = await query.orderBy('decisions.submitted_at').orderBy('decisions.id').execute();
  const records = await listDecisionRecords(ctx.db, { ids: rows.map((row) => row.id) });
  const byId = new Map(records.map((record) => [record.id, record]));
  const items = rows.flatMap((row): QueueItem[] => {
    const decision = byId.get(row.id);
    if (!decision) return [];
    const recommendation = readStoredRecommendation(decision.assessmentId, row.recommendation);
    return [
      {
        decision,
        caseMrn: row.mrn,
        caseName: row.full_name,
        caseClinician: row.clinician_id && row.clinician_name ? { id: row.clinician_id, displayName: row.clinician_name } : null,
        currentLevel: row.level,
        decisionTransition: deriveTransition(row.level ?? 'none', decision.chosenLevel),
        recommendedTransition: recommendation.transition,
        assessedOn: row.assessed_on,
        reasons: [...recommendation.reasons],
      },
    ];
  });
  return { items };
}
