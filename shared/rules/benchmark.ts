import { seededRandom, type SeededRandom } from '../synthetic/random';
import { CRITERIA, CURRENT_LEVELS, DIMENSIONS, SEVERITIES, type Assessment, type Criteria, type CriterionName, type Dimensions } from './assessment';
import { evaluateBaseline } from './baseline';
import { evaluateAssessment } from './evaluate';
import type { Recommendation } from './recommendation';
import { RULESET_2026_1 } from './rulesets/v2026-1';

/** A reproducible mix of assessments: mostly complete, some with unknown fields, every level represented. */
export function syntheticAssessments(count: number, seed = 2026): Assessment[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => syntheticAssessment(random, index));
}

function syntheticAssessment(random: SeededRandom, index: number): Assessment {
  const partial = random.chance(0.1);
  const keep = (): boolean => !partial || random.chance(0.7);
  const dimensions: Dimensions = {};
  for (const name of DIMENSIONS) if (keep()) dimensions[name] = random.weighted(RATING_WEIGHTS);
  const criteria: Criteria = {};
  for (const name of CRITERIA) if (keep()) criteria[name] = random.chance(CHANCE_TRUE[name] ?? 0.03);
  const hours = random.chance(0.5) ? random.int(0, 20) : undefined;
  return {
    id: `B-${index}`,
    assessedOn: '2026-03-01',
    currentLevel: random.pick(CURRENT_LEVELS),
    ...(keep() ? { severity: random.pick(SEVERITIES) } : {}),
    dimensions,
    criteria,
    ...(hours === undefined ? {} : { weeklyTreatmentHours: hours }),
  };
}

const RATING_WEIGHTS = [
  [0, 5],
  [1, 5],
  [2, 2],
  [3, 0.3],
  [4, 0.1],
] as const;

/** How often each criterion is true; risk criteria not listed are true 3% of the time. */
const CHANCE_TRUE: Partial<Record<CriterionName, number>> = {
  safeSoberHousing: 0.93,
  supportiveNetwork: 0.93,
  completedHigherLevelCare: 0.4,
  selfMotivated: 0.8,
  needsFlexibleSchedule: 0.6,
};

export interface RulesBenchmark {
  readonly count: number;
  readonly interpreterMs: number;
  readonly baselineMs: number;
  /** Interpreter time divided by baseline time; the target is at most 3. */
  readonly ratio: number;
  /** Assessments whose interpreter output differs from the baseline in level, transition or rule ids. */
  readonly mismatches: number;
}

/**
 * Times the ruleset interpreter against the hand-written baseline on the same assessments (best of
 * `rounds`, after a warm-up run) and counts disagreements. `now` is a millisecond clock, injected so
 * this module stays free of any runtime's timing API.
 */
export function benchmarkRules(assessments: readonly Assessment[], now: () => number, rounds = 5): RulesBenchmark {
  const interpreter = (assessment: Assessment): Recommendation => evaluateAssessment(assessment, RULESET_2026_1);
  let mismatches = 0;
  for (const assessment of assessments) if (!sameDecision(interpreter(assessment), evaluateBaseline(assessment))) mismatches += 1;
  let interpreterMs = Infinity;
  let baselineMs = Infinity;
  for (let round = 0; round < rounds; round += 1) {
    interpreterMs = Math.min(interpreterMs, timeRun(assessments, interpreter, now));
    baselineMs = Math.min(baselineMs, timeRun(assessments, evaluateBaseline, now));
  }
  return { count: assessments.length, interpreterMs, baselineMs, ratio: interpreterMs / Math.max(baselineMs, 1e-6), mismatches };
}

function timeRun(assessments: readonly Assessment[], evaluate: (assessment: Assessment) => Recommendation, now: () => number): number {
  let checksum = 0;
  const start = now();
  for (const assessment of assessments) checksum += evaluate(assessment).ruleIds.length;
  const elapsed = now() - start;
  // Reading the checksum keeps the engine from discarding the work as dead code.
  return checksum < 0 ? Number.NaN : elapsed;
}

function sameDecision(a: Recommendation, b: Recommendation): boolean {
  return a.level === b.level && a.transition === b.transition && a.ruleIds.join() === b.ruleIds.join();
}

export function formatRulesBenchmark(result: RulesBenchmark): string {
  const rate = (ms: number): string => `${Math.round(result.count / (ms / 1000)).toLocaleString('en-US')} assessments/s`;
  return [
    `Rules benchmark: ${result.count.toLocaleString('en-US')} assessments, ruleset ${RULESET_2026_1.version}`,
    `  interpreter: ${result.interpreterMs.toFixed(1)} ms (${rate(result.interpreterMs)})`,
    `  baseline:    ${result.baselineMs.toFixed(1)} ms (${rate(result.baselineMs)})`,
    `  ratio:       ${result.ratio.toFixed(2)}x (target at most 3x; 100,000 assessments under 300 ms)`,
    `  mismatches:  ${result.mismatches}`,
  ].join('\n');
}

/** The targets: within 3x of the baseline, 100,000 assessments in under 0.3 s, identical decisions. */
export function meetsRulesTargets(result: RulesBenchmark): boolean {
  const msPer100k = (result.interpreterMs / Math.max(result.count, 1)) * 100_000;
  return result.ratio <= 3 && msPer100k < 300 && result.mismatches === 0;
}
