import type { Assessment, Criteria, Dimensions } from '../../../shared/rules/assessment';

export interface AssessmentOverrides extends Partial<Omit<Assessment, 'dimensions' | 'criteria'>> {
  readonly dimensions?: Partial<Dimensions>;
  readonly criteria?: Partial<Criteria>;
  /** Dotted paths to leave out as unknown ("severity", "dimensions.relapse", "criteria.selfMotivated"). */
  readonly unknown?: readonly string[];
}

/**
 * A complete assessment that fits standard outpatient care (mild, every risk 0 or 1, safe home,
 * supportive people); override only what a test is about.
 */
export function makeAssessment(overrides: AssessmentOverrides = {}): Assessment {
  const { dimensions, criteria, unknown = [], ...top } = overrides;
  const assessment: Assessment = {
    id: 'V-1',
    assessedOn: '2026-03-01',
    currentLevel: 'none',
    severity: 'mild',
    ...top,
    dimensions: { withdrawal: 0, biomedical: 0, psychiatric: 1, readiness: 1, relapse: 1, environment: 0, ...dimensions },
    criteria: {
      lifeThreateningUse: false,
      needsMedicallySupervisedWithdrawal: false,
      needs24HourSupervision: false,
      repeatedRelapseInOutpatient: false,
      safeSoberHousing: true,
      supportiveNetwork: true,
      courtOrderedResidential: false,
      severeCoOccurringMentalHealth: false,
      completedHigherLevelCare: false,
      selfMotivated: true,
      needsFlexibleSchedule: false,
      ...criteria,
    },
  };
  for (const path of unknown) leaveOut(assessment, path);
  return assessment;
}

export function leaveOut(assessment: Assessment, path: string): void {
  const [group, name] = path.split('.');
  if (group === 'dimensions' && assessment.dimensions !== undefined) delete (assessment.dimensions as Record<string, unknown>)[name ?? ''];
  else if (group === 'criteria' && assessment.criteria !== undefined) delete (assessment.criteria as Record<string, unknown>)[name ?? ''];
  else if (group === 'severity') delete assessment.severity;
  else if (group === 'weeklyTreatmentHours') delete assessment.weeklyTreatmentHours;
  else throw new Error(`Cannot leave out "${path}"`);
}
