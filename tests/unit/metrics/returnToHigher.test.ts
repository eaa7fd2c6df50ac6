import { describe, expect, it } from 'vitest';
import { returnToHigherWithin30 } from '../../../shared/metrics';
import { episode } from './episodeFactory';

describe('returnToHigherWithin30 (hand-computed)', () => {
  it('takes as step-downs episodes starting 0 to 7 days after a higher level ended, not 8', () => {
    const episodes = [
      episode('S0', 'inpatient', '2026-01-01', '2026-01-10', 'stepped-down'),
      episode('S0', 'iop', '2026-01-10'), // 0 days: step-down
      episode('S7', 'inpatient', '2026-01-01', '2026-01-10', 'completed'),
      episode('S7', 'iop', '2026-01-17'), // 7 days: step-down
      episode('S8', 'inpatient', '2026-01-01', '2026-01-10', 'completed'),
      episode('S8', 'iop', '2026-01-18'), // 8 days: not
    ];
    // n = 2, neither returns.
    expect(returnToHigherWithin30(episodes)).toEqual({ n: 2, rate: 0 });
  });

  it('counts a return 1 to 30 days after the step-down start, not on day 0 and not on day 31', () => {
    const stepDown = (caseId: string, iopEnd: string) => [
      episode(caseId, 'inpatient', '2026-01-01', '2026-01-10', 'stepped-down'),
      episode(caseId, 'iop', '2026-01-10', iopEnd, 'stepped-up'),
      episode(caseId, 'inpatient', iopEnd),
    ];
    const episodes = [
      ...stepDown('R0', '2026-01-10'), // zero-length iop, inpatient again the same day: day 0, not a return
      ...stepDown('R1', '2026-01-11'), // back 1 day after the step-down start: returns
      ...stepDown('R30', '2026-02-09'), // 30 days: returns
      ...stepDown('R31', '2026-02-10'), // 31 days: does not
    ];
    // Four step-downs (each iop), two return: rate 2/4.
    expect(returnToHigherWithin30(episodes)).toEqual({ n: 4, rate: 0.5 });
  });

  it('measures the return from the step-down start, not its end', () => {
    const episodes = [
      episode('A', 'inpatient', '2026-01-01', '2026-01-10', 'stepped-down'),
      episode('A', 'iop', '2026-01-10', '2026-02-15', 'completed'), // ends 36 days after its start
      episode('A', 'inpatient', '2026-02-16'), // 37 days after the step-down start, 1 day after its end
    ];
    expect(returnToHigherWithin30(episodes)).toEqual({ n: 1, rate: 0 });
  });

  it('takes IOP to outpatient as a step-down and IOP or inpatient as a return from outpatient', () => {
    const episodes = [
      episode('A', 'iop', '2026-01-01', '2026-01-20', 'stepped-down'),
      episode('A', 'outpatient', '2026-01-22', '2026-02-01', 'stepped-up'), // 2 days after iop: step-down
      episode('A', 'iop', '2026-02-01'), // 10 days after the outpatient start: a return
      episode('B', 'inpatient', '2026-01-01', '2026-01-05', 'stepped-down'),
      episode('B', 'outpatient', '2026-01-05', '2026-01-25', 'stepped-up'), // step-down from inpatient
      episode('B', 'inpatient', '2026-01-25'), // 20 days later: a return
    ];
    expect(returnToHigherWithin30(episodes)).toEqual({ n: 2, rate: 1 });
  });

  it('does not take a same-level or higher-level episode as a step-down, nor a step-up as a return from it', () => {
    const episodes = [
      episode('A', 'iop', '2026-01-01', '2026-01-05', 'completed'),
      episode('A', 'iop', '2026-01-06', '2026-01-10', 'stepped-up'), // same level: not a step-down
      episode('A', 'inpatient', '2026-01-10', '2026-01-20', 'completed'), // a step-up: not a step-down
    ];
    expect(returnToHigherWithin30(episodes)).toEqual({ n: 0, rate: null });
  });

  it('follows the definition literally: an episode after two moves down can be a step-down from the earlier, higher one', () => {
    // inpatient ends 01-10; outpatient 01-10 → 01-12 (a step-down); iop 01-12 starts 2 days after the inpatient
    // end, so it is a step-down too. The outpatient step-down returns (iop is higher, 2 days after its start);
    // the iop step-down does not (no inpatient within 30 days of 01-12). n = 2, rate = 1/2.
    const episodes = [
      episode('A', 'inpatient', '2026-01-01', '2026-01-10', 'stepped-down'),
      episode('A', 'outpatient', '2026-01-10', '2026-01-12', 'stepped-up'),
      episode('A', 'iop', '2026-01-12'),
    ];
    expect(returnToHigherWithin30(episodes)).toEqual({ n: 2, rate: 0.5 });
  });

  it('counts each step-down once however many higher episodes qualify, and ignores other cases', () => {
    const episodes = [
      episode('A', 'inpatient', '2026-01-01', '2026-01-08', 'stepped-down'),
      episode('A', 'iop', '2026-01-08', '2026-01-10', 'stepped-down'),
      episode('A', 'outpatient', '2026-01-10'), // 2 days after inpatient, 0 after iop: one step-down
      episode('B', 'inpatient', '2026-01-15'), // another case: no return for A
    ];
    // Step-downs: A's iop (0 days after inpatient) and A's outpatient. Neither returns.
    expect(returnToHigherWithin30(episodes)).toEqual({ n: 2, rate: 0 });
  });
});
