import { describe, expect, it } from 'vitest';
import { concordance, varianceBreakdown, type DecisionRecord } from '../../../shared/metrics';

function decision(overrides: Partial<DecisionRecord>): DecisionRecord {
  return { recommendedLevel: 'iop', chosenLevel: 'iop', status: 'approved', supersededById: null, varianceReason: null, ...overrides };
}

const decisions: DecisionRecord[] = [
  decision({}), // eligible, as recommended
  decision({ recommendedLevel: 'inpatient', chosenLevel: 'inpatient' }), // eligible, as recommended
  decision({ chosenLevel: 'outpatient', varianceReason: 'patient-preference' }), // eligible, variance
  decision({ recommendedLevel: 'inpatient', chosenLevel: 'iop', varianceReason: 'no-bed-or-slot' }), // eligible, variance
  decision({ recommendedLevel: null, chosenLevel: 'iop', varianceReason: 'incomplete-assessment' }), // no recommendation: a variance, not eligible
  decision({ status: 'submitted', chosenLevel: 'outpatient', varianceReason: 'patient-preference' }), // not approved
  decision({ status: 'approved', supersededById: 'D-9', chosenLevel: 'outpatient', varianceReason: 'patient-preference' }), // superseded
  decision({ status: 'withdrawn' }),
  decision({ chosenLevel: 'inpatient', varianceReason: 'patient-preference' }), // eligible, variance
];

describe('concordance (the review-workflow definition), hand-computed', () => {
  it('counts approved, non-superseded decisions with a recommendation, and those placed as recommended', () => {
    // Eligible: decisions 0, 1, 2, 3, 8 → 5; placed as recommended: 0, 1 → 2; share 2/5.
    expect(concordance(decisions)).toEqual({ placedAsRecommended: 2, eligible: 5, share: 0.4 });
  });

  it('gives a null share when nothing is eligible', () => {
    expect(concordance([])).toEqual({ placedAsRecommended: 0, eligible: 0, share: null });
    expect(concordance([decision({ status: 'draft' })])).toEqual({ placedAsRecommended: 0, eligible: 0, share: null });
  });
});

describe('varianceBreakdown, hand-computed', () => {
  it('counts the reasons of decisions in effect that depart from the rules, most frequent first', () => {
    // In effect and departing: 2 (patient-preference), 3 (no-bed-or-slot), 4 (incomplete-assessment), 8 (patient-preference).
    expect(varianceBreakdown(decisions)).toEqual({
      variances: 4,
      byReason: [
        { reason: 'patient-preference', count: 2 },
        { reason: 'incomplete-assessment', count: 1 },
        { reason: 'no-bed-or-slot', count: 1 },
      ],
      withoutReason: 0,
    });
  });

  it('lists known reasons at 0, keeps reasons outside the list, and counts variances without a reason', () => {
    const result = varianceBreakdown(
      [decision({ chosenLevel: 'outpatient', varianceReason: 'court order' }), decision({ chosenLevel: 'outpatient', varianceReason: null })],
      ['legal-mandate', 'patient-preference'],
    );
    expect(result).toEqual({
      variances: 2,
      byReason: [
        { reason: 'court order', count: 1 },
        { reason: 'legal-mandate', count: 0 },
        { reason: 'patient-preference', count: 0 },
      ],
      withoutReason: 1,
    });
  });
});
