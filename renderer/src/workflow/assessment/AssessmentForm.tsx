import { useMemo, useRef, useState } from 'react';
import type { AssessmentRecord } from '../../../../shared/contract/assessments';
import type { CaseDetail } from '../../../../shared/contract/caseDetail';
import type { RecentIopHours } from '../../../../shared/domain/attendance';
import { levelOn } from '../../../../shared/domain/episodes';
import {
  DIMENSIONS,
  evaluateAssessment,
  LOGISTICS_CRITERIA,
  PROTECTIVE_CRITERIA,
  RISK_CRITERIA,
  type CriterionName,
  type DimensionName,
} from '../../../../shared/rules';
import { call } from '../../api/client';
import { LevelBadge } from '../../components/LevelBadge';
import { formatDate } from '../../format/time';
import { useSession } from '../../navigation';
import { placeAppError } from '../appErrors';
import { formatHours } from '../care/careText';
import { plural } from '../describe';
import { useRefreshWorkflow } from '../useCaseDetail';
import { CriteriaGroup } from './CriteriaGroup';
import { DimensionField } from './DimensionField';
import {
  ASSESSMENT_FORM_FIELDS,
  attendanceFor,
  draftFromAssessment,
  draftProblems,
  hoursApply,
  hoursForNewDate,
  hoursMatchAttendance,
  newDraft,
  NOTE_MAX_LENGTH,
  previewAssessment,
  saveInput,
  type Answer,
  type AssessmentDraft,
  type RatingChoice,
} from './draft';
import { RecommendationPreview } from './RecommendationPreview';
import { SavedAssessment } from './SavedAssessment';
import { SeverityField } from './SeverityField';

interface Props {
  readonly detail: CaseDetail;
  readonly amends: AssessmentRecord | undefined;
  readonly today: string;
}

