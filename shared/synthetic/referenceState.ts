import type { ReviewIntervals } from '../contract/care';
import type { DecisionStatus } from '../contract/cases';
import { addDays, type IsoDate } from '../domain/dates';
import type { Level } from '../domain/levels';
import type { ReferenceCase } from './referenceTypes';

/** The caseload's derived columns of a case, as the app's refreshCaseState would compute them from its records. */
export interface ReferenceCaseState {
  readonly level: Level | null;
  readonly levelSince: IsoDate | null;
  readonly recommendedLevel: Level | null;
  readonly latestAssessmentId: string | null;
  readonly decisionStatus: DecisionStatus | null;
  readonly plannedLevel: Level | null;
  readonly plannedOn: IsoDate | null;
  readonly lastReviewOn: IsoDate | null;
  readonly nextReviewDue: IsoDate | null;
  /** The latest moment anything in the record changed. */
  readonly updatedAt: string;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Derived in memory so the reference database is written in one pass instead of refreshing 100,000 cases through
 * the service; an integration test checks that refreshCaseState agrees with it on every column.
 */
export function referenceCaseState(item: ReferenceCase, intervals: ReviewIntervals): ReferenceCaseState {
  const current = item.episodes.find((episode) => episode.endDate === null);
  const latest = [...item.assessments].sort(
    (a, b) => compare(b.assessment.assessedOn, a.assessment.assessedOn) || compare(b.createdAt, a.createdAt) || compare(b.id, a.id),
  )[0];
  const decided = item.decisions
    .filter((decision) => decision.status !== 'withdrawn')
    .sort((a, b) => compare(b.createdAt, a.createdAt) || compare(b.id, a.id))[0];
  const planned = item.decisions
    .filter((decision) => decision.status === 'approved' && decision.appliedAt === null)
    .sort((a, b) => compare(a.effectiveDate, b.effectiveDate) || compare(a.reviewedAt ?? '', b.reviewedAt ?? '') || compare(a.id, b.id))[0];
  let lastReviewOn: IsoDate | null = null;
  if (current) {
    for (const { assessment } of item.assessments) {
      if (assessment.assessedOn >= current.startDate && (lastReviewOn === null || assessment.assessedOn > lastReviewOn))
        lastReviewOn = assessment.assessedOn;
    }
  }
  const moments = [
    item.createdAt,
    ...item.assessments.map((assessment) => assessment.createdAt),
    ...item.decisions.map((decision) => decision.updatedAt),
  ];
  return {
    level: current?.level ?? null,
    levelSince: current?.startDate ?? null,
    recommendedLevel: latest?.recommendation.level ?? null,
    latestAssessmentId: latest?.id ?? null,
    decisionStatus: decided?.status ?? null,
    plannedLevel: planned?.chosenLevel ?? null,
    plannedOn: planned?.effectiveDate ?? null,
    lastReviewOn,
    nextReviewDue: current ? addDays(lastReviewOn ?? current.startDate, intervals[current.level]) : null,
    updatedAt: moments.reduce((latestMoment, moment) => (moment > latestMoment ? moment : latestMoment)),
  };
}
