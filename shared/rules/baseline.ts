import type { Level } from '../domain/levels';
import { listMissingFields, type Assessment } from './assessment';
import { deriveTransition, type Recommendation } from './recommendation';
import { RULESET_2026_1 } from './rulesets/v2026-1';

const REASON_BY_ID: ReadonlyMap<string, string> = new Map(RULESET_2026_1.rules.map((rule) => [rule.id, rule.reason]));
const WARNING_IDS: ReadonlySet<string> = new Set(RULESET_2026_1.rules.filter((rule) => rule.effect.kind === 'warning').map((rule) => rule.id));

/**
 * Ruleset 2026.1 written out by hand as plain if/else. It is the speed yardstick for the interpreter
 * and an independent oracle in tests: both must produce the same output for every assessment.
 */
export function evaluateBaseline(assessment: Assessment): Recommendation {
  const { severity, currentLevel } = assessment;
  const d = assessment.dimensions ?? {};
  const c = assessment.criteria ?? {};
  const ruleIds: string[] = [];

  if (c.lifeThreateningUse === true) ruleIds.push('INP-LIFE-THREAT');
  if (c.needsMedicallySupervisedWithdrawal === true) ruleIds.push('INP-SUPERVISED-WITHDRAWAL');
  if (c.needs24HourSupervision === true) ruleIds.push('INP-24H-SUPERVISION');
  if (c.repeatedRelapseInOutpatient === true) ruleIds.push('INP-REPEATED-RELAPSE');
  if (c.safeSoberHousing === false) ruleIds.push('INP-NO-SAFE-HOUSING');
  if (c.supportiveNetwork === false) ruleIds.push('INP-NO-SUPPORT');
  if (c.courtOrderedResidential === true) ruleIds.push('INP-COURT-ORDER');
  if (severity === 'severe' && c.completedHigherLevelCare === false) ruleIds.push('INP-SEVERE-NO-PRIOR-CARE');
  if (c.severeCoOccurringMentalHealth === true && c.completedHigherLevelCare === false) ruleIds.push('INP-CO-OCCURRING-NO-PRIOR-CARE');
  if (d.withdrawal !== undefined && d.withdrawal >= 3) ruleIds.push('INP-WITHDRAWAL-RISK');
  if (d.biomedical !== undefined && d.biomedical >= 3) ruleIds.push('INP-BIOMEDICAL-RISK');
  if (d.psychiatric !== undefined && d.psychiatric >= 3) ruleIds.push('INP-PSYCHIATRIC-RISK');
  if (d.readiness === 4) ruleIds.push('INP-READINESS-CRITICAL');
  if (d.relapse === 4) ruleIds.push('INP-RELAPSE-CRITICAL');
  if (d.environment === 4) ruleIds.push('INP-ENVIRONMENT-CRITICAL');

  let level: Level | null = null;
  if (ruleIds.length > 0) {
    level = 'inpatient';
  } else if (
    severity !== undefined &&
    d.withdrawal !== undefined &&
    d.biomedical !== undefined &&
    d.psychiatric !== undefined &&
    d.readiness !== undefined &&
    d.relapse !== undefined &&
    d.environment !== undefined &&
    c.lifeThreateningUse !== undefined &&
    c.needsMedicallySupervisedWithdrawal !== undefined &&
    c.needs24HourSupervision !== undefined &&
    c.repeatedRelapseInOutpatient !== undefined &&
    c.safeSoberHousing !== undefined &&
    c.supportiveNetwork !== undefined &&
    c.courtOrderedResidential !== undefined &&
    c.severeCoOccurringMentalHealth !== undefined &&
    c.completedHigherLevelCare !== undefined &&
    c.selfMotivated !== undefined &&
    c.needsFlexibleSchedule !== undefined
  ) {
    const highestRating = Math.max(d.withdrawal, d.biomedical, d.psychiatric, d.readiness, d.relapse, d.environment);
    if (severity === 'moderate') ruleIds.push('IOP-MODERATE');
    if (severity === 'mild' && highestRating >= 2) ruleIds.push('IOP-MILD-ELEVATED-RISK');
    if (severity === 'severe' && c.completedHigherLevelCare) ruleIds.push('IOP-SEVERE-STEP-DOWN');
    if (c.severeCoOccurringMentalHealth && c.completedHigherLevelCare) ruleIds.push('IOP-CO-OCCURRING-STEP-DOWN');
    if (ruleIds.length > 0) {
      level = 'iop';
    } else if (severity === 'mild' && highestRating <= 1 && c.safeSoberHousing && c.supportiveNetwork && !c.severeCoOccurringMentalHealth) {
      ruleIds.push('OUT-LOW-RISK');
      level = 'outpatient';
    }
  }

  const reasons: string[] = ruleIds.map(reasonOf);
  const warnings: string[] = [];
  const note = (id: string): void => {
    ruleIds.push(id);
    (WARNING_IDS.has(id) ? warnings : reasons).push(reasonOf(id));
  };
  if (c.needsFlexibleSchedule === true && (level === 'iop' || level === 'outpatient')) note('LOG-FLEXIBLE-SCHEDULE');
  if (c.needsFlexibleSchedule === true && level === 'inpatient') note('LOG-DUTIES-BEFORE-RESIDENTIAL');
  if (c.selfMotivated === false) note('WARN-ENGAGEMENT');
  if (currentLevel === 'iop' && assessment.weeklyTreatmentHours !== undefined && assessment.weeklyTreatmentHours < 9) note('WARN-IOP-INTENSITY');

  return {
    id: assessment.id,
    level,
    transition: deriveTransition(currentLevel, level),
    ruleIds,
    reasons,
    warnings,
    rulesetVersion: RULESET_2026_1.version,
    missing: listMissingFields(assessment),
  };
}

function reasonOf(id: string): string {
  return REASON_BY_ID.get(id) ?? id;
}
