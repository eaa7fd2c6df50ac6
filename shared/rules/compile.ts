import { LEVELS, type Level } from '../domain/levels';
import { DIMENSIONS, type Assessment, type DimensionName } from './assessment';
import { isLevelRule, readsWeeklyTreatmentHours, usesRecommendedLevel, type Condition, type Rule, type Ruleset } from './rule';

/** Three-valued truth: `undefined` means the assessment leaves a needed fact unknown. */
export type Truth = boolean | undefined;
type Test = (assessment: Assessment, level: Level | null) => Truth;

export interface CompiledRule {
  readonly rule: Rule;
  readonly test: Test;
}

export interface CompiledLevel {
  readonly level: Level;
  readonly rules: readonly CompiledRule[];
}

/** A ruleset turned into closures once, so evaluating an assessment does no interpretation of data. */
export interface CompiledRuleset {
  readonly ruleset: Ruleset;
  /** Most intensive level first. */
  readonly levels: readonly CompiledLevel[];
  readonly annotations: readonly CompiledRule[];
}

const compiled = new WeakMap<Ruleset, CompiledRuleset>();

export function compileRuleset(ruleset: Ruleset): CompiledRuleset {
  const cached = compiled.get(ruleset);
  if (cached !== undefined) return cached;
  const levelRules = ruleset.rules.filter(isLevelRule);
  for (const rule of levelRules) {
    // A level rule reading the recommended level would be circular.
    if (usesRecommendedLevel(rule.when)) throw new Error(`Rule ${rule.id} decides a level, so it cannot depend on the recommended level.`);
    // The hours are optional by design and never listed in `missing`, so a level hinging on them would be a guess when they are absent.
    if (readsWeeklyTreatmentHours(rule.when))
      throw new Error(`Rule ${rule.id} decides a level, so it cannot depend on the optional weekly treatment hours.`);
  }
  const levels = [...LEVELS].reverse().map((level) => ({
    level,
    rules: levelRules.filter((rule) => rule.effect.level === level).map(compileRule),
  }));
  const result: CompiledRuleset = {
    ruleset,
    levels,
    annotations: ruleset.rules.filter((rule) => !isLevelRule(rule)).map(compileRule),
  };
  compiled.set(ruleset, result);
  return result;
}

function compileRule(rule: Rule): CompiledRule {
  return { rule, test: compileCondition(rule.when) };
}

export function compileCondition(condition: Condition): Test {
  if ('all' in condition) return compileAll(condition.all.map(compileCondition));
  if ('any' in condition) return compileAny(condition.any.map(compileCondition));
  if ('criterion' in condition) {
    const { criterion, is } = condition;
    return (assessment) => {
      const value = assessment.criteria?.[criterion];
      return value === undefined ? undefined : value === is;
    };
  }
  if ('severityIn' in condition) {
    const severities = condition.severityIn;
    return (assessment) => (assessment.severity === undefined ? undefined : severities.includes(assessment.severity));
  }
  if ('dimension' in condition) {
    const compare: (rating: number) => boolean =
      'atLeast' in condition ? (rating) => rating >= condition.atLeast : (rating) => rating <= condition.atMost;
    const { dimension } = condition;
    if (dimension === 'any') return compileAny(DIMENSIONS.map((name) => compileRating(name, compare)));
    if (dimension === 'every') return compileAll(DIMENSIONS.map((name) => compileRating(name, compare)));
    return compileRating(dimension, compare);
  }
  if ('currentLevelIn' in condition) {
    const levels = condition.currentLevelIn;
    return (assessment) => levels.includes(assessment.currentLevel);
  }
  if ('weeklyTreatmentHoursBelow' in condition) {
    const limit = condition.weeklyTreatmentHoursBelow;
    return (assessment) => (assessment.weeklyTreatmentHours === undefined ? undefined : assessment.weeklyTreatmentHours < limit);
  }
  const levels = condition.recommendedLevelIn;
  return (_assessment, level) => level !== null && levels.includes(level);
}

function compileRating(name: DimensionName, compare: (rating: number) => boolean): Test {
  return (assessment) => {
    const rating = assessment.dimensions?.[name];
    return rating === undefined ? undefined : compare(rating);
  };
}

function compileAll(parts: readonly Test[]): Test {
  return (assessment, level) => {
    let result: Truth = true;
    for (const part of parts) {
      const truth = part(assessment, level);
      if (truth === false) return false;
      if (truth === undefined) result = undefined;
    }
    return result;
  };
}

function compileAny(parts: readonly Test[]): Test {
  return (assessment, level) => {
    let result: Truth = false;
    for (const part of parts) {
      const truth = part(assessment, level);
      if (truth === true) return true;
      if (truth === undefined) result = undefined;
    }
    return result;
  };
}
