import type { DecisionStatus } from '../contract/cases';
import type { CaseStatus } from '../domain/case';
import type { IsoDate } from '../domain/dates';
import type { EpisodeEndReason } from '../domain/episodes';
import type { Level } from '../domain/levels';
import type { VarianceReason } from '../domain/variance';
import type { Assessment } from '../rules/assessment';
import type { Recommendation } from '../rules/recommendation';

/** The reference caseload: the benchmark's data, the same for the same seed, size and day. */
export interface ReferenceOptions {
  readonly seed: number;
  readonly cases: number;
  readonly today: IsoDate;
}

/** Records per case on average; every block of cases holds exactly these many, so totals are exact. */
export const REFERENCE_RECORDS_PER_CASE = { assessments: 3, decisions: 2, episodes: 4 } as const;

export interface ReferencePerson {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
}

/** Invented staff: clinicians who hold the cases and write decisions, supervisors who review them. */
export interface ReferenceStaff {
  readonly clinicians: readonly ReferencePerson[];
  readonly supervisors: readonly ReferencePerson[];
}

export interface ReferenceEpisode {
  readonly id: string;
  readonly level: Level;
  readonly startDate: IsoDate;
  readonly endDate: IsoDate | null;
  readonly endReason: EpisodeEndReason | null;
  /** The episode this one replaced in a same-day step up or down; null for an admission. */
  readonly followsId: string | null;
  /** The approved decision that opened it; null for care recorded before the clinic used Stepwise. */
  readonly openedByDecisionId: string | null;
}

export interface ReferenceAssessment {
  readonly id: string;
  readonly assessment: Assessment;
  readonly recommendation: Recommendation;
  readonly createdAt: string;
  readonly assessorId: string;
}

export interface ReferenceReview {
  readonly id: string;
  readonly reviewerId: string;
  readonly outcome: 'approved' | 'returned';
  readonly comment: string | null;
  readonly reviewedAt: string;
}

export interface ReferenceDecision {
  readonly id: string;
  readonly assessmentId: string;
  readonly recommendedLevel: Level | null;
  readonly rulesetVersion: string;
  readonly chosenLevel: Level;
  readonly effectiveDate: IsoDate;
  readonly status: DecisionStatus;
  readonly varianceReason: VarianceReason | null;
  readonly varianceText: string | null;
  readonly authorId: string;
  readonly reviewerId: string | null;
  readonly reviewComment: string | null;
  readonly appliedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly submittedAt: string | null;
  readonly reviewedAt: string | null;
  /** Oldest first; a decision returned once and then approved has two. */
  readonly reviews: readonly ReferenceReview[];
}

export interface ReferenceAttendance {
  readonly id: string;
  readonly sessionDate: IsoDate;
  readonly hours: number;
}

export interface ReferenceAuthorization {
  readonly id: string;
  readonly payer: string;
  readonly level: Level;
  readonly fromDate: IsoDate;
  readonly toDate: IsoDate;
  readonly units: number;
}

/** One invented person's whole record: the case, its care history, assessments and decisions. */
export interface ReferenceCase {
  readonly id: string;
  readonly mrn: string;
  readonly fullName: string;
  readonly dateOfBirth: IsoDate;
  readonly program: string;
  readonly payer: string | null;
  readonly clinicianId: string | null;
  readonly status: CaseStatus;
  readonly createdAt: string;
  /** Oldest first; only the last may be open. */
  readonly episodes: readonly ReferenceEpisode[];
  /** Oldest first. */
  readonly assessments: readonly ReferenceAssessment[];
  /** In the order they were made. */
  readonly decisions: readonly ReferenceDecision[];
  readonly attendance: readonly ReferenceAttendance[];
  readonly authorization: ReferenceAuthorization | null;
}
