import { benchmarkMetrics, METRICS_TARGET_EPISODES, METRICS_TARGET_MS } from '../../../shared/metrics/benchmark';
import { benchmarkRules, syntheticAssessments } from '../../../shared/rules/benchmark';
import { syntheticEpisodes } from '../../../shared/synthetic/episodes';
import type { Job } from '../job';
import { measure } from '../measure';

const RULES_ASSESSMENTS = 100_000;

/**
 * The two earlier benches, folded in: the rules interpreter against the hand-written if/else baseline on 100,000
 * assessments, and computeMetrics on 400,000 episodes as the metrics CLI reads them from a file (no database).
 */
export const inMemoryJob: Job = async ({ request }) => {
  const rules = benchmarkRules(syntheticAssessments(RULES_ASSESSMENTS), () => performance.now());
  const items = JSON.parse(JSON.stringify(syntheticEpisodes(METRICS_TARGET_EPISODES))) as unknown[];
  const metrics = benchmarkMetrics(items, () => performance.now());
  return [
    measure(request.cases, {
      name: 'rules.interpreter.100k',
      value: rules.interpreterMs,
      unit: 'ms',
      baseline: rules.baselineMs,
      bound: { below: 300, ratioAtMost: 3 },
      detail: { assessments: rules.count, mismatches: rules.mismatches },
    }),
    measure(request.cases, {
      name: 'metrics.compute.400k',
      value: metrics.metricsMs,
      unit: 'ms',
      baseline: metrics.metricsBestMs,
      bound: { below: METRICS_TARGET_MS },
      detail: {
        episodes: metrics.episodes,
        cases: metrics.cases,
        validateMs: Math.round(metrics.validateMs),
        baselineIs: 'the same computation, warmed up',
      },
    }),
  ];
};
