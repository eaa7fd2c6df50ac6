import type { IsoDate } from '../domain/dates';
import type { Level } from '../domain/levels';
import type { Assessment, CurrentLevel, Severity } from '../rules/assessment';
import type { SeededRandom } from './random';

export interface SyntheticAssessmentOptions {
  readonly id: string;
  readonly assessedOn: IsoDate;
  readonly currentLevel: CurrentLevel;
  /** The level the invented clinical picture should point to. */
  readonly target: Level;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? { -readonly [P in keyof T[K]]: T[K][P] } : T[K] };

/** Ways a clinical picture calls for residential care; each one alone triggers an inpatient rule. */
const INPATIENT_TRIGGERS: readonly ((assessment: Mutable<Required<Assessment>>, random: SeededRandom) => void)[] = [
  (a) => (a.criteria.lifeThreateningUse = true),
  (a, random) => {
    a.criteria.needsMedicallySupervisedWithdrawal = true;
    a.dimensions.withdrawal = random.int(3, 4);
  },
  (a) => (a.criteria.needs24HourSupervision = true),
  (a) => (a.criteria.repeatedRelapseInOutpatient = true),
  (a) => (a.criteria.safeSoberHousing = false),
  (a) => (a.criteria.supportiveNetwork = false),
  (a) => (a.criteria.courtOrderedResidential = true),
  (a) => {
    a.severity = 'severe';
    a.criteria.completedHigherLevelCare = false;
  },
  (a, random) => (a.dimensions.psychiatric = random.int(3, 4)),
  (a, random) => (a.dimensions.biomedical = random.int(3, 4)),
  (a) => (a.dimensions.relapse = 4),
];

/**
 * An invented but clinically coherent assessment whose picture points to `target`. The rules decide
 * the recommendation; this only shapes the ratings and criteria a clinician might record.
 */
export function syntheticAssessment(random: SeededRandom, options: SyntheticAssessmentOptions): Assessment {
  const { target } = options;
  const low = (max: number) => random.int(0, max);
  const assessment: Mutable<Required<Assessment>> = {
    id: options.id,
    assessedOn: options.assessedOn,
    currentLevel: options.currentLevel,
    severity:
      target === 'outpatient'
        ? 'mild'
        : random.weighted<Severity>([
            ['moderate', 75],
            ['mild', 10],
            ['severe', 15],
          ]),
    dimensions: { withdrawal: low(1), biomedical: low(1), psychiatric: low(1), readiness: low(1), relapse: low(1), environment: low(1) },
    criteria: {
      lifeThreateningUse: false,
      needsMedicallySupervisedWithdrawal: false,
      needs24HourSupervision: false,
      repeatedRelapseInOutpatient: false,
      safeSoberHousing: true,
      supportiveNetwork: true,
      courtOrderedResidential: false,
      severeCoOccurringMentalHealth: false,
      completedHigherLevelCare: random.chance(0.3),
      selfMotivated: random.chance(0.85),
      needsFlexibleSchedule: random.chance(0.5),
    },
    weeklyTreatmentHours: options.currentLevel === 'iop' ? random.int(5, 15) : options.currentLevel === 'outpatient' ? random.int(1, 3) : 0,
  };
  if (target !== 'outpatient') {
    assessment.dimensions.readiness = low(2);
    assessment.dimensions.relapse = low(3);
    assessment.dimensions.environment = low(2);
    if (assessment.severity === 'mild') assessment.dimensions.relapse = 2;
    if (assessment.severity === 'severe') assessment.criteria.completedHigherLevelCare = true;
    if (random.chance(0.1)) {
      assessment.criteria.severeCoOccurringMentalHealth = true;
      assessment.criteria.completedHigherLevelCare = true;
    }
  }
  if (target === 'inpatient') {
    random.pick(INPATIENT_TRIGGERS)(assessment, random);
    if (random.chance(0.3)) random.pick(INPATIENT_TRIGGERS)(assessment, random);
  }
  // Weekly hours describe attendance at a non-residential level; before admission or in residential care they are left out.
  const hoursApply = options.currentLevel === 'iop' || options.currentLevel === 'outpatient';
  return hoursApply ? assessment : { ...assessment, weeklyTreatmentHours: undefined };
}
