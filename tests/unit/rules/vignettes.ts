import type { Level } from '../../../shared/domain/levels';
import { ASSESSABLE_FIELDS, type Assessment } from '../../../shared/rules/assessment';
import type { Transition } from '../../../shared/rules/recommendation';
import type { SeedCriterionId } from '../../../shared/rules/seedCriteria';
import { makeAssessment } from './assessmentFactory';

export interface Vignette {
  readonly name: string;
  readonly assessment: Assessment;
  readonly level: Level | null;
  readonly transition: Transition | null;
  /** Exactly the rule ids expected, in output order. */
  readonly ruleIds: readonly string[];
  readonly missing?: readonly string[];
  /** Seed criteria no rule encodes, shown here not to move the level. */
  readonly illustrates?: readonly SeedCriterionId[];
}

const ALL_BUT_LIFE_THREAT = [
  'severity',
  'dimensions.withdrawal',
  'dimensions.biomedical',
  'dimensions.psychiatric',
  'dimensions.readiness',
  'dimensions.relapse',
  'dimensions.environment',
  'criteria.needsMedicallySupervisedWithdrawal',
  'criteria.needs24HourSupervision',
  'criteria.repeatedRelapseInOutpatient',
  'criteria.safeSoberHousing',
  'criteria.supportiveNetwork',
  'criteria.courtOrderedResidential',
  'criteria.severeCoOccurringMentalHealth',
  'criteria.completedHigherLevelCare',
  'criteria.selfMotivated',
  'criteria.needsFlexibleSchedule',
];

const bare = (overrides: Partial<Assessment>): Assessment => ({ id: 'V-bare', assessedOn: '2026-03-01', currentLevel: 'none', ...overrides });

