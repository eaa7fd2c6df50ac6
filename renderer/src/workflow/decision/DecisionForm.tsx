import { useState } from 'react';
import type { AssessmentRecord } from '../../../../shared/contract/assessments';
import type { CaseSummary } from '../../../../shared/contract/cases';
import type { DecisionRecord } from '../../../../shared/contract/decisions';
import { needsVariance } from '../../../../shared/domain/variance';
import { call } from '../../api/client';
import { formatDate } from '../../format/time';
import { useSession } from '../../navigation';
import { placeAppError } from '../appErrors';
import { relativeDay } from '../dates';
import { levelName, movementSentence, plural } from '../describe';
import { useRefreshWorkflow } from '../useCaseDetail';
import { decisionProblems, decisionSaveInput, DECISION_FORM_FIELDS, initialDecisionDraft, type DecisionDraft } from './decisionDraft';
import { LevelChoice } from './LevelChoice';
import { VarianceFields } from './VarianceFields';

interface Props {
  readonly summary: CaseSummary;
  readonly assessment: AssessmentRecord;
  readonly editing: DecisionRecord | undefined;
  readonly supersedes: DecisionRecord | undefined;
  readonly today: string;
}

type Intent = 'draft' | 'submit';

/** Chooses the level and date; a variance from the recommendation asks for a reason and an explanation. */
export function DecisionForm({ summary, assessment, editing, supersedes, today }: Props) {
  const session = useSession();
  const refresh = useRefreshWorkflow();
  const recommended = assessment.recommendation.level;
  const [draft, setDraft] = useState<DecisionDraft>(() => initialDecisionDraft(recommended, today, editing ?? supersedes));
  // Once saved, later attempts edit that draft instead of creating another one (for example when submitting failed).
  const [savedId, setSavedId] = useState<string | undefined>(editing?.id);
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Intent | null>(null);

  const variance = draft.chosenLevel !== null && needsVariance(recommended, draft.chosenLevel);
  const planned = draft.effectiveDate > today;

  const update = (path: string, change: Partial<DecisionDraft>) => {
    setDraft({ ...draft, ...change });
    if (errors[path]) {
      const next = { ...errors };
      delete next[path];
      setErrors(next);
    }
  };

  const fail = (problems: Readonly<Record<string, string>>, message: string) => {
    setErrors(problems);
    setFormError(message);
    const first = DECISION_FORM_FIELDS.find((path) => problems[path]);
    if (first) document.getElementsByName(first)[0]?.focus();
  };

  const save = async (intent: Intent) => {
    const problems = decisionProblems(draft, recommended);
    if (draft.chosenLevel === null || Object.keys(problems).length > 0) {
      fail(problems, `The decision was not saved: ${plural(Object.keys(problems).length, 'field needs', 'fields need')} attention.`);
      return;
    }
    setBusy(intent);
    setFormError(null);
    const ids = { caseId: summary.id, assessmentId: assessment.id, decisionId: savedId, supersedesId: supersedes?.id };
    // Saving and submitting is one request, so a failed submit never leaves a stray draft behind.
    const saved = await call('decisions.save', {
      ...decisionSaveInput({ ...draft, chosenLevel: draft.chosenLevel }, ids, recommended),
      submit: intent === 'submit',
    });
    if (!saved.ok) {
      setBusy(null);
      const placed = placeAppError(saved.error, DECISION_FORM_FIELDS);
      fail(placed.fields, `The decision was not saved. ${placed.form ?? 'Check the fields marked below.'}`);
      return;
    }
    setSavedId(saved.value.id);
    setBusy(null);
    await refresh(summary.id);
    session.navigate({ page: 'case', caseId: summary.id });
  };

  return (
    <form
      className="decision-form"
      noValidate
      aria-labelledby="decision-title"
      onSubmit={(event) => {
        event.preventDefault();
        void save('submit');
      }}
    >
      {formError && (
        <p role="alert" className="form-error">
          {formError}
        </p>
      )}
      <LevelChoice
        value={draft.chosenLevel}
        recommended={recommended}
        current={summary.level}
        error={errors.chosenLevel}
        onChange={(chosenLevel) => update('chosenLevel', { chosenLevel })}
      />
      {draft.chosenLevel && (
        <p className="wf-movement" aria-live="polite">
          {summary.status === 'discharged'
            ? `Readmits ${summary.fullName} to ${levelName(draft.chosenLevel)}; approval opens a new episode of care.`
            : movementSentence(summary.fullName, summary.level, draft.chosenLevel)}
        </p>
      )}

      <div className="wf-field wf-narrow">
        <label htmlFor="effectiveDate">Effective date</label>
        <input
          id="effectiveDate"
          name="effectiveDate"
          type="date"
          value={draft.effectiveDate}
          aria-invalid={Boolean(errors.effectiveDate)}
          aria-describedby={`effectiveDate-hint${errors.effectiveDate ? ' effectiveDate-error' : ''}`}
          onChange={(event) => update('effectiveDate', { effectiveDate: event.target.value })}
        />
        <p id="effectiveDate-hint" className="wf-hint">
          {planned ? (
            <>
              <span className="wf-planned">Planned</span> A planned transition {relativeDay(draft.effectiveDate, today)}: once approved, it shows as
              planned and takes effect when the app is first started on or after {formatDate(draft.effectiveDate)}.
            </>
          ) : (
            'The day the new level of care starts. A later date records a planned transition.'
          )}
        </p>
        {errors.effectiveDate && (
          <p id="effectiveDate-error" className="field-error">
            {errors.effectiveDate}
          </p>
        )}
      </div>

      {variance ? (
        <VarianceFields
          recommended={recommended}
          chosen={draft.chosenLevel}
          reason={draft.varianceReason}
          text={draft.varianceText}
          errors={errors}
          onReason={(varianceReason) => update('varianceReason', { varianceReason })}
          onText={(varianceText) => update('varianceText', { varianceText })}
        />
      ) : (
        <p className="wf-hint">
          {draft.chosenLevel !== null
            ? 'The chosen level follows the recommendation, so no variance reason is needed.'
            : recommended === null
              ? 'The rules could not recommend a level, so whichever level you choose needs a variance reason and an explanation.'
              : 'Choose the level of care.'}
        </p>
      )}

      <div className="wf-actions">
        <button type="submit" className="button-primary" disabled={busy !== null}>
          {busy === 'submit' ? 'Submitting…' : 'Submit for review'}
        </button>
        <button type="button" className="button-secondary" disabled={busy !== null} onClick={() => void save('draft')}>
          {busy === 'draft' ? 'Saving…' : 'Save draft'}
        </button>
        <button type="button" className="button-secondary" onClick={() => session.navigate({ page: 'case', caseId: summary.id })}>
          Cancel
        </button>
      </div>
    </form>
  );
}
