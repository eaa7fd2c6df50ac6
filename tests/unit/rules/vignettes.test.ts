import { describe, expect, it } from 'vitest';
import { evaluateBaseline } from '../../../shared/rules/baseline';
import { evaluateAssessment } from '../../../shared/rules/evaluate';
import { currentRuleset } from '../../../shared/rules/registry';
import { SEED_CRITERIA } from '../../../shared/rules/seedCriteria';
import { VIGNETTES } from './vignettes';

const ruleById = new Map(currentRuleset.rules.map((rule) => [rule.id, rule]));

describe('clinical vignettes (ruleset 2026.1)', () => {
  it.each(VIGNETTES.map((vignette) => [vignette.name, vignette] as const))('%s', (_name, vignette) => {
    const output = evaluateAssessment(vignette.assessment);

    expect(output.level).toBe(vignette.level);
    expect(output.transition).toBe(vignette.transition);
    expect(output.ruleIds).toEqual(vignette.ruleIds);
    expect(output.missing).toEqual(vignette.missing ?? []);
    expect(output.id).toBe(vignette.assessment.id);
    expect(output.rulesetVersion).toBe('2026.1');
    const sentenceOf = (id: string) => ruleById.get(id)?.reason;
    const warningIds = vignette.ruleIds.filter((id) => ruleById.get(id)?.effect.kind === 'warning');
    expect(output.warnings).toEqual(warningIds.map(sentenceOf));
    expect(output.reasons).toEqual(vignette.ruleIds.filter((id) => !warningIds.includes(id)).map(sentenceOf));
    expect(evaluateBaseline(vignette.assessment)).toEqual(output);
  });

  it('fires every rule of the current ruleset at least once', () => {
    const fired = new Set(VIGNETTES.flatMap((vignette) => evaluateAssessment(vignette.assessment).ruleIds));
    expect([...fired].sort()).toEqual(currentRuleset.rules.map((rule) => rule.id).sort());
  });

  it('covers every seed criterion: encoded ones through a fired rule, the others through an illustrating vignette', () => {
    const fired = new Set(VIGNETTES.flatMap((vignette) => evaluateAssessment(vignette.assessment).ruleIds));
    const coveredByRules = currentRuleset.rules.filter((rule) => fired.has(rule.id)).flatMap((rule) => rule.seedCriteria);
    const illustrated = VIGNETTES.flatMap((vignette) => vignette.illustrates ?? []);
    const covered = new Set<string>([...coveredByRules, ...illustrated]);

    expect(SEED_CRITERIA.map((criterion) => criterion.id).filter((id) => !covered.has(id))).toEqual([]);
    const notEncoded: readonly string[] = SEED_CRITERIA.filter((criterion) => 'notEncodedBecause' in criterion).map((criterion) => criterion.id);
    expect(illustrated.filter((id) => !notEncoded.includes(id))).toEqual([]);
  });

  it('names every vignette differently, so a failure points at one case', () => {
    expect(new Set(VIGNETTES.map((vignette) => vignette.name)).size).toBe(VIGNETTES.length);
  });
});