export const VIGNETTES: readonly Vignette[] = [
  // Outpatient
  {
    name: 'mild disorder, every risk low, safe home, supportive family',
    assessment: makeAssessment(),
    level: 'outpatient',
    transition: 'admit',
    ruleIds: ['OUT-LOW-RISK'],
  },
  {
    name: 'mild disorder after finishing residential care steps down past IOP to outpatient',
    assessment: makeAssessment({ currentLevel: 'inpatient', criteria: { completedHigherLevelCare: true } }),
    level: 'outpatient',
    transition: 'step-down',
    ruleIds: ['OUT-LOW-RISK'],
  },
  {
    name: 'IOP patient now low-risk steps down to outpatient',
    assessment: makeAssessment({ currentLevel: 'iop', weeklyTreatmentHours: 12 }),
    level: 'outpatient',
    transition: 'step-down',
    ruleIds: ['OUT-LOW-RISK'],
  },
  {
    name: 'outpatient patient stays outpatient with a job to keep',
    assessment: makeAssessment({ currentLevel: 'outpatient', weeklyTreatmentHours: 2, criteria: { needsFlexibleSchedule: true } }),
    level: 'outpatient',
    transition: 'continue',
    ruleIds: ['OUT-LOW-RISK', 'LOG-FLEXIBLE-SCHEDULE'],
  },
  {
    name: 'needs help to get sober but every risk is low: outpatient, as every centre offers the same core services',
    assessment: makeAssessment({ dimensions: { readiness: 1, relapse: 1 } }),
    level: 'outpatient',
    transition: 'admit',
    ruleIds: ['OUT-LOW-RISK'],
    illustrates: ['S4-OUT-NEEDS-SUPPORT', 'S4-COMMON-SERVICES'],
  },
  // IOP
  {
    name: 'moderate disorder living at home',
    assessment: makeAssessment({ severity: 'moderate' }),
    level: 'iop',
    transition: 'admit',
    ruleIds: ['IOP-MODERATE'],
  },
  {
    name: 'mild disorder with relapse risk 2 after outpatient care was not enough steps up',
    assessment: makeAssessment({ currentLevel: 'outpatient', dimensions: { relapse: 2 } }),
    level: 'iop',
    transition: 'step-up',
    ruleIds: ['IOP-MILD-ELEVATED-RISK'],
  },
  {
    name: 'mild disorder with manageable withdrawal (rated 2) is treated outside a facility',
    assessment: makeAssessment({ dimensions: { withdrawal: 2 } }),
    level: 'iop',
    transition: 'admit',
    ruleIds: ['IOP-MILD-ELEVATED-RISK'],
  },
  {
    name: 'mild disorder with recovery environment rated 3 needs IOP, not residential care',
    assessment: makeAssessment({ dimensions: { environment: 3 } }),
    level: 'iop',
    transition: 'admit',
    ruleIds: ['IOP-MILD-ELEVATED-RISK'],
  },
  {
    name: 'moderate disorder with readiness rated 3 stays in IOP',
    assessment: makeAssessment({ severity: 'moderate', currentLevel: 'iop', weeklyTreatmentHours: 9, dimensions: { readiness: 3 } }),
    level: 'iop',
    transition: 'continue',
    ruleIds: ['IOP-MODERATE'],
  },
  {
    name: 'severe disorder steps down to IOP after completing residential care',
    assessment: makeAssessment({ severity: 'severe', currentLevel: 'inpatient', criteria: { completedHigherLevelCare: true } }),
    level: 'iop',
    transition: 'step-down',
    ruleIds: ['IOP-SEVERE-STEP-DOWN'],
  },
  {
    name: 'debilitating co-occurring condition steps down to IOP (not outpatient) after residential care',
    assessment: makeAssessment({ currentLevel: 'inpatient', criteria: { severeCoOccurringMentalHealth: true, completedHigherLevelCare: true } }),
    level: 'iop',
    transition: 'step-down',
    ruleIds: ['IOP-CO-OCCURRING-STEP-DOWN'],
  },
  {
    name: 'severe disorder with a co-occurring condition, both after residential care',
    assessment: makeAssessment({
      severity: 'severe',
      currentLevel: 'inpatient',
      criteria: { severeCoOccurringMentalHealth: true, completedHigherLevelCare: true },
    }),
    level: 'iop',
    transition: 'step-down',
    ruleIds: ['IOP-SEVERE-STEP-DOWN', 'IOP-CO-OCCURRING-STEP-DOWN'],
  },
  {
    name: 'moderate disorder with work and children to care for: the schedule is noted, the level is clinical',
    assessment: makeAssessment({ severity: 'moderate', criteria: { needsFlexibleSchedule: true } }),
    level: 'iop',
    transition: 'admit',
    ruleIds: ['IOP-MODERATE', 'LOG-FLEXIBLE-SCHEDULE'],
  },
  {
    name: 'moderate disorder, not motivated of their own accord: engagement warning only',
    assessment: makeAssessment({ severity: 'moderate', criteria: { selfMotivated: false } }),
    level: 'iop',
    transition: 'admit',
    ruleIds: ['IOP-MODERATE', 'WARN-ENGAGEMENT'],
  },
  {
    name: 'IOP patient attending 6 hours a week is below IOP intensity',
    assessment: makeAssessment({ severity: 'moderate', currentLevel: 'iop', weeklyTreatmentHours: 6 }),
    level: 'iop',
    transition: 'continue',
    ruleIds: ['IOP-MODERATE', 'WARN-IOP-INTENSITY'],
  },
  {
    name: 'IOP patient attending 12 hours over four weekday blocks meets IOP intensity',
    assessment: makeAssessment({ severity: 'moderate', currentLevel: 'iop', weeklyTreatmentHours: 12 }),
    level: 'iop',
    transition: 'continue',
    ruleIds: ['IOP-MODERATE'],
    illustrates: ['S0-IOP-TIMETABLE', 'S1-IOP-FORMAT'],
  },
  {
    name: 'outpatient patient attending 3 hours is not judged against IOP intensity',
    assessment: makeAssessment({ severity: 'moderate', currentLevel: 'outpatient', weeklyTreatmentHours: 3 }),
    level: 'iop',
    transition: 'step-up',
    ruleIds: ['IOP-MODERATE'],
  },
  {
    name: 'moderate disorder, values privacy, pets and keeping the job: preferences do not set the level',
    assessment: makeAssessment({ severity: 'moderate', dimensions: { relapse: 2 }, criteria: { needsFlexibleSchedule: true } }),
    level: 'iop',
    transition: 'admit',
    ruleIds: ['IOP-MODERATE', 'LOG-FLEXIBLE-SCHEDULE'],
    illustrates: ['S3-CONFIDENTIALITY', 'S2-REAL-WORLD-PRACTICE', 'S4-REASONS-FOR-CHOOSING', 'S4-EFFECTIVENESS'],
  },
  // Inpatient
  ...(
    [
      ['life-threatening use', { criteria: { lifeThreateningUse: true } }, 'INP-LIFE-THREAT'],
      ['withdrawal needing constant medical supervision', { criteria: { needsMedicallySupervisedWithdrawal: true } }, 'INP-SUPERVISED-WITHDRAWAL'],
      ['cravings that need supervision day and night', { criteria: { needs24HourSupervision: true } }, 'INP-24H-SUPERVISION'],
      ['no safe, sober home', { criteria: { safeSoberHousing: false } }, 'INP-NO-SAFE-HOUSING'],
      ['no supportive family or friends', { criteria: { supportiveNetwork: false } }, 'INP-NO-SUPPORT'],
      ['court-ordered residential treatment', { criteria: { courtOrderedResidential: true } }, 'INP-COURT-ORDER'],
      ['severe disorder with no detox or residential care yet', { severity: 'severe' }, 'INP-SEVERE-NO-PRIOR-CARE'],
      [
        'debilitating co-occurring condition, no residential care yet',
        { severity: 'moderate', criteria: { severeCoOccurringMentalHealth: true } },
        'INP-CO-OCCURRING-NO-PRIOR-CARE',
      ],
      ['withdrawal risk rated 3', { dimensions: { withdrawal: 3 } }, 'INP-WITHDRAWAL-RISK'],
      ['physical health risk rated 3', { dimensions: { biomedical: 3 } }, 'INP-BIOMEDICAL-RISK'],
      ['mental health risk rated 4', { dimensions: { psychiatric: 4 } }, 'INP-PSYCHIATRIC-RISK'],
      ['readiness-to-change risk rated 4', { dimensions: { readiness: 4 } }, 'INP-READINESS-CRITICAL'],
      ['relapse risk rated 4', { dimensions: { relapse: 4 } }, 'INP-RELAPSE-CRITICAL'],
      ['recovery environment rated 4', { dimensions: { environment: 4 } }, 'INP-ENVIRONMENT-CRITICAL'],
    ] as const
  ).map(([what, overrides, ruleId]): Vignette => ({
    name: `${what} calls for residential care`,
    assessment: makeAssessment(overrides),
    level: 'inpatient',
    transition: 'admit',
    ruleIds: [ruleId],
  })),
  {
    name: 'keeps relapsing in outpatient care steps up to residential',
    assessment: makeAssessment({ currentLevel: 'outpatient', criteria: { repeatedRelapseInOutpatient: true } }),
    level: 'inpatient',
    transition: 'step-up',
    ruleIds: ['INP-REPEATED-RELAPSE'],
  },
  {
    name: 'several residential triggers are all cited, in ruleset order',
    assessment: makeAssessment({
      severity: 'severe',
      currentLevel: 'iop',
      dimensions: { relapse: 4 },
      criteria: { supportiveNetwork: false, lifeThreateningUse: true },
    }),
    level: 'inpatient',
    transition: 'step-up',
    ruleIds: ['INP-LIFE-THREAT', 'INP-NO-SUPPORT', 'INP-SEVERE-NO-PRIOR-CARE', 'INP-RELAPSE-CRITICAL'],
  },
  {
    name: 'residential patient still needing round-the-clock supervision continues',
    assessment: makeAssessment({ currentLevel: 'inpatient', criteria: { needs24HourSupervision: true } }),
    level: 'inpatient',
    transition: 'continue',
    ruleIds: ['INP-24H-SUPERVISION'],
  },
  {
    name: 'residential care needed by a parent with a job: duties flagged for planning',
    assessment: makeAssessment({ criteria: { lifeThreateningUse: true, needsFlexibleSchedule: true } }),
    level: 'inpatient',
    transition: 'admit',
    ruleIds: ['INP-LIFE-THREAT', 'LOG-DUTIES-BEFORE-RESIDENTIAL'],
  },
  {
    name: 'withdrawal rated 3 and cannot afford a residential stay: cost, amenities and length of stay do not lower the level',
    assessment: makeAssessment({ dimensions: { withdrawal: 3 } }),
    level: 'inpatient',
    transition: 'admit',
    ruleIds: ['INP-WITHDRAWAL-RISK'],
    illustrates: ['S2-COST-INSURANCE', 'S3-LOWER-COST', 'S4-OUT-CANNOT-AFFORD', 'S1-INPATIENT-AMENITIES', 'S2-RESIDENTIAL-STAY'],
  },
  // Unknown fields
  {
    name: 'only life-threatening use known: inpatient, with every unknown field listed',
    assessment: bare({ currentLevel: 'iop', criteria: { lifeThreateningUse: true } }),
    level: 'inpatient',
    transition: 'step-up',
    ruleIds: ['INP-LIFE-THREAT'],
    missing: ALL_BUT_LIFE_THREAT,
  },
  {
    name: 'nothing assessed yet: no level, everything missing',
    assessment: bare({}),
    level: null,
    transition: null,
    ruleIds: [],
    missing: ASSESSABLE_FIELDS,
  },
  {
    name: 'moderate disorder with relapse risk unknown: no guess',
    assessment: makeAssessment({ severity: 'moderate', unknown: ['dimensions.relapse'] }),
    level: null,
    transition: null,
    ruleIds: [],
    missing: ['dimensions.relapse'],
  },
  {
    name: 'severity unknown: no guess, even with low risks',
    assessment: makeAssessment({ unknown: ['severity'], criteria: { selfMotivated: false } }),
    level: null,
    transition: null,
    ruleIds: ['WARN-ENGAGEMENT'],
    missing: ['severity'],
  },
  {
    name: 'severe disorder with completed care unknown: no guess',
    assessment: makeAssessment({ severity: 'severe', unknown: ['criteria.completedHigherLevelCare'] }),
    level: null,
    transition: null,
    ruleIds: [],
    missing: ['criteria.completedHigherLevelCare'],
  },
  {
    name: 'motivation and schedule unknown: no level below inpatient, as every field must be answered',
    assessment: makeAssessment({ severity: 'moderate', unknown: ['criteria.selfMotivated', 'criteria.needsFlexibleSchedule'] }),
    level: null,
    transition: null,
    ruleIds: [],
    missing: ['criteria.selfMotivated', 'criteria.needsFlexibleSchedule'],
  },
  {
    name: 'only the schedule unknown: still no level below inpatient',
    assessment: makeAssessment({ currentLevel: 'outpatient', unknown: ['criteria.needsFlexibleSchedule'] }),
    level: null,
    transition: null,
    ruleIds: [],
    missing: ['criteria.needsFlexibleSchedule'],
  },
  {
    name: 'only motivation unknown: still no level below inpatient',
    assessment: makeAssessment({ severity: 'moderate', currentLevel: 'iop', unknown: ['criteria.selfMotivated'] }),
    level: null,
    transition: null,
    ruleIds: [],
    missing: ['criteria.selfMotivated'],
  },
  {
    name: 'motivation and schedule unknown do not hold back an inpatient rule that fires',
    assessment: makeAssessment({ dimensions: { withdrawal: 3 }, unknown: ['criteria.selfMotivated', 'criteria.needsFlexibleSchedule'] }),
    level: 'inpatient',
    transition: 'admit',
    ruleIds: ['INP-WITHDRAWAL-RISK'],
    missing: ['criteria.selfMotivated', 'criteria.needsFlexibleSchedule'],
  },
];
