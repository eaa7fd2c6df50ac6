import { describe, expect, it } from 'vitest';
import { continuityAfterInpatient } from '../../../shared/metrics';
import { episode } from './episodeFactory';

/** A case whose inpatient stay ends 2026-01-10 and whose IOP starts `days` later. */
function iopAfter(caseId: string, start: string) {
  return [episode(caseId, 'inpatient', '2026-01-01', '2026-01-10', 'stepped-down'), episode(caseId, 'iop', start)];
}

describe('continuityAfterInpatient (hand-computed)', () => {
  it('counts IOP starting 0 and 7 days after within 7, 8 and 30 within 30 only, and 31 in neither', () => {
    const episodes = [
      ...iopAfter('K0', '2026-01-10'), // 0 days: within7, within30
      ...iopAfter('K7', '2026-01-17'), // 7 days: within7, within30
      ...iopAfter('K8', '2026-01-18'), // 8 days: within30 only
      ...iopAfter('K30', '2026-02-09'), // 30 days (21 left in January + 9): within30 only
      ...iopAfter('K31', '2026-02-10'), // 31 days: neither
    ];
    // n = 5; within7 = 2/5 = 0.4; within30 = 4/5 = 0.8.
    expect(continuityAfterInpatient(episodes)).toEqual({ n: 5, within7: 0.4, within30: 0.8 });
  });

  it('leaves deaths out of the denominator but keeps transfers, other reasons and no reason', () => {
    const episodes = [
      episode('D', 'inpatient', '2026-01-01', '2026-01-10', 'died'), // not counted
      episode('T', 'inpatient', '2026-01-01', '2026-01-10', 'transferred'), // counted, no follow-up
      episode('N', 'inpatient', '2026-01-01', '2026-01-10', null), // counted
      episode('N', 'outpatient', '2026-01-12'), // 2 days later: within7
      episode('O', 'inpatient', '2026-01-01'), // open: not counted
    ];
    // n = 2 (T, N); within7 = within30 = 1/2.
    expect(continuityAfterInpatient(episodes)).toEqual({ n: 2, within7: 0.5, within30: 0.5 });
  });

  it('counts any later iop or outpatient episode of the case, not only the next episode', () => {
    const episodes = [
      episode('A', 'inpatient', '2026-01-01', '2026-01-10', 'completed'), // iop starts 5 days later (01-15)
      episode('A', 'inpatient', '2026-01-12', '2026-01-15', 'stepped-down'), // iop starts 0 days later
      episode('A', 'iop', '2026-01-15'),
    ];
    expect(continuityAfterInpatient(episodes)).toEqual({ n: 2, within7: 1, within30: 1 });
  });

  it('does not count care that started before the inpatient end, nor another case, nor a readmission to inpatient', () => {
    const episodes = [
      episode('A', 'iop', '2026-01-01', '2026-01-05', 'stepped-up'), // before the end: 4 days too early
      episode('A', 'inpatient', '2026-01-05', '2026-01-10', 'completed'),
      episode('A', 'inpatient', '2026-01-12', '2026-01-20', 'completed'), // inpatient again: not step-down care
      episode('B', 'iop', '2026-01-10'), // another case
    ];
    // Two inpatient ends (01-10, 01-20), no iop or outpatient of case A starts after either.
    expect(continuityAfterInpatient(episodes)).toEqual({ n: 2, within7: 0, within30: 0 });
  });

  it('counts a zero-length inpatient episode and an immediate step-down on the same day', () => {
    const episodes = [episode('A', 'inpatient', '2026-01-05', '2026-01-05', 'stepped-down'), episode('A', 'outpatient', '2026-01-05')];
    expect(continuityAfterInpatient(episodes)).toEqual({ n: 1, within7: 1, within30: 1 });
  });

  it('gives null shares when there is no counted inpatient end', () => {
    expect(continuityAfterInpatient([])).toEqual({ n: 0, within7: null, within30: null });
    expect(continuityAfterInpatient([episode('A', 'inpatient', '2026-01-01', '2026-01-02', 'died')])).toEqual({
      n: 0,
      within7: null,
      within30: null,
    });
  });
});
