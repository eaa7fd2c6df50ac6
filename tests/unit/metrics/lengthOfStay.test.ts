import { describe, expect, it } from 'vitest';
import { lengthOfStay, quantileType7 } from '../../../shared/metrics';
import { episode } from './episodeFactory';

describe('quantileType7 (R type 7 / numpy default), hand-computed', () => {
  it('n = 1: every quantile is the value', () => {
    expect([0.25, 0.5, 0.75].map((q) => quantileType7([5], q))).toEqual([5, 5, 5]);
  });

  it('n = 2: [2, 10]', () => {
    // h = (2−1)·q.  p25: 0.25 → 2 + 0.25·8 = 4;  median: 0.5 → 2 + 0.5·8 = 6;  p75: 0.75 → 2 + 0.75·8 = 8.
    expect([0.25, 0.5, 0.75].map((q) => quantileType7([2, 10], q))).toEqual([4, 6, 8]);
  });

  it('n = 3: [1, 4, 10]', () => {
    // h = 2q.  p25: 0.5 → 1 + 0.5·3 = 2.5;  median: 1 → 4;  p75: 1.5 → 4 + 0.5·6 = 7.
    expect([0.25, 0.5, 0.75].map((q) => quantileType7([1, 4, 10], q))).toEqual([2.5, 4, 7]);
  });

  it('n = 4: [1, 2, 4, 10]', () => {
    // h = 3q.  p25: 0.75 → 1 + 0.75·1 = 1.75;  median: 1.5 → 2 + 0.5·2 = 3;  p75: 2.25 → 4 + 0.25·6 = 5.5.
    expect([0.25, 0.5, 0.75].map((q) => quantileType7([1, 2, 4, 10], q))).toEqual([1.75, 3, 5.5]);
  });

  it('n = 5: [0, 3, 3, 8, 20]', () => {
    // h = 4q lands on whole positions: p25 → x[1] = 3;  median → x[2] = 3;  p75 → x[3] = 8.
    expect([0.25, 0.5, 0.75].map((q) => quantileType7([0, 3, 3, 8, 20], q))).toEqual([3, 3, 8]);
  });

  it('n = 5 with interpolation: [1, 2, 3, 4, 100] at q = 0.1 and 0.9', () => {
    // h = 0.4 → 1 + 0.4·1 = 1.4;  h = 3.6 → 4 + 0.6·96 = 61.6.
    expect(quantileType7([1, 2, 3, 4, 100], 0.1)).toBeCloseTo(1.4, 12);
    expect(quantileType7([1, 2, 3, 4, 100], 0.9)).toBeCloseTo(61.6, 12);
  });

  it('refuses an empty list', () => {
    expect(() => quantileType7([], 0.5)).toThrow(RangeError);
  });
});

describe('lengthOfStay (hand-computed)', () => {
  it('uses closed episodes only, counts a zero-length episode as 0 days, and leaves out a level with none closed', () => {
    const episodes = [
      episode('A', 'inpatient', '2026-01-01', '2026-01-11', 'completed'), // 10 days
      episode('B', 'inpatient', '2026-02-01', '2026-02-01', 'transferred'), // 0 days
      episode('C', 'inpatient', '2026-03-01', '2026-03-04', 'dropped-out'), // 3 days
      episode('D', 'inpatient', '2026-01-01'), // open: not counted
      episode('E', 'outpatient', '2026-01-01'), // open: outpatient absent
    ];
    // Sorted [0, 3, 10]: median x[1] = 3;  p25 at 0.5 → 0 + 0.5·3 = 1.5;  p75 at 1.5 → 3 + 0.5·7 = 6.5.
    expect(lengthOfStay(episodes)).toEqual({ inpatient: { n: 3, median: 3, p25: 1.5, p75: 6.5 } });
  });

  it('counts calendar days across leap days and daylight saving changes', () => {
    const episodes = [
      episode('A', 'iop', '2024-02-28', '2024-03-01', 'completed'), // 2 days: 28 Feb, 29 Feb
      episode('B', 'iop', '2025-02-28', '2025-03-01', 'completed'), // 1 day
      episode('C', 'outpatient', '2026-03-28', '2026-03-30', 'completed'), // 2 days over the EU spring change
      episode('D', 'outpatient', '2026-10-31', '2026-11-02', 'completed'), // 2 days over the US autumn change
    ];
    // iop [1, 2]: median 1.5, p25 1.25, p75 1.75.  outpatient [2, 2]: all 2.
    expect(lengthOfStay(episodes)).toEqual({
      iop: { n: 2, median: 1.5, p25: 1.25, p75: 1.75 },
      outpatient: { n: 2, median: 2, p25: 2, p75: 2 },
    });
  });

  it('gives nothing for no closed episode', () => {
    expect(lengthOfStay([])).toEqual({});
    expect(lengthOfStay([episode('A', 'iop', '2026-01-01')])).toEqual({});
  });
});
