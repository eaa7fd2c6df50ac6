import { computeMetrics, type EpisodeMetrics } from './computeMetrics';
import { parseEpisodes } from './episodeInterchange';

export interface MetricsBenchmark {
  readonly episodes: number;
  readonly cases: number;
  /** Validating the parsed JSON items (format, end before start, overlaps), first run. */
  readonly validateMs: number;
  /** computeMetrics on the validated episodes, first run in the process. */
  readonly metricsMs: number;
  /** computeMetrics, best of the later runs (warmed up). */
  readonly metricsBestMs: number;
  readonly metrics: EpisodeMetrics;
}

/** The target: metrics over 400,000 episodes in under 0.5 s in one Node process. */
export const METRICS_TARGET_MS = 500;
export const METRICS_TARGET_EPISODES = 400_000;

/**
 * Times validation and the metrics as the CLI runs them, on items as JSON.parse gives them. The first metrics
 * run is the figure judged (a CLI run is one cold run); `rounds` more runs give the warmed-up best. `now` is a
 * millisecond clock, injected so this module stays free of any runtime's timing API.
 */
export function benchmarkMetrics(items: readonly unknown[], now: () => number, rounds = 5): MetricsBenchmark {
  let started = now();
  const parsed = parseEpisodes(items);
  const validateMs = now() - started;
  if (!parsed.ok) throw new Error(`The benchmark episodes are invalid: ${parsed.errors[0]?.message ?? ''}`);
  started = now();
  const metrics = computeMetrics(parsed.episodes);
  const metricsMs = now() - started;
  let metricsBestMs = metricsMs;
  for (let round = 0; round < rounds; round += 1) {
    started = now();
    computeMetrics(parsed.episodes);
    metricsBestMs = Math.min(metricsBestMs, now() - started);
  }
  const cases = new Set(parsed.episodes.map((episode) => episode.caseId)).size;
  return { episodes: parsed.episodes.length, cases, validateMs, metricsMs, metricsBestMs, metrics };
}

/** Whether the first (cold) metrics run meets the target, scaled to 400,000 episodes. */
export function meetsMetricsTarget(result: MetricsBenchmark): boolean {
  return (result.metricsMs / Math.max(result.episodes, 1)) * METRICS_TARGET_EPISODES < METRICS_TARGET_MS;
}

export function formatMetricsBenchmark(result: MetricsBenchmark): string {
  const count = (value: number): string => value.toLocaleString('en-US');
  const ms = (value: number): string => `${value.toFixed(1)} ms`;
  return [
    `Metrics benchmark: ${count(result.episodes)} episodes, ${count(result.cases)} cases (seeded synthetic histories)`,
    `  validation:             ${ms(result.validateMs)}`,
    `  computeMetrics (first): ${ms(result.metricsMs)}   target under ${count(METRICS_TARGET_MS)} ms for ${count(METRICS_TARGET_EPISODES)} episodes`,
    `  computeMetrics (best):  ${ms(result.metricsBestMs)}`,
    `  validation + metrics:   ${ms(result.validateMs + result.metricsMs)}`,
    `  transitions counted:    ${count(Object.values(result.metrics.transitions).reduce((sum, n) => sum + n, 0))}`,
  ].join('\n');
}
