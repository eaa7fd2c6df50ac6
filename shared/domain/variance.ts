export const VARIANCE_REASONS = [
  'patient-preference',
  'payer-authorization',
  'no-bed-or-slot',
  'clinical-judgement',
  'legal-mandate',
  'incomplete-assessment',
  'other',
] as const;
export type VarianceReason = (typeof VARIANCE_REASONS)[number];

export const VARIANCE_LABELS: Readonly<Record<VarianceReason, string>> = {
  'patient-preference': 'Patient preference',
  'payer-authorization': 'Payer authorization',
  'no-bed-or-slot': 'No bed or slot available',
  'clinical-judgement': 'Clinical judgement',
  'legal-mandate': 'Legal mandate',
  'incomplete-assessment': 'Incomplete assessment',
  other: 'Other',
};

/** A decision departs from the rules when it picks another level, or decides while the rules could not. */
export function needsVariance(recommended: string | null, chosen: string): boolean {
  return recommended === null || recommended !== chosen;
}
