import { describe, expect, it } from 'vitest';
import { parseAssessment } from '../../../shared/rules/assessment';
import { benchmarkRules, formatRulesBenchmark, meetsRulesTargets, syntheticAssessments } from '../../../shared/rules/benchmark';

/** A fake clock: every reading advances 1 ms, so no test depends on real timing. */
function tickingClock(): () => number {
  let now = 0;
  return () => (now += 1);
}

describe('rules benchmark (logic only; timings are reported by the bench script, never asserted)', () => {
  it('generates the same schema-valid assessments for the same seed', () => {
    const assessments = syntheticAssessments(500, 7);
    expect(syntheticAssessments(500, 7)).toEqual(assessments);
    expect(syntheticAssessments(500, 8)).not.toEqual(assessments);
    for (const assessment of assessments) expect(parseAssessment(assessment, '2026-06-01').ok).toBe(true);
  });

  it('finds no disagreement between the interpreter and the baseline on the benchmark inputs', () => {
    const result = benchmarkRules(syntheticAssessments(5000), tickingClock(), 1);
    expect(result.mismatches).toBe(0);
    expect(result.count).toBe(5000);
    expect(formatRulesBenchmark(result)).toContain('mismatches:  0');
  });

  it('judges the issue targets: at most 3x the baseline and under 300 ms per 100,000', () => {
    const base = { count: 100_000, interpreterMs: 150, baselineMs: 60, ratio: 2.5, mismatches: 0 };
    expect(meetsRulesTargets(base)).toBe(true);
    expect(meetsRulesTargets({ ...base, ratio: 3.1 })).toBe(false);
    expect(meetsRulesTargets({ ...base, interpreterMs: 300 })).toBe(false);
    expect(meetsRulesTargets({ ...base, mismatches: 1 })).toBe(false);
  });
});
