import { describe, expect, it } from 'vitest';
import { dropoutRate } from '../../../shared/metrics';
import { episode } from './episodeFactory';

describe('dropoutRate (hand-computed)', () => {
  it('divides dropped-out by all closed episodes of the level, transfers and deaths included, open ones excluded', () => {
    const episodes = [
      episode('A', 'inpatient', '2026-01-01', '2026-01-05', 'completed'),
      episode('B', 'inpatient', '2026-01-01', '2026-01-05', 'dropped-out'),
      episode('C', 'inpatient', '2026-01-01', '2026-01-05', 'died'),
      episode('D', 'inpatient', '2026-01-01', '2026-01-05', 'transferred'),
      episode('E', 'iop', '2026-01-01', '2026-01-05', 'dropped-out'),
      episode('F', 'iop', '2026-01-01', '2026-01-05', 'dropped-out'),
      episode('G', 'iop', '2026-01-01'),
      episode('H', 'outpatient', '2026-01-01'),
    ];
    // inpatient 1/4; iop 2/2; outpatient: no closed episode → null (the level is still listed).
    expect(dropoutRate(episodes)).toEqual({ inpatient: 0.25, iop: 1, outpatient: null });
  });

  it('counts no reason and unknown reasons in the denominator, and matches "dropped-out" exactly', () => {
    const episodes = [
      episode('A', 'outpatient', '2026-01-01', '2026-01-05', null),
      episode('B', 'outpatient', '2026-01-01', '2026-01-05', 'Dropped-Out'),
      episode('C', 'outpatient', '2026-01-01', '2026-01-05', 'dropped-out'),
    ];
    expect(dropoutRate(episodes)).toEqual({ inpatient: null, iop: null, outpatient: 1 / 3 });
  });

  it('lists every level with null when there are no episodes', () => {
    expect(dropoutRate([])).toEqual({ inpatient: null, iop: null, outpatient: null });
  });
});
