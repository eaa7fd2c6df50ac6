import { addDays, type IsoDate } from '../domain/dates';
import type { Level } from '../domain/levels';
import { needsVariance, type VarianceReason } from '../domain/variance';
import type { DecisionStatus } from '../contract/cases';
import type { SeededRandom } from './random';
import type { PlannedAssessment } from './referenceAssessments';
import type { HistoryEpisode } from './referenceHistory';
import type { ReferenceAssessment, ReferenceDecision, ReferenceReview } from './referenceTypes';

const VARIANCES: readonly (readonly [VarianceReason, number, string])[] = [
  ['patient-preference', 30, 'Prefers to stay at the current level for now; agreed to review in two weeks.'],
  ['payer-authorization', 20, 'Payer authorized the current level only; appeal filed.'],
  ['no-bed-or-slot', 20, 'No bed or slot at the recommended level until next month; weekly check-ins meanwhile.'],
  ['clinical-judgement', 15, 'Recent stabilisation not yet reflected in the ratings; reassess in a week.'],
  ['legal-mandate', 5, 'Court order names the level of care.'],
  ['incomplete-assessment', 3, 'Part of the assessment is still outstanding.'],
  ['other', 7, 'Family circumstances; see the case notes.'],
];

const PENDING: readonly (readonly [DecisionStatus | 'planned', number])[] = [
  ['submitted', 45],
  ['draft', 15],
  ['returned', 20],
  ['planned', 20],
];

const RETURN_COMMENT = 'Please document the withdrawal risk before this goes ahead.';

export interface DecisionContext {
  readonly random: SeededRandom;
  readonly newId: () => string;
  readonly history: readonly HistoryEpisode[];
  readonly planned: readonly PlannedAssessment[];
  readonly assessments: readonly ReferenceAssessment[];
  readonly count: number;
  readonly active: boolean;
  readonly authorId: string;
  readonly reviewerIds: readonly string[];
  readonly today: IsoDate;
}

