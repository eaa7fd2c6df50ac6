import type { SaveDecisionInput, DecisionRecord } from '../../../../shared/contract/decisions';
import { isoDateSchema } from '../../../../shared/contract/fields';
import type { Level } from '../../../../shared/domain/levels';
import { needsVariance, type VarianceReason } from '../../../../shared/domain/variance';

export interface DecisionDraft {
  readonly chosenLevel: Level | null;
  readonly effectiveDate: string;
  readonly varianceReason: VarianceReason | '';
  readonly varianceText: string;
}

export const DECISION_FORM_FIELDS: readonly string[] = ['chosenLevel', 'effectiveDate', 'varianceReason', 'varianceText'];

/** Starts from the decision being edited or corrected; otherwise from the recommendation, effective today. */
export function initialDecisionDraft(recommended: Level | null, today: string, from: DecisionRecord | undefined): DecisionDraft {
  if (from) {
    return {
      chosenLevel: from.chosenLevel,
      effectiveDate: from.effectiveDate,
      varianceReason: from.varianceReason ?? '',
      varianceText: from.varianceText ?? '',
    };
  }
  return { chosenLevel: recommended, effectiveDate: today, varianceReason: '', varianceText: '' };
}

export function decisionProblems(draft: DecisionDraft, recommended: Level | null): Record<string, string> {
  const problems: Record<string, string> = {};
  if (draft.chosenLevel === null) problems.chosenLevel = 'Choose the level of care.';
  if (draft.effectiveDate.trim() === '') problems.effectiveDate = 'Enter the effective date.';
  else if (!isoDateSchema.safeParse(draft.effectiveDate).success) problems.effectiveDate = 'Enter a real date as YYYY-MM-DD.';
  if (draft.chosenLevel !== null && needsVariance(recommended, draft.chosenLevel)) {
    if (draft.varianceReason === '') problems.varianceReason = 'Choose a variance reason: the chosen level differs from the recommendation.';
    if (draft.varianceText.trim() === '') problems.varianceText = 'Explain the variance in a sentence for the reviewing supervisor.';
  }
  return problems;
}

export function decisionSaveInput(
  draft: DecisionDraft & { readonly chosenLevel: Level },
  ids: { readonly caseId: string; readonly assessmentId: string; readonly decisionId?: string; readonly supersedesId?: string },
  recommended: Level | null,
): SaveDecisionInput {
  const variance = needsVariance(recommended, draft.chosenLevel);
  return {
    ...(ids.decisionId ? { decisionId: ids.decisionId } : {}),
    caseId: ids.caseId,
    assessmentId: ids.assessmentId,
    chosenLevel: draft.chosenLevel,
    effectiveDate: draft.effectiveDate,
    varianceReason: variance && draft.varianceReason !== '' ? draft.varianceReason : null,
    varianceText: variance ? draft.varianceText.trim() : null,
    ...(ids.supersedesId ? { supersedesId: ids.supersedesId } : {}),
  };
}
