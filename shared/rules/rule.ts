import type { Level } from '../domain/levels';
import type { CriterionName, CurrentLevel, DimensionName, Severity } from './assessment';
import type { SeedCriterionId } from './seedCriteria';

/** A rating bound; `'any'` and `'every'` quantify over all six dimensions. */
export type DimensionSelector = DimensionName | 'any' | 'every';

/**
 * A rule's condition, as plain data so rulesets can be stored, diffed and rendered.
 * A fact that is absent from the assessment is unknown, and conditions use three-valued logic:
 * `all` is false as soon as one part is false, `any` is true as soon as one part is true.
 */
export type Condition =
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly criterion: CriterionName; readonly is: boolean }
  | { readonly severityIn: readonly Severity[] }
  | { readonly dimension: DimensionSelector; readonly atLeast: number }
  | { readonly dimension: DimensionSelector; readonly atMost: number }
  | { readonly currentLevelIn: readonly CurrentLevel[] }
  | { readonly weeklyTreatmentHoursBelow: number }
  /** Only for reason and warning rules: they are applied after the level is decided. */
  | { readonly recommendedLevelIn: readonly Level[] };

/**
 * What a rule does when it fires. A level rule indicates a level, and the most intensive level
 * indicated wins; reason and warning rules only add a sentence and never change the level.
 */
export type RuleEffect = { readonly kind: 'level'; readonly level: Level } | { readonly kind: 'reason' } | { readonly kind: 'warning' };

export interface Rule {
  /** Stable across versions: a rule keeps its id while its meaning stays the same. */
  readonly id: string;
  /** The rule in plain language, as shown on the Rules page and in docs/RULES.md. */
  readonly statement: string;
  /** The sentence a recommendation carries when the rule fires. */
  readonly reason: string;
  readonly seedCriteria: readonly SeedCriterionId[];
  readonly effect: RuleEffect;
  readonly when: Condition;
}

export interface Ruleset {
  readonly version: string;
  readonly releasedOn: string;
  readonly summary: string;
  readonly rules: readonly Rule[];
}

export function isLevelRule(rule: Rule): rule is Rule & { readonly effect: { readonly kind: 'level'; readonly level: Level } } {
  return rule.effect.kind === 'level';
}

/** True when some leaf of the condition passes the test. */
function someLeaf(condition: Condition, test: (leaf: Condition) => boolean): boolean {
  if ('all' in condition) return condition.all.some((part) => someLeaf(part, test));
  if ('any' in condition) return condition.any.some((part) => someLeaf(part, test));
  return test(condition);
}

export function usesRecommendedLevel(condition: Condition): boolean {
  return someLeaf(condition, (leaf) => 'recommendedLevelIn' in leaf);
}

export function readsWeeklyTreatmentHours(condition: Condition): boolean {
  return someLeaf(condition, (leaf) => 'weeklyTreatmentHoursBelow' in leaf);
}
