import type { PersonRef } from '../../../shared/contract/cases';
import type { EpisodeEndReason } from '../../../shared/domain/episodes';
import { levelRank, LEVEL_SHORT_LABELS, type Level } from '../../../shared/domain/levels';
import { CRITERION_LABELS, DIMENSION_LABELS, type CriterionName, type DimensionName, type Transition } from '../../../shared/rules';

/** Plain-language wording shared by the workflow screens, so every screen says the same thing the same way. */

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A level inside a sentence: "to IOP", "to outpatient" (labels stay capitalised elsewhere). */
export function levelName(level: Level): string {
  return level === 'iop' ? LEVEL_SHORT_LABELS.iop : LEVEL_SHORT_LABELS[level].toLowerCase();
}

/** "Step down to IOP recommended", or what is missing when the rules could not decide. */
export function recommendationHeadline(transition: Transition | null, level: Level | null): string {
  if (level === null) return 'No level recommended yet: the rules need more information';
  const name = level === 'inpatient' ? 'inpatient care' : levelName(level);
  switch (transition) {
    case 'admit':
      return `Admission to ${name} recommended`;
    case 'continue':
      return `Continue at ${name} recommended`;
    case 'step-up':
      return `Step up to ${name} recommended`;
    case 'step-down':
      return `Step down to ${name} recommended`;
    default:
      return `${capitalize(name)} recommended`;
  }
}

export function dimensionLabel(name: DimensionName): string {
  return capitalize(DIMENSION_LABELS[name]);
}

export function criterionLabel(name: CriterionName): string {
  return capitalize(CRITERION_LABELS[name]);
}

/** A dotted assessment path ("dimensions.withdrawal") as the clinician knows the field. */
export function assessmentFieldLabel(path: string): string {
  const [group, name] = path.split('.');
  if (group === 'dimensions' && name && name in DIMENSION_LABELS) return `${dimensionLabel(name as DimensionName)} rating`;
  if (group === 'criteria' && name && name in CRITERION_LABELS) return criterionLabel(name as CriterionName);
  if (path === 'severity') return 'Severity of the substance use disorder';
  if (path === 'weeklyTreatmentHours') return 'Treatment hours last week';
  return path;
}

export { DECISION_STATUS_LABELS } from '../components/DecisionStatusLabel';

export const EPISODE_END_REASON_LABELS: Readonly<Record<EpisodeEndReason, string>> = {
  'stepped-up': 'Stepped up',
  'stepped-down': 'Stepped down',
  completed: 'Completed treatment',
  transferred: 'Transferred',
  'dropped-out': 'Dropped out',
  'administrative-discharge': 'Administrative discharge',
  incarcerated: 'Incarcerated',
  died: 'Died',
  other: 'Other',
};

export function personName(person: PersonRef | null): string {
  return person?.displayName ?? 'Unknown';
}

/** How a decision moves the person: names the object of a confirmation ("the step-down of Jane Doe to IOP"). */
export function placementPhrase(fullName: string, currentLevel: Level | null, chosenLevel: Level): string {
  const to = levelName(chosenLevel);
  if (currentLevel === null) return `the admission of ${fullName} to ${to}`;
  const change = levelRank(chosenLevel) - levelRank(currentLevel);
  if (change === 0) return `continuing ${fullName} at ${to}`;
  return `the ${change > 0 ? 'step-up' : 'step-down'} of ${fullName} to ${to}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "step down to IOP", "admission to inpatient": a change of level in a few words. */
export function movementLabel(currentLevel: Level | null, chosenLevel: Level): string {
  const to = levelName(chosenLevel);
  if (currentLevel === null) return `admission to ${to}`;
  const change = levelRank(chosenLevel) - levelRank(currentLevel);
  if (change === 0) return `continue at ${to}`;
  return `${change > 0 ? 'step up' : 'step down'} to ${to}`;
}

/** What a decision would do to the person, as a sentence. */
export function movementSentence(fullName: string, currentLevel: Level | null, chosenLevel: Level): string {
  const to = levelName(chosenLevel);
  if (currentLevel === null) return `Admits ${fullName} to ${to}; approval opens the first episode of care.`;
  const from = levelName(currentLevel);
  const change = levelRank(chosenLevel) - levelRank(currentLevel);
  if (change === 0) return `Keeps ${fullName} at ${to}: no change of level.`;
  return `Steps ${fullName} ${change > 0 ? 'up' : 'down'} from ${from} to ${to}.`;
}