/** A moment on a given day; the hour keeps the day's events in order. */
export const at = (day: IsoDate, hour: number, minute = 0): string =>
  `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;

/**
 * `count` decisions: one pending on the latest assessment for some people in care (submitted, draft, returned
 * or approved for a future date), approved decisions that opened the most recent episodes, and withdrawn or
 * returned ones that came to nothing. Returns them in the order they were made, with the episodes each opened.
 */
export function planDecisions(context: DecisionContext): { decisions: ReferenceDecision[]; openedBy: Map<number, string> } {
  const { random, planned, assessments, count, active } = context;
  const decisions: ReferenceDecision[] = [];
  const openedBy = new Map<number, string>();
  const latest = assessments.length - 1;
  const pending = active && count > 0 && latest >= 0 && (context.history.length === 0 || random.chance(0.4)) ? 1 : 0;
  const openings = planned.flatMap((plan, index) => (plan.opensEpisode === null ? [] : [index])).reverse();
  const opened = openings.slice(0, Math.min(count - pending, openings.length));
  for (const index of opened) {
    const episodeIndex = planned[index]?.opensEpisode ?? null;
    const episode = episodeIndex === null ? undefined : context.history[episodeIndex];
    if (episodeIndex === null || !episode) continue;
    const decision = openingDecision(context, index, episode);
    decisions.push(decision);
    openedBy.set(episodeIndex, decision.id);
  }
  for (let extra = decisions.length + pending; extra < count; extra += 1)
    decisions.push(abandonedDecision(context, random.int(0, Math.max(0, latest))));
  if (pending === 1) decisions.push(pendingDecision(context, latest));
  decisions.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  return { decisions, openedBy };
}

function base(context: DecisionContext, index: number, chosenLevel: Level, effectiveDate: IsoDate) {
  const assessment = context.assessments[index];
  if (!assessment) throw new Error(`No assessment ${index} to decide on`);
  const recommendedLevel = assessment.recommendation.level;
  const variance = needsVariance(recommendedLevel, chosenLevel)
    ? context.random.weighted(VARIANCES.map(([reason, weight]) => [reason, weight] as const))
    : null;
  return {
    id: context.newId(),
    assessmentId: assessment.id,
    assessedOn: assessment.assessment.assessedOn,
    recommendedLevel,
    rulesetVersion: assessment.recommendation.rulesetVersion,
    chosenLevel,
    effectiveDate,
    varianceReason: variance,
    varianceText: variance === null ? null : (VARIANCES.find(([reason]) => reason === variance)?.[2] ?? null),
    authorId: context.authorId,
  };
}

function review(context: DecisionContext, outcome: ReferenceReview['outcome'], reviewerId: string, reviewedAt: string): ReferenceReview {
  return { id: context.newId(), reviewerId, outcome, comment: outcome === 'returned' ? RETURN_COMMENT : null, reviewedAt };
}

/** Approved and applied: the decision that opened this episode on its first day. */
function openingDecision(context: DecisionContext, index: number, episode: HistoryEpisode): ReferenceDecision {
  const { random } = context;
  const core = base(context, index, episode.level, episode.startDate);
  const reviewerId = random.pick(context.reviewerIds);
  const createdAt = at(core.assessedOn, 10, random.int(0, 59));
  const dayAfter = addDays(core.assessedOn, 1);
  const reviewedAt = at(dayAfter <= episode.startDate ? dayAfter : episode.startDate, 15, random.int(0, 59));
  // One in eight was returned once, corrected and approved on resubmission.
  const reviews = random.chance(0.12)
    ? [review(context, 'returned', reviewerId, at(core.assessedOn, 13)), review(context, 'approved', reviewerId, reviewedAt)]
    : [review(context, 'approved', reviewerId, reviewedAt)];
  const { assessedOn: _day, ...fields } = core;
  return {
    ...fields,
    status: 'approved',
    reviewerId,
    reviewComment: null,
    appliedAt: reviewedAt,
    createdAt,
    updatedAt: reviewedAt,
    submittedAt: at(core.assessedOn, 11),
    reviewedAt,
    reviews,
  };
}

/** On the latest assessment, not yet in effect: waiting for review, a draft, returned, or approved for a coming day. */
function pendingDecision(context: DecisionContext, index: number): ReferenceDecision {
  const { random, today } = context;
  const current = context.history.at(-1);
  const currentLevel = current && current.endDate === null ? current.level : null;
  const recommended = context.assessments[index]?.recommendation.level ?? null;
  const chosen: Level =
    recommended !== null && (recommended !== currentLevel || random.chance(0.5)) ? recommended : currentLevel === 'iop' ? 'outpatient' : 'iop';
  let status = random.weighted(PENDING);
  if (status === 'planned' && chosen === currentLevel) status = 'submitted';
  const effective = addDays(today, status === 'planned' ? random.int(1, 30) : random.int(0, 14));
  const core = base(context, index, chosen, effective);
  const wrote = addDays(core.assessedOn, random.int(0, 2));
  const createdOn = wrote > today ? today : wrote;
  const createdAt = at(createdOn, 9, random.int(0, 59));
  const reviewerId = random.pick(context.reviewerIds);
  const reviewedAt = at(createdOn, 16);
  const { assessedOn: _day, ...fields } = core;
  const submitted = status === 'draft' ? null : at(createdOn, 10);
  const reviewed = status === 'returned' || status === 'planned';
  return {
    ...fields,
    status: status === 'planned' ? 'approved' : status,
    reviewerId: reviewed ? reviewerId : null,
    reviewComment: status === 'returned' ? RETURN_COMMENT : null,
    appliedAt: null,
    createdAt,
    updatedAt: reviewed ? reviewedAt : (submitted ?? createdAt),
    submittedAt: submitted,
    reviewedAt: reviewed ? reviewedAt : null,
    reviews: reviewed ? [review(context, status === 'returned' ? 'returned' : 'approved', reviewerId, reviewedAt)] : [],
  };
}

/** Written and then withdrawn by its author, or returned and never taken further. */
function abandonedDecision(context: DecisionContext, index: number): ReferenceDecision {
  const { random } = context;
  const plan = context.planned[index];
  const from = plan?.currentLevel === 'none' || plan === undefined ? 'iop' : plan.currentLevel;
  const chosen: Level = from === 'iop' ? random.pick(['outpatient', 'inpatient'] as const) : 'iop';
  const core = base(context, index, chosen, addDays(plan?.assessedOn ?? context.today, random.int(0, 7)));
  const createdAt = at(core.assessedOn, 12, random.int(0, 59));
  const returned = random.chance(0.25);
  const reviewerId = random.pick(context.reviewerIds);
  const closedAt = at(core.assessedOn, 17);
  const { assessedOn: _day, ...fields } = core;
  return {
    ...fields,
    status: returned ? 'returned' : 'withdrawn',
    reviewerId: returned ? reviewerId : null,
    reviewComment: returned ? RETURN_COMMENT : null,
    appliedAt: null,
    createdAt,
    updatedAt: closedAt,
    submittedAt: at(core.assessedOn, 13),
    reviewedAt: returned ? closedAt : null,
    reviews: returned ? [review(context, 'returned', reviewerId, closedAt)] : [],
  };
}
