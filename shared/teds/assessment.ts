import type { Level } from '../domain/levels';
import type { Assessment, Criteria } from '../rules/assessment';
import { evaluateAssessment } from '../rules/evaluate';
import { currentRuleset } from '../rules/registry';
import type { Ruleset } from '../rules/rule';
import type { TedsRecord } from './records';

/**
 * Which TEDS-D fields fill a rule input, and why the others do not (docs/TEDS.md has the full table). A field is
 * mapped only where it means the same thing as the criterion; everything else stays unknown, and the rules never
 * guess an unknown.
 */
export const TEDS_RULE_INPUTS = [
  {
    field: 'LIVARAG',
    input: 'criteria.safeSoberHousing',
    mapping: 'Homeless at admission (1) → no safe, sober place to live (false). Dependent or independent living → unknown.',
  },
] as const;

/** The criteria a TEDS-D record answers: only homelessness at admission, which means having no safe, sober home. */
export function tedsCriteria(record: Pick<TedsRecord, 'livingArrangement'>): Criteria {
  // A home (dependent or independent living) says nothing about whether it is sober or safe: left unknown.
  return record.livingArrangement === 1 ? { safeSoberHousing: false } : {};
}

export interface TedsRecommendation {
  /** Null: the mapped fields are too few for the rules to decide (insufficient data). */
  readonly level: Level | null;
  readonly rulesetVersion: string;
}

/**
 * Runs the rules on what the record answers. The rules read no date, but the assessment shape has one: the
 * placeholder below never leaves this function (only the level and the ruleset version are returned), so no date
 * is ever stored or shown for a TEDS-D record.
 */
export function recommendForTedsRecord(record: Pick<TedsRecord, 'livingArrangement'>, ruleset: Ruleset = currentRuleset): TedsRecommendation {
  const criteria = tedsCriteria(record);
  const assessment: Assessment = {
    id: 'teds-d-record',
    assessedOn: NO_DATE,
    currentLevel: 'none',
    ...(Object.keys(criteria).length > 0 ? { criteria } : {}),
  };
  const recommendation = evaluateAssessment(assessment, ruleset);
  return { level: recommendation.level, rulesetVersion: recommendation.rulesetVersion };
}

/** Not a date: TEDS-D records have none, and the rules do not read it. */
const NO_DATE = '';
