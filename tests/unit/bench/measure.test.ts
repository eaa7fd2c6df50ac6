import { describe, expect, it } from 'vitest';
import { measure, percentile, percentileOfGroups } from '../../../scripts/bench/measure';
import { parseBenchOptions } from '../../../scripts/bench/options';

describe('bench figures', () => {
  it('takes the nearest-rank percentile, so the 95th of few runs is the slowest', () => {
    expect(percentile([5, 1, 3, 2, 4], 0.95)).toBe(5);
    expect(percentile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(
      percentile(
        Array.from({ length: 100 }, (_, index) => index + 1),
        0.95,
      ),
    ).toBe(95);
    expect(percentile([], 0.95)).toBeNaN();
  });

  it('weighs each request the same over several, however many runs each had', () => {
    // Pooled, the 95th percentile of 9 fast requests of 30 runs and one slow one of 3 runs would be a fast run.
    const fast = Array.from({ length: 9 }, () => Array.from({ length: 30 }, () => 5));
    const slow = [60, 70, 80];
    expect(percentile([...fast.flat(), ...slow], 0.95)).toBe(5);
    expect(percentileOfGroups([...fast, slow], 0.9)).toBe(5);
    expect(percentileOfGroups([...fast, slow], 0.95)).toBe(70);
    expect(percentileOfGroups([...fast, slow], 0.99)).toBe(80);
    // With as many runs each, it is the pooled nearest-rank percentile.
    const even = [
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ];
    for (const fraction of [0.1, 0.5, 0.75, 0.95, 1]) expect(percentileOfGroups(even, fraction)).toBe(percentile(even.flat(), fraction));
    expect(percentileOfGroups([[], [7]], 0.95)).toBe(7);
    expect(percentileOfGroups([], 0.95)).toBeNaN();
  });

  it('judges a time against its bound and its baseline', () => {
    expect(measure(10, { name: 't', value: 12, unit: 'ms', baseline: 4, bound: { below: 20, ratioAtMost: 2 } })).toMatchObject({
      ratio: 3,
      met: false,
      cases: 10,
    });
    expect(measure(10, { name: 't', value: 6, unit: 'ms', baseline: 4, bound: { below: 20, ratioAtMost: 2 } })).toMatchObject({
      ratio: 1.5,
      met: true,
    });
    expect(measure(10, { name: 't', value: 25, unit: 'ms', baseline: 20, bound: { below: 20, ratioAtMost: 2 } }).met).toBe(false);
  });

  it('judges a rate the other way round: the ratio says how many times slower than the baseline', () => {
    const line = measure(10, {
      name: 'r',
      value: 40_000,
      unit: 'rows/s',
      baseline: 100_000,
      bound: { atLeast: 50_000, ratioAtMost: 3 },
      higherIsBetter: true,
    });
    expect(line).toMatchObject({ ratio: 2.5, met: false });
  });

  it('leaves a figure without a bound unjudged', () => {
    expect(measure(10, { name: 'b', value: 1, unit: 's', baseline: null, bound: null })).toMatchObject({ ratio: null, met: null });
  });
});

describe('bench options', () => {
  it('measures 10,000 and 100,000 cases and asserts the bounds by default', () => {
    expect(parseBenchOptions([], {})).toMatchObject({ scales: [10_000, 100_000], assert: true, seed: 2026 });
  });

  it('runs 10,000 cases without asserting for CI', () => {
    expect(parseBenchOptions(['--ci'], {})).toMatchObject({ scales: [10_000], assert: false });
  });

  it('takes sizes and jobs from flags or the environment', () => {
    expect(parseBenchOptions(['--cases', '100000,5000'], {}).scales).toEqual([5000, 100_000]);
    expect(parseBenchOptions([], { BENCH_CASES: '2000', BENCH_JOBS: 'open,search' })).toMatchObject({ scales: [2000], jobs: ['open', 'search'] });
    expect(() => parseBenchOptions(['--cases', 'many'], {})).toThrow('--cases takes whole numbers');
    expect(() => parseBenchOptions(['--jobs', 'everything'], {})).toThrow('Unknown job everything');
  });
});