/** The assessment form beside a live preview of the rules' recommendation. */
export function AssessmentForm({ detail, amends, today }: Props) {
  const session = useSession();
  const refresh = useRefreshWorkflow();
  const formRef = useRef<HTMLFormElement>(null);
  const caseId = detail.summary.id;
  // An amendment keeps the hours of the assessment it amends; only a new assessment starts from attendance.
  const attendanceOn = (assessedOn: string) => (amends ? null : attendanceFor(detail.attendance, detail.episodes, assessedOn));
  const [draft, setDraft] = useState<AssessmentDraft>(() =>
    amends ? draftFromAssessment(amends.assessment, amends.note) : newDraft(today, attendanceOn(today)),
  );
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<AssessmentRecord | null>(null);

  // The same derivation as the main process: the level of the episode covering the assessment date.
  const currentLevel = levelOn(detail.episodes, draft.assessedOn) ?? 'none';
  const recommendation = useMemo(() => evaluateAssessment(previewAssessment(draft, currentLevel)), [draft, currentLevel]);
  const attendance = attendanceOn(draft.assessedOn);

  if (saved) return <SavedAssessment record={saved} fullName={detail.summary.fullName} />;

  const update = (path: string, change: Partial<AssessmentDraft>) => {
    let next = { ...draft, ...change };
    if (path === 'assessedOn') {
      next = { ...next, weeklyTreatmentHours: hoursForNewDate(draft.weeklyTreatmentHours, attendance, attendanceOn(next.assessedOn)) };
    }
    setDraft(next);
    if (path === 'assessedOn') {
      const dateProblem = draftProblems(next, today, currentLevel).assessedOn;
      setErrors(withField(errors, path, dateProblem));
    } else if (errors[path]) setErrors(withField(errors, path, undefined));
  };
  const setRating = (dimension: DimensionName, value: RatingChoice) =>
    update(`dimensions.${dimension}`, { dimensions: { ...draft.dimensions, [dimension]: value } });
  const setAnswer = (criterion: CriterionName, answer: Answer) =>
    update(`criteria.${criterion}`, { criteria: { ...draft.criteria, [criterion]: answer } });

  const showProblems = (problems: Readonly<Record<string, string>>, message: string | null) => {
    setErrors(problems);
    const count = Object.keys(problems).length;
    setFormError(message ?? `The assessment was not saved: ${plural(count, 'answer needs', 'answers need')} attention. Nothing was saved.`);
    const first = ASSESSMENT_FORM_FIELDS.find((path) => problems[path]);
    if (first) focusField(formRef.current, first);
  };

  const submit = async () => {
    const problems = draftProblems(draft, today, currentLevel);
    if (Object.keys(problems).length > 0) {
      showProblems(problems, null);
      return;
    }
    setSaving(true);
    setFormError(null);
    const result = await call('assessments.save', saveInput(draft, caseId, currentLevel, amends?.id));
    setSaving(false);
    if (!result.ok) {
      const placed = placeAppError(result.error, ASSESSMENT_FORM_FIELDS);
      const count = Object.keys(placed.fields).length;
      showProblems(placed.fields, count > 0 && !placed.form ? null : `The assessment was not saved. ${placed.form ?? result.error.message}`);
      return;
    }
    await refresh(caseId);
    setSaved(result.value);
  };

  const error = (path: string) => errors[path];
  return (
    <div className="assessment-layout">
      <form
        ref={formRef}
        className="assessment-form"
        noValidate
        aria-labelledby="assessment-title"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {formError && (
          <p role="alert" className="form-error">
            {formError}
          </p>
        )}
        <div className="form-grid">
          <div className="wf-field">
            <label htmlFor="assessedOn">Assessment date</label>
            <input
              id="assessedOn"
              name="assessedOn"
              type="date"
              max={today}
              value={draft.assessedOn}
              aria-invalid={Boolean(error('assessedOn'))}
              aria-describedby={error('assessedOn') ? 'assessedOn-error' : undefined}
              onChange={(event) => update('assessedOn', { assessedOn: event.target.value })}
            />
            {error('assessedOn') && (
              <p id="assessedOn-error" className="field-error">
                {error('assessedOn')}
              </p>
            )}
          </div>
          <div className="wf-field">
            <span className="wf-field-label" id="current-level-label">
              Current level on that date
            </span>
            <output aria-labelledby="current-level-label" className="readonly-value">
              <LevelBadge level={currentLevel === 'none' ? null : currentLevel} />
            </output>
            <p className="wf-hint">From the case's episodes of care; the app reads it the same way when saving.</p>
          </div>
          <SeverityField value={draft.severity} error={error('severity')} onChange={(severity) => update('severity', { severity })} />
        </div>

        <h2>Dimension ratings</h2>
        <p className="wf-hint">
          Rate each dimension from 0 (no risk) to 4 (severe). Leave it unknown if it has not been assessed; the rules never guess.
        </p>
        <div className="dimension-grid">
          {DIMENSIONS.map((dimension) => (
            <DimensionField
              key={dimension}
              dimension={dimension}
              value={draft.dimensions[dimension]}
              error={error(`dimensions.${dimension}`)}
              onChange={(value) => setRating(dimension, value)}
            />
          ))}
        </div>

        <h2>Criteria</h2>
        <CriteriaGroup title="Risks" hint="A yes adds risk." criteria={RISK_CRITERIA} values={draft.criteria} errors={errors} onChange={setAnswer} />
        <CriteriaGroup
          title="Protective factors"
          hint="A yes protects; a no adds risk."
          criteria={PROTECTIVE_CRITERIA}
          values={draft.criteria}
          errors={errors}
          onChange={setAnswer}
        />
        <CriteriaGroup
          title="Practical circumstances"
          hint="Shapes the schedule, never the clinical level."
          criteria={LOGISTICS_CRITERIA}
          values={draft.criteria}
          errors={errors}
          onChange={setAnswer}
        />

        <h2>Treatment and notes</h2>
        {hoursApply(currentLevel) ? (
          <div className="wf-field wf-narrow">
            <label htmlFor="weeklyTreatmentHours">Treatment hours attended last week (optional)</label>
            <input
              id="weeklyTreatmentHours"
              name="weeklyTreatmentHours"
              inputMode="decimal"
              value={draft.weeklyTreatmentHours}
              aria-invalid={Boolean(error('weeklyTreatmentHours'))}
              aria-describedby={`hours-hint${attendance ? ' hours-attendance' : ''}${error('weeklyTreatmentHours') ? ' weeklyTreatmentHours-error' : ''}`}
              onChange={(event) => update('weeklyTreatmentHours', { weeklyTreatmentHours: event.target.value })}
            />
            <p id="hours-hint" className="wf-hint">
              Hours of treatment at the current level in the past week. IOP usually means at least 9.
            </p>
            {attendance && (
              <p id="hours-attendance" className="wf-hint">
                {attendanceNote(attendance, draft.weeklyTreatmentHours)}
              </p>
            )}
            {error('weeklyTreatmentHours') && (
              <p id="weeklyTreatmentHours-error" className="field-error">
                {error('weeklyTreatmentHours')}
              </p>
            )}
          </div>
        ) : (
          <p className="wf-hint">Weekly treatment hours apply only to people currently in IOP or outpatient care.</p>
        )}
        <div className="wf-field">
          <label htmlFor="note">Note (optional)</label>
          <textarea
            id="note"
            name="note"
            rows={3}
            maxLength={NOTE_MAX_LENGTH}
            value={draft.note}
            aria-invalid={Boolean(error('note'))}
            aria-describedby={error('note') ? 'note-error' : undefined}
            onChange={(event) => update('note', { note: event.target.value })}
          />
          {error('note') && (
            <p id="note-error" className="field-error">
              {error('note')}
            </p>
          )}
        </div>

        <div className="wf-actions">
          <button type="submit" className="button-primary" disabled={saving}>
            {saving ? 'Saving…' : amends ? 'Save amendment' : 'Save assessment'}
          </button>
          <button type="button" className="button-secondary" onClick={() => session.navigate({ page: 'case', caseId })}>
            Cancel
          </button>
        </div>
      </form>
      <RecommendationPreview recommendation={recommendation} />
    </div>
  );
}

function attendanceNote(attendance: RecentIopHours, hoursText: string): string {
  const figure = `${formatHours(attendance.hours)} in the last 7 days (to ${formatDate(attendance.to)})`;
  return hoursMatchAttendance(hoursText, attendance)
    ? `Pre-filled from attendance: ${figure}. Change it if the attendance record is incomplete.`
    : `Attendance recorded: ${figure}. The rules use the hours entered here.`;
}

function withField(errors: Readonly<Record<string, string>>, path: string, message: string | undefined): Readonly<Record<string, string>> {
  const next = { ...errors };
  if (message === undefined) delete next[path];
  else next[path] = message;
  return next;
}

/** Moves focus to the first field with a problem: the chosen radio of a group, or the field itself. */
function focusField(form: HTMLFormElement | null, path: string): void {
  if (!form) return;
  const fields = Array.from(form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')).filter((field) => field.name === path);
  const target = fields.find((field) => field instanceof HTMLInputElement && field.checked) ?? fields[0];
  target?.focus();
}
