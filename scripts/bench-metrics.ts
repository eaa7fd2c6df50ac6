// Metrics speed: validation and computeMetrics over 400,000 seeded synthetic episodes, as the metrics CLI runs them.
import { benchmarkMetrics, formatMetricsBenchmark, meetsMetricsTarget, METRICS_TARGET_EPISODES } from '../shared/metrics/benchmark';
import { syntheticEpisodes } from '../shared/synthetic/episodes';

const generated = syntheticEpisodes(METRICS_TARGET_EPISODES);
// Through JSON text and back, so the items are what the CLI gets from a file.
const started = performance.now();
const items = JSON.parse(JSON.stringify(generated)) as unknown[];
const jsonMs = performance.now() - started;
const result = benchmarkMetrics(items, () => performance.now());
console.log(formatMetricsBenchmark(result));
console.log(`  (JSON round trip of the file text, not part of the target: ${jsonMs.toFixed(1)} ms)`);
process.exitCode = meetsMetricsTarget(result) ? 0 : 1;
