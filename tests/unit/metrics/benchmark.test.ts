import { describe, expect, it } from 'vitest';
import { benchmarkMetrics, formatMetricsBenchmark, meetsMetricsTarget } from '../../../shared/metrics/benchmark';
import { computeMetrics, parseEpisodes } from '../../../shared/metrics';
import { syntheticEpisodes } from '../../../shared/synthetic/episodes';
import { referenceMetrics } from './reference';

/** A fake clock: every reading advances 1 ms, so no test depends on real timing. */
function tickingClock(): () => number {
  let now = 0;
  return () => (now += 1);
}

describe('metrics benchmark (logic only; timings are printed by the bench script, never asserted)', () => {
  it('generates the same valid histories for the same seed, with every kind of ending', () => {
    const episodes = syntheticEpisodes(3000, 7);
    expect(episodes).toHaveLength(3000);
    expect(syntheticEpisodes(3000, 7)).toEqual(episodes);
    expect(syntheticEpisodes(3000, 8)).not.toEqual(episodes);
    expect(parseEpisodes(episodes)).toEqual({ ok: true, episodes });
    const reasons = new Set(episodes.map((episode) => episode.endReason));
    for (const reason of [null, 'completed', 'stepped-down', 'stepped-up', 'dropped-out', 'transferred', 'died']) expect(reasons).toContain(reason);
    expect(episodes.some((episode) => episode.start === episode.end)).toBe(true);
  });

  it('has about three episodes per case, and agrees with the literal implementation', () => {
    const episodes = syntheticEpisodes(2000, 11);
    const cases = new Set(episodes.map((episode) => episode.caseId)).size;
    expect(episodes.length / cases).toBeGreaterThan(2.5);
    expect(episodes.length / cases).toBeLessThan(4);
    expect(computeMetrics(episodes)).toEqual(referenceMetrics(episodes));
  });

  it('times validation and metrics on the given items and reports them', () => {
    const result = benchmarkMetrics(JSON.parse(JSON.stringify(syntheticEpisodes(1000))) as unknown[], tickingClock(), 2);
    expect(result).toMatchObject({ episodes: 1000, validateMs: 1, metricsMs: 1, metricsBestMs: 1 });
    expect(formatMetricsBenchmark(result)).toContain('computeMetrics (first): 1.0 ms');
  });

  it('judges the target on the first run, scaled to 400,000 episodes', () => {
    const result = benchmarkMetrics(syntheticEpisodes(100), tickingClock(), 0);
    expect(meetsMetricsTarget({ ...result, episodes: 400_000, metricsMs: 499 })).toBe(true);
    expect(meetsMetricsTarget({ ...result, episodes: 400_000, metricsMs: 500 })).toBe(false);
    expect(meetsMetricsTarget({ ...result, episodes: 200_000, metricsMs: 300 })).toBe(false);
  });

  it('refuses invalid benchmark input instead of timing it', () => {
    expect(() => benchmarkMetrics([{ caseId: 'A' }], tickingClock())).toThrow(/invalid/);
  });
});
