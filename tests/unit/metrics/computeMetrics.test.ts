import { describe, expect, it } from 'vitest';
import { census, computeMetrics } from '../../../shared/metrics';
import { WORKED_EXAMPLE } from './episodeFactory';

describe('computeMetrics on the worked example of docs/METRICS.md (hand-computed)', () => {
  it('gives exactly the CLI fields, with every figure as worked out by hand', () => {
    expect(computeMetrics(WORKED_EXAMPLE)).toEqual({
      // A: inpatient->iop, iop->inpatient, inpatient->outpatient (last episode open: no discharge)
      // B: inpatient->iop, iop->discharged;  C: iop->inpatient, inpatient->discharged
      transitions: {
        'inpatient->iop': 2,
        'inpatient->outpatient': 1,
        'inpatient->discharged': 1,
        'iop->inpatient': 2,
        'iop->discharged': 1,
      },
      lengthOfStay: {
        // Closed inpatient stays: A 14 (01-01→01-15), A 10 (02-10→02-20), B 10 (01-10→01-20), C 2 (02-10→02-12).
        // Sorted [2, 10, 10, 14]: median at (4−1)·0.5 = 1.5 → 10 + 0.5·(10−10) = 10;
        // p25 at 0.75 → 2 + 0.75·(10−2) = 8;  p75 at 2.25 → 10 + 0.25·(14−10) = 11.
        inpatient: { n: 4, median: 10, p25: 8, p75: 11 },
        // Closed iop stays: A 21 (01-15→02-05), B 53 (02-05→03-30: 23 + 30), C 9 (02-01→02-10). Sorted [9, 21, 53]:
        // median at 1 → 21;  p25 at 0.5 → 9 + 0.5·12 = 15;  p75 at 1.5 → 21 + 0.5·32 = 37.
        iop: { n: 3, median: 21, p25: 15, p75: 37 },
        // The only outpatient episode is open: the level is absent.
      },
      // Inpatient ends not by death: A 01-15 (iop starts 0 days later), A 02-20 (outpatient 0 days later),
      // B 01-20 (iop 16 days later); C's ends in death and is left out. within7 = 2/3, within30 = 3/3.
      continuityAfterInpatient: { n: 3, within7: 2 / 3, within30: 1 },
      // Step-downs: A's iop (starts 01-15, 0 days after inpatient ended) and A's outpatient (02-20, 0 days).
      // B's iop starts 16 days after inpatient: not a step-down. A's iop returns: inpatient starts 02-10,
      // 26 days after 01-15. A's outpatient does not. rate = 1/2.
      returnToHigherWithin30: { n: 2, rate: 0.5 },
      // Closed inpatient: stepped-down, stepped-down, dropped-out, died → 1/4. Closed iop: stepped-up,
      // completed, stepped-up → 0/3. Outpatient: none closed → null.
      dropoutRate: { inpatient: 0.25, iop: 0, outpatient: null },
    });
  });

  it('counts the census of 2026-02-10 from the same episodes', () => {
    // A inpatient [02-10, 02-20) and C inpatient [02-10, 02-12) are in; B iop [02-05, 03-30) is in;
    // C iop [02-01, 02-10) ended that day and is out.
    expect(census(WORKED_EXAMPLE, '2026-02-10')).toEqual({ inpatient: 2, iop: 1, outpatient: 0 });
  });

  it('gives empty counts and null ratios for no episodes at all', () => {
    expect(computeMetrics([])).toEqual({
      transitions: {},
      lengthOfStay: {},
      continuityAfterInpatient: { n: 0, within7: null, within30: null },
      returnToHigherWithin30: { n: 0, rate: null },
      dropoutRate: { inpatient: null, iop: null, outpatient: null },
    });
  });
});
