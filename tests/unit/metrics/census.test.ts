import { describe, expect, it } from 'vitest';
import { census, censusOverTime } from '../../../shared/metrics';
import { episode } from './episodeFactory';

const episodes = [
  episode('A', 'inpatient', '2026-01-01', '2026-01-10', 'stepped-down'),
  episode('A', 'iop', '2026-01-10'), // open
  episode('B', 'outpatient', '2026-01-05', '2026-01-05', 'transferred'), // zero-length
  episode('C', 'outpatient', '2026-01-03', '2026-01-06', 'completed'),
];

describe('census (hand-computed)', () => {
  it.each([
    ['2025-12-31', { inpatient: 0, iop: 0, outpatient: 0 }], // before anything
    ['2026-01-01', { inpatient: 1, iop: 0, outpatient: 0 }], // start day counts
    ['2026-01-05', { inpatient: 1, iop: 0, outpatient: 1 }], // C counts, B's zero-length episode does not
    ['2026-01-06', { inpatient: 1, iop: 0, outpatient: 0 }], // C's end day does not count
    ['2026-01-09', { inpatient: 1, iop: 0, outpatient: 0 }],
    ['2026-01-10', { inpatient: 0, iop: 1, outpatient: 0 }], // same-day transition: counted once, at the new level
    ['2030-06-01', { inpatient: 0, iop: 1, outpatient: 0 }], // an open episode counts on every later day
  ])('on %s', (day, expected) => {
    expect(census(episodes, day)).toEqual(expected);
  });

  it('gives the same figures day by day over a range, both ends included', () => {
    const series = censusOverTime(episodes, '2026-01-04', '2026-01-06');
    expect(series).toEqual([
      { day: '2026-01-04', inpatient: 1, iop: 0, outpatient: 1 },
      { day: '2026-01-05', inpatient: 1, iop: 0, outpatient: 1 },
      { day: '2026-01-06', inpatient: 1, iop: 0, outpatient: 0 },
    ]);
    expect(censusOverTime(episodes, '2026-01-06', '2026-01-05')).toEqual([]);
  });
});
