import { describe, expect, it } from 'vitest';
import { filterEpisodes } from '../../../shared/metrics';
import { episode } from './episodeFactory';

const before = episode('A', 'inpatient', '2026-01-01', '2026-01-31', 'stepped-down'); // ends the day before the range
const endsOnFirstDay = episode('A', 'iop', '2026-01-31', '2026-02-01', 'stepped-down'); // its step-down falls on 02-01
const inside = episode('B', 'iop', '2026-02-10', '2026-02-12', 'completed');
const zeroLength = episode('C', 'iop', '2026-02-28', '2026-02-28', 'transferred');
const startsOnLastDay = episode('D', 'outpatient', '2026-02-28');
const after = episode('E', 'outpatient', '2026-03-01');
const spanning = episode('F', 'inpatient', '2025-12-01'); // open, began before the range
const all = [before, endsOnFirstDay, inside, zeroLength, startsOnLastDay, after, spanning];

describe('filterEpisodes (episodes overlapping the range, both bounds included)', () => {
  it('keeps episodes with a day from `from` to `to`, end days included, open episodes running on', () => {
    expect(filterEpisodes(all, { from: '2026-02-01', to: '2026-02-28' })).toEqual([endsOnFirstDay, inside, zeroLength, startsOnLastDay, spanning]);
  });

  it('leaves a side open when its bound is missing', () => {
    expect(filterEpisodes(all, { from: '2026-03-01' })).toEqual([startsOnLastDay, after, spanning]);
    expect(filterEpisodes(all, { to: '2026-01-01' })).toEqual([before, spanning]);
    expect(filterEpisodes(all, {})).toEqual(all);
  });

  it('keeps only the given cases (the app turns clinician and program filters into case ids)', () => {
    expect(filterEpisodes(all, { from: '2026-02-01', caseIds: new Set(['A', 'E']) })).toEqual([endsOnFirstDay, after]);
  });
});
