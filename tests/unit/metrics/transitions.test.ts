import { describe, expect, it } from 'vitest';
import { transitionCounts } from '../../../shared/metrics';
import { episode } from './episodeFactory';

describe('transitions (hand-computed)', () => {
  it('counts nothing for a single open episode', () => {
    expect(transitionCounts([episode('A', 'inpatient', '2026-01-01')])).toEqual({});
  });

  it('counts a single closed episode once as discharged', () => {
    expect(transitionCounts([episode('A', 'iop', '2026-01-01', '2026-01-20', 'completed')])).toEqual({ 'iop->discharged': 1 });
  });

  it('counts same-day transitions as consecutive pairs, and no discharge while the last episode is open', () => {
    const episodes = [
      episode('A', 'inpatient', '2026-01-01', '2026-01-10', 'stepped-down'),
      episode('A', 'iop', '2026-01-10', '2026-02-09', 'stepped-down'),
      episode('A', 'outpatient', '2026-02-09'),
    ];
    expect(transitionCounts(episodes)).toEqual({ 'inpatient->iop': 1, 'iop->outpatient': 1 });
  });

  it('counts inpatient->inpatient after a gap, and the closed last episode as discharged', () => {
    const episodes = [
      episode('A', 'inpatient', '2026-01-01', '2026-01-05', 'dropped-out'),
      episode('A', 'inpatient', '2026-03-01', '2026-03-10', 'completed'),
    ];
    expect(transitionCounts(episodes)).toEqual({ 'inpatient->inpatient': 1, 'inpatient->discharged': 1 });
  });

  it('counts a discharge whatever the end reason: death, transfer, none given, or a reason outside the list', () => {
    const episodes = [
      episode('A', 'inpatient', '2026-01-01', '2026-01-05', 'died'),
      episode('B', 'iop', '2026-01-01', '2026-01-05', 'transferred'),
      episode('C', 'iop', '2026-01-01', '2026-01-05', null),
      episode('D', 'outpatient', '2026-01-01', '2026-01-05', 'moved abroad'),
    ];
    expect(transitionCounts(episodes)).toEqual({ 'inpatient->discharged': 1, 'iop->discharged': 2, 'outpatient->discharged': 1 });
  });

  it('orders by start, then end: a zero-length episode comes before a longer one starting the same day', () => {
    // Input scrambled. Order: iop [01-05, 01-05), inpatient [01-05, 01-09), outpatient [01-09, open).
    const episodes = [
      episode('A', 'outpatient', '2026-01-09'),
      episode('A', 'inpatient', '2026-01-05', '2026-01-09', 'stepped-down'),
      episode('A', 'iop', '2026-01-05', '2026-01-05', 'stepped-up'),
    ];
    expect(transitionCounts(episodes)).toEqual({ 'iop->inpatient': 1, 'inpatient->outpatient': 1 });
  });

  it('orders two zero-length episodes of the same day from the most intensive level down, whatever the input order', () => {
    const inpatient = episode('A', 'inpatient', '2026-01-05', '2026-01-05', 'stepped-down');
    const outpatient = episode('A', 'outpatient', '2026-01-05', '2026-01-05', 'completed');
    const expected = { 'inpatient->outpatient': 1, 'outpatient->discharged': 1 };
    expect(transitionCounts([inpatient, outpatient])).toEqual(expected);
    expect(transitionCounts([outpatient, inpatient])).toEqual(expected);
  });

  it('keeps cases apart when their episodes are interleaved', () => {
    // A: inpatient->iop (iop open).  B: iop->iop after a gap, then discharged.  C: outpatient->discharged.
    const episodes = [
      episode('B', 'iop', '2026-02-01', '2026-03-01', 'completed'),
      episode('A', 'iop', '2026-01-10'),
      episode('C', 'outpatient', '2026-01-05', '2026-01-06', 'transferred'),
      episode('A', 'inpatient', '2026-01-01', '2026-01-10', 'stepped-down'),
      episode('B', 'iop', '2026-01-03', '2026-01-20', 'dropped-out'),
    ];
    expect(transitionCounts(episodes)).toEqual({ 'inpatient->iop': 1, 'iop->iop': 1, 'iop->discharged': 1, 'outpatient->discharged': 1 });
  });

  it('lists the keys from the most intensive level down, discharged last', () => {
    const episodes = [
      episode('A', 'outpatient', '2026-01-01', '2026-01-02', 'stepped-up'),
      episode('A', 'iop', '2026-01-02', '2026-01-03', 'stepped-up'),
      episode('A', 'inpatient', '2026-01-03', '2026-01-04', 'completed'),
    ];
    expect(Object.keys(transitionCounts(episodes))).toEqual(['inpatient->discharged', 'iop->inpatient', 'outpatient->iop']);
  });
});
