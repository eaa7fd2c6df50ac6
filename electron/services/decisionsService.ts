import type { DecisionRecord, SaveDecisionRequest } from '../../shared/contract/decisions';
import { addDays } from '../../shared/domain/dates';
import { needsVariance } from '../../shared/domain/variance';
import type { FieldError } from '../../shared/contract/result';
import { planCorrection, planTransition } from '../../shared/domain/episodes';
import type { Level } from '../../shared/domain/levels';
import { findAssessment } from '../repositories/assessmentsRepository';
import { episodesOf, listEpisodes } from '../repositories/episodesRepository';
import { findDecisionRow, insertDecision, listDecisionRecords, updateDecision, type DecisionRow } from '../repositories/decisionsRepository';
import { actorOf } from './actor';
import { refreshCaseState } from './caseState';
import { requireCase } from './casesService';
import type { ServiceContext } from './context';
import { DomainError, invalidField } from './errors';

/** How far ahead a planned transition may be dated. */
export const MAX_DAYS_AHEAD = 365;
const OPEN_STATUSES: ReadonlySet<DecisionRow['status']> = new Set(['draft', 'submitted', 'returned']);

export async function decisionRecord(ctx: Pick<ServiceContext, 'db'>, id: string): Promise<DecisionRecord> {
  const [record] = await listDecisionRecords(ctx.db, { ids: [id] });
  if (!record)
    throw new DomainError('not_found', 'That decision does not exist.', [{ path: 'decisionId', message: 'That decision does not exist.' }]);
  return record;
}

export async function requireDecisionRow(ctx: Pick<ServiceContext, 'db'>, id: string): Promise<DecisionRow> {
  const row = await findDecisionRow(ctx.db, id);
  if (!row) throw new DomainError('not_found', 'That decision does not exist.', [{ path: 'decisionId', message: 'That decision does not exist.' }]);
  return row;
}

/** Only the author changes a decision before review; approved decisions are never changed. */
function requireAuthorOfOpen(row: DecisionRow, actorId: string, action: string): void {
  if (row.author_id !== actorId) throw new DomainError('forbidden', `Only the clinician who wrote this decision can ${action} it.`);
  if (row.status === 'approved')
    throw new DomainError('conflict', 'This decision has been approved and cannot be changed. Record a correction instead.');
  if (!OPEN_STATUSES.has(row.status)) throw new DomainError('conflict', `This decision is ${row.status} and cannot be changed.`);
}

/**
 * Creates or edits a draft, and with `submit` also submits it, all in one transaction. The recommendation
 * comes from the stored assessment, never from the caller.
 */
export async function saveDecision(ctx: ServiceContext, input: SaveDecisionRequest): Promise<DecisionRecord> {
  const actor = actorOf(ctx);
  const found = await requireCase(ctx, input.caseId);
  const existing = input.decisionId === undefined ? undefined : await requireDecisionRow(ctx, input.decisionId);
  if (existing) {
    if (existing.case_id !== found.id) throw invalidField('decisionId', 'That decision belongs to another case.');
    requireAuthorOfOpen(existing, actor.id, 'edit');
    if (existing.status === 'submitted') throw new DomainError('conflict', 'This decision is waiting for review; withdraw it to change it.');
  }
  // Editing a correction keeps it a correction: the link is never dropped by leaving the field out.
  const supersedesId = input.supersedesId ?? existing?.supersedes_id ?? undefined;
  const assessment = await findAssessment(ctx.db, input.assessmentId);
  if (!assessment || assessment.caseId !== found.id) throw invalidField('assessmentId', 'That assessment does not belong to this case.');
  if (assessment.amendedById !== null) throw invalidField('assessmentId', 'That assessment was amended; decide on its latest version.');
  const recommended = assessment.recommendation.level;
  const variance = needsVariance(recommended, input.chosenLevel);
  const problems: FieldError[] = [];
  if (variance && !input.varianceReason) {
    problems.push({
      path: 'varianceReason',
      message:
        recommended === null
          ? 'The assessment is incomplete, so choose a variance reason.'
          : 'The chosen level differs from the recommendation, so choose a variance reason.',
    });
  }
  if (variance && !input.varianceText) problems.push({ path: 'varianceText', message: 'Explain the variance in a sentence.' });
  if (input.effectiveDate < assessment.assessment.assessedOn) {
    problems.push({ path: 'effectiveDate', message: 'The effective date is before the assessment date.' });
  }
  if (input.effectiveDate > addDays(ctx.clock.today(), MAX_DAYS_AHEAD)) {
    problems.push({ path: 'effectiveDate', message: 'The effective date is more than a year ahead.' });
  }
  if (supersedesId !== undefined) await checkSupersedable(ctx, supersedesId, found.id);
  if (problems.length === 0) {
    const episodeProblem = await episodeProblemFor(ctx, found.id, input.chosenLevel, input.effectiveDate, supersedesId);
    if (episodeProblem) problems.push({ path: 'effectiveDate', message: episodeProblem });
  }
  const [first] = problems;
  if (first) throw new DomainError('invalid_input', first.message, problems);

  const now = ctx.clock.now().toISOString();
  const status = input.submit ? 'submitted' : 'draft';
  const fields = {
    assessment_id: assessment.id,
    recommended_level: recommended,
    ruleset_version: assessment.recommendation.rulesetVersion,
    chosen_level: input.chosenLevel,
    effective_date: input.effectiveDate,
    variance_reason: variance ? (input.varianceReason ?? null) : null,
    variance_text: variance ? (input.varianceText ?? null) : null,
    supersedes_id: supersedesId ?? null,
    status,
    submitted_at: input.submit ? now : null,
    updated_at: now,
  } as const;
  let id: string;
  if (existing) {
    id = existing.id;
    await updateDecision(ctx.db, id, fields);
  } else {
    await refuseSecondOpenDecision(ctx, found.id, found.fullName);
    id = ctx.newId();
    await insertDecision(ctx.db, {
      id,
      case_id: found.id,
      ...fields,
      author_id: actor.id,
      reviewer_id: null,
      review_comment: null,
      superseded_by_id: null,
      applied_at: null,
      apply_problem: null,
      created_at: now,
      reviewed_at: null,
    });
  }
  await refreshCaseState(ctx, found.id);
  return decisionRecord(ctx, id);
}

