import { describe, expect, it } from 'vitest';
import { compileRuleset } from '../../../shared/rules/compile';
import { evaluateAssessment } from '../../../shared/rules/evaluate';
import { CURRENT_RULESET_VERSION, currentRuleset, getRuleset, RULESETS } from '../../../shared/rules/registry';
import { isLevelRule, type Ruleset } from '../../../shared/rules/rule';
import { findSeedCriterion, SEED_ARTICLES, SEED_CRITERIA } from '../../../shared/rules/seedCriteria';
import { makeAssessment } from './assessmentFactory';

describe('ruleset registry', () => {
  it('makes the current version the one evaluation uses by default', () => {
    expect(currentRuleset.version).toBe(CURRENT_RULESET_VERSION);
    expect(getRuleset(CURRENT_RULESET_VERSION)).toBe(currentRuleset);
    expect(evaluateAssessment(makeAssessment()).rulesetVersion).toBe(CURRENT_RULESET_VERSION);
  });

  it('keeps every released version loadable and unique', () => {
    const versions = RULESETS.map((ruleset) => ruleset.version);
    expect(new Set(versions).size).toBe(versions.length);
    for (const version of versions) expect(getRuleset(version)?.version).toBe(version);
    expect(getRuleset('1999.1')).toBeUndefined();
    expect(getRuleset('constructor')).toBeUndefined();
  });

  it.each(RULESETS.map((ruleset) => [ruleset.version, ruleset] as const))('ruleset %s is well-formed', (_version, ruleset) => {
    const ids = ruleset.rules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of ruleset.rules) {
      expect(rule.id).toMatch(/^[A-Z0-9]+(-[A-Z0-9]+)+$/);
      expect(rule.statement).toMatch(/^[A-Z].*\.$/);
      expect(rule.reason).toMatch(/^[A-Z].*\.$/);
      expect(rule.seedCriteria.length).toBeGreaterThan(0);
      for (const id of rule.seedCriteria) expect(findSeedCriterion(id), `${rule.id} cites ${id}`).toBeDefined();
    }
    expect(() => compileRuleset(ruleset)).not.toThrow();
    expect(ruleset.rules.some((rule) => isLevelRule(rule) && rule.effect.level === 'inpatient')).toBe(true);
  });

  it('refuses a level rule that depends on the recommended level, which would be circular', () => {
    const circular: Ruleset = {
      ...currentRuleset,
      version: 'test-circular',
      rules: [{ ...currentRuleset.rules[0]!, when: { recommendedLevelIn: ['inpatient'] } }],
    };
    expect(() => compileRuleset(circular)).toThrow(/cannot depend on the recommended level/);
  });

  it('refuses a level rule that reads the weekly treatment hours, which are optional and never listed as missing', () => {
    const hoursDecide: Ruleset = {
      ...currentRuleset,
      version: 'test-hours',
      rules: [{ ...currentRuleset.rules[0]!, when: { any: [{ criterion: 'lifeThreateningUse', is: true }, { weeklyTreatmentHoursBelow: 3 }] } }],
    };
    expect(() => compileRuleset(hoursDecide)).toThrow(/cannot depend on the optional weekly treatment hours/);
  });
});

describe('seed criteria', () => {
  it('come from all five seed articles and have unique ids', () => {
    const ids = SEED_CRITERIA.map((criterion) => criterion.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(SEED_ARTICLES).toHaveLength(5);
    for (const article of SEED_ARTICLES) {
      expect(SEED_CRITERIA.some((criterion) => criterion.article === article.key)).toBe(true);
      for (const criterion of SEED_CRITERIA.filter((c) => c.article === article.key)) expect(criterion.id.startsWith(`${article.key}-`)).toBe(true);
    }
  });

  it('are each encoded by a current rule or say why none does, never both', () => {
    const cited = new Set(currentRuleset.rules.flatMap((rule) => rule.seedCriteria));
    for (const criterion of SEED_CRITERIA) {
      const reason = 'notEncodedBecause' in criterion ? criterion.notEncodedBecause : undefined;
      expect(cited.has(criterion.id) !== (reason !== undefined), criterion.id).toBe(true);
    }
  });
});
