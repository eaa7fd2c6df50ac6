import type { IsoDate } from '../domain/dates';
import type { Level } from '../domain/levels';
import { listMissingFields, parseAssessment, WHOLE_ASSESSMENT_FIELD, type Assessment } from './assessment';
import { compileRuleset, type CompiledRule, type CompiledRuleset } from './compile';
import { deriveTransition, type BatchEntry, type Recommendation } from './recommendation';
import { currentRuleset } from './registry';
import type { Ruleset } from './rule';

/**
 * Recommends a level of care for one schema-valid assessment.
 *
 * The most intensive level with a rule that fires wins. Rules for inpatient care may decide on partial
 * information, because learning more can never lower a level that is already the highest. Below that,
 * a level is recommended only when nothing is missing (severity, every dimension, every criterion);
 * otherwise the level is null and `missing` lists every absent field.
 */
export function evaluateAssessment(assessment: Assessment, ruleset: Ruleset = currentRuleset): Recommendation {
  const compiled = compileRuleset(ruleset);
  const missing = listMissingFields(assessment);
  const fired: CompiledRule[] = [];
  const level = decideLevel(compiled, assessment, missing.length > 0, fired);
  const reasons: string[] = [];
  const warnings: string[] = [];
  for (const { rule } of fired) reasons.push(rule.reason);
  for (const annotation of compiled.annotations) {
    if (annotation.test(assessment, level) !== true) continue;
    fired.push(annotation);
    (annotation.rule.effect.kind === 'warning' ? warnings : reasons).push(annotation.rule.reason);
  }
  return {
    id: assessment.id,
    level,
    transition: deriveTransition(assessment.currentLevel, level),
    ruleIds: fired.map(({ rule }) => rule.id),
    reasons,
    warnings,
    rulesetVersion: ruleset.version,
    missing,
  };
}

/**
 * The level alone, decided as evaluateAssessment decides it (its reasons, warnings and transition are left out):
 * what a replay compares with the stored level.
 */
export function recommendLevel(assessment: Assessment, ruleset: Ruleset = currentRuleset): Level | null {
  return decideLevel(compileRuleset(ruleset), assessment, listMissingFields(assessment).length > 0, []);
}

/** The most intensive level with a level rule that fires, each such rule added to `fired`. */
function decideLevel(compiled: CompiledRuleset, assessment: Assessment, anyMissing: boolean, fired: CompiledRule[]): Level | null {
  const [mostIntensive] = compiled.levels;
  for (const candidate of compiled.levels) {
    // Unknown is never guessed: below the top level, any absent field leaves the level open.
    if (candidate !== mostIntensive && anyMissing) break;
    for (const rule of candidate.rules) if (rule.test(assessment, null) === true) fired.push(rule);
    if (fired.length > 0) return candidate.level;
  }
  return null;
}

/**
 * Validates and evaluates raw items (for example a parsed JSON file). An invalid item gets the first
 * problem found in its slot; the other items are still evaluated.
 */
export function evaluateBatch(items: readonly unknown[], today: IsoDate, ruleset: Ruleset = currentRuleset): BatchEntry[] {
  return items.map((item) => {
    const parsed = parseAssessment(item, today);
    if (parsed.ok) return evaluateAssessment(parsed.assessment, ruleset);
    const [error] = parsed.errors;
    const id = rawId(item);
    const firstError = error ?? { field: WHOLE_ASSESSMENT_FIELD, message: 'The assessment is not valid.' };
    return id === undefined ? { error: firstError } : { id, error: firstError };
  });
}

/** Echoes the caller's id in an error slot when it is readable, so the slot can be matched up. */
function rawId(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null || !('id' in item)) return undefined;
  return typeof item.id === 'string' ? item.id : undefined;
}
