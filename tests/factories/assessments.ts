import type { SaveAssessmentInput } from '../../shared/contract/assessments';

/** A complete assessment that the rules place at IOP (moderate disorder, safe and supported). */
export function makeAssessmentInput(caseId: string, overrides: Partial<SaveAssessmentInput> = {}): SaveAssessmentInput {
  return {
    caseId,
    assessedOn: '2026-11-20',
    severity: 'moderate',
    dimensions: { withdrawal: 1, biomedical: 0, psychiatric: 1, readiness: 1, relapse: 2, environment: 1 },
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
    },
    ...overrides,
  };
}
