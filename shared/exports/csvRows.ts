import type { AssessmentRecord } from '../contract/assessments';
import type { EpisodeRecord } from '../contract/caseDetail';
import type { CaseSummary } from '../contract/cases';
import type { DecisionRecord } from '../contract/decisions';
import type { AssessmentCsvColumn, CaseCsvColumn, DecisionCsvColumn, EpisodeCsvColumn } from '../domain/csvColumns';
import { daysBetween } from '../domain/dates';
import { reviewsOf } from '../domain/decisionReviews';
import { needsVariance } from '../domain/variance';
import { CRITERIA, DIMENSIONS } from '../rules/assessment';
import type { CsvValue } from './csvCells';

/**
 * One record per CSV row, keyed by the column names of shared/domain/csvColumns.ts. Levels, statuses and reasons
 * are written as their codes (words such as "iop", "stepped-down"), dates as YYYY-MM-DD, instants as ISO 8601 UTC.
 */
type CsvRecord<C extends string> = Readonly<Record<C, CsvValue>>;

export function caseCsvRecord(summary: CaseSummary, clinicianUsername: string | null): CsvRecord<CaseCsvColumn> {
  return {
    mrn: summary.mrn,
    name: summary.fullName,
    date_of_birth: summary.dateOfBirth,
    clinician_username: clinicianUsername,
    program: summary.program,
    payer: summary.payer,
    status: summary.status,
    clinician_name: summary.clinician?.displayName,
    current_level: summary.level,
    level_since: summary.levelSince,
    recommended_level: summary.recommendedLevel,
    decision_status: summary.decisionStatus,
    next_review_due: summary.nextReviewDue,
  };
}

/** `exportIds` maps internal assessment ids to the ids exports use (see assessmentExportIds). */
export function assessmentCsvRecord(mrn: string, record: AssessmentRecord, exportIds: ReadonlyMap<string, string>): CsvRecord<AssessmentCsvColumn> {
  const { assessment, recommendation } = record;
  const dimensions = Object.fromEntries(DIMENSIONS.map((name) => [name, assessment.dimensions?.[name]]));
  const criteria = Object.fromEntries(CRITERIA.map((name) => [name, assessment.criteria?.[name]]));
  return {
    mrn,
    assessed_on: assessment.assessedOn,
    current_level: assessment.currentLevel,
    severity: assessment.severity,
    ...(dimensions as Record<(typeof DIMENSIONS)[number], CsvValue>),
    ...(criteria as Record<(typeof CRITERIA)[number], CsvValue>),
    weekly_treatment_hours: assessment.weeklyTreatmentHours,
    note: record.note,
    assessment_id: exportIds.get(record.id),
    amends_assessment_id: record.amendsId === null ? null : exportIds.get(record.amendsId),
    recommended_level: recommendation.level,
    transition: recommendation.transition,
    reasons: recommendation.reasons.join('\n'),
    warnings: recommendation.warnings.join('\n'),
    missing: recommendation.missing.join('; '),
    rule_ids: recommendation.ruleIds.join('; '),
    ruleset_version: recommendation.rulesetVersion,
    assessed_by: record.assessor?.displayName,
    recorded_at: record.createdAt,
  };
}

/** What a decision row names besides the decision: the assessment it rests on and the decision it corrects. */
export interface DecisionContext {
  readonly assessment: { readonly exportId: string; readonly assessedOn: string } | undefined;
  readonly correctsEffectiveDate: string | undefined;
}

export function decisionCsvRecord(mrn: string, decision: DecisionRecord, context: DecisionContext): CsvRecord<DecisionCsvColumn> {
  const reviews = reviewsOf(decision);
  const latest = reviews.at(-1);
  return {
    mrn,
    assessment_id: context.assessment?.exportId,
    assessed_on: context.assessment?.assessedOn,
    recommended_level: decision.recommendedLevel,
    chosen_level: decision.chosenLevel,
    variance: needsVariance(decision.recommendedLevel, decision.chosenLevel),
    variance_reason: decision.varianceReason,
    variance_text: decision.varianceText,
    effective_date: decision.effectiveDate,
    status: decision.status,
    decided_by: decision.author.displayName,
    decided_at: decision.createdAt,
    submitted_at: decision.submittedAt,
    review_outcome: latest?.outcome,
    reviewed_by: latest?.reviewer.displayName,
    reviewed_at: latest?.reviewedAt,
    review_comment: latest?.comment,
    review_history: reviews.map(describeReview).join('\n'),
    corrects_decision_effective: context.correctsEffectiveDate,
    superseded: decision.supersededById !== null,
    ruleset_version: decision.rulesetVersion,
  };
}

function describeReview(review: DecisionRecord['reviews'][number]): string {
  return `${review.reviewedAt} ${review.outcome} by ${review.reviewer.displayName}${review.comment ? `: ${review.comment}` : ''}`;
}

export function episodeCsvRecord(mrn: string, episode: EpisodeRecord): CsvRecord<EpisodeCsvColumn> {
  return {
    mrn,
    level: episode.level,
    started_on: episode.startDate,
    ended_on: episode.endDate,
    end_reason: episode.endReason,
    days: episode.endDate === null ? null : daysBetween(episode.startDate, episode.endDate),
  };
}
