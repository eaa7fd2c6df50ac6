import { z } from 'zod';
import { LEVELS, levelRank, type Level } from '../domain/levels';
import type { AssessmentFieldError, CurrentLevel } from './assessment';

export const TRANSITIONS = ['admit', 'continue', 'step-up', 'step-down'] as const;
export type Transition = (typeof TRANSITIONS)[number];

/** The result of evaluating one assessment; `level` is null when unknown fields keep the rules from deciding. */
export interface Recommendation {
  readonly id: string;
  readonly level: Level | null;
  readonly transition: Transition | null;
  /** Every rule that fired: level rules first, then reason and warning rules, each in ruleset order. */
  readonly ruleIds: readonly string[];
  readonly reasons: readonly string[];
  readonly warnings: readonly string[];
  readonly rulesetVersion: string;
  /** Dotted paths of the assessment fields left out as unknown. */
  readonly missing: readonly string[];
}

/** For outputs read back from storage or received over IPC. */
export const recommendationSchema = z.strictObject({
  id: z.string(),
  level: z.enum(LEVELS).nullable(),
  transition: z.enum(TRANSITIONS).nullable(),
  ruleIds: z.array(z.string()),
  reasons: z.array(z.string()),
  warnings: z.array(z.string()),
  rulesetVersion: z.string(),
  missing: z.array(z.string()),
});

/** One slot of a batch: the recommendation, or the first problem found in that item. */
export interface RejectedAssessment {
  readonly id?: string;
  readonly error: AssessmentFieldError;
}
export type BatchEntry = Recommendation | RejectedAssessment;

export function isRejected(entry: BatchEntry): entry is RejectedAssessment {
  return 'error' in entry;
}

/** How a person moves from where they are now to the recommended level. */
export function deriveTransition(currentLevel: CurrentLevel, level: Level | null): Transition | null {
  if (level === null) return null;
  if (currentLevel === 'none') return 'admit';
  const change = levelRank(level) - levelRank(currentLevel);
  if (change === 0) return 'continue';
  return change > 0 ? 'step-up' : 'step-down';
}