/**
 * The episode checks approval will make, run when the clinician saves, so a decision that could never be
 * applied is caught beside its date field instead of in the supervisor's queue.
 */
async function episodeProblemFor(
  ctx: ServiceContext,
  caseId: string,
  level: Level,
  effectiveDate: string,
  supersedesId: string | undefined,
): Promise<string | null> {
  const records = await listEpisodes(ctx.db, caseId);
  const episodes = episodesOf(records);
  if (supersedesId !== undefined) {
    const predecessor = await findDecisionRow(ctx.db, supersedesId);
    if (!predecessor || predecessor.applied_at === null) return null;
    if (effectiveDate > ctx.clock.today()) return 'A correction moves a transition that already happened, so its date cannot be in the future.';
    const opened = records.find((episode) => episode.openedByDecisionId === supersedesId);
    const plan = opened ? planCorrection(episodes, opened.id, level, effectiveDate) : planTransition(episodes, level, effectiveDate, 'planned');
    return plan.ok ? null : plan.message;
  }
  const plan = planTransition(episodes, level, effectiveDate, 'planned');
  return plan.ok ? null : plan.message;
}

/** One decision in progress per case, so two pending decisions can never race for the same episode. */
async function refuseSecondOpenDecision(ctx: ServiceContext, caseId: string, caseName: string): Promise<void> {
  const open = (await listDecisionRecords(ctx.db, { caseId })).find((decision) => OPEN_STATUSES.has(decision.status));
  if (open) {
    throw new DomainError(
      'conflict',
      `${caseName} already has a ${open.status === 'submitted' ? 'decision awaiting review' : `${open.status} decision`} by ${open.author.displayName}; edit or withdraw it first.`,
    );
  }
}

async function checkSupersedable(ctx: ServiceContext, supersedesId: string, caseId: string): Promise<void> {
  const target = await findDecisionRow(ctx.db, supersedesId);
  if (!target || target.case_id !== caseId) throw invalidField('supersedesId', 'The decision to correct does not belong to this case.');
  if (target.status !== 'approved') throw invalidField('supersedesId', 'Only an approved decision can be corrected; edit or withdraw the others.');
  if (target.superseded_by_id !== null) throw invalidField('supersedesId', 'That decision has already been corrected; correct the latest one.');
}

export async function submitDecision(ctx: ServiceContext, decisionId: string): Promise<DecisionRecord> {
  const actor = actorOf(ctx);
  const row = await requireDecisionRow(ctx, decisionId);
  requireAuthorOfOpen(row, actor.id, 'submit');
  if (row.status === 'submitted') throw new DomainError('conflict', 'This decision is already waiting for review.');
  const assessment = await findAssessment(ctx.db, row.assessment_id);
  if (assessment?.amendedById)
    throw new DomainError('conflict', 'The assessment behind this decision was amended; edit the decision to use the latest version.');
  const now = ctx.clock.now().toISOString();
  await updateDecision(ctx.db, row.id, { status: 'submitted', submitted_at: now, updated_at: now });
  await refreshCaseState(ctx, row.case_id);
  return decisionRecord(ctx, row.id);
}

/**
 * The author withdraws their own decision; so may a supervisor, or the clinician the case now belongs to,
 * so a case is never stuck behind the draft of someone who has left.
 */
export async function withdrawDecision(ctx: ServiceContext, decisionId: string): Promise<DecisionRecord> {
  const actor = actorOf(ctx);
  const row = await requireDecisionRow(ctx, decisionId);
  const found = await requireCase(ctx, row.case_id);
  const mayWithdraw = row.author_id === actor.id || actor.roles.includes('supervisor') || found.clinician?.id === actor.id;
  if (!mayWithdraw)
    throw new DomainError('forbidden', 'Only the author, the clinician the case belongs to, or a supervisor can withdraw this decision.');
  if (row.status === 'approved')
    throw new DomainError('conflict', 'This decision has been approved and cannot be changed. Record a correction instead.');
  if (!OPEN_STATUSES.has(row.status)) throw new DomainError('conflict', `This decision is ${row.status} and cannot be changed.`);
  await updateDecision(ctx.db, row.id, { status: 'withdrawn', updated_at: ctx.clock.now().toISOString() });
  await refreshCaseState(ctx, row.case_id);
  return decisionRecord(ctx, row.id);
}
