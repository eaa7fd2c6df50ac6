import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { DEFAULT_REVIEW_INTERVALS, updateSettingsInputSchema, type ReviewIntervals } from '../../../shared/contract/care';
import { LEVEL_LABELS, type Level } from '../../../shared/domain/levels';
import { call, callOrThrow } from '../api/client';
import { Field, FormAlert } from '../components/Field';
import { useFormErrors } from '../workflow/care/useFormErrors';
import { AutoLockForm } from './AutoLockForm';
import { BackupsToKeepForm } from './BackupsToKeepForm';
import '../workflow.css';

/** Most intensive first, as clinicians list levels of care. */
const LEVEL_ORDER: readonly Level[] = ['inpatient', 'iop', 'outpatient'];
const FIELDS = LEVEL_ORDER.map((level) => `reviewIntervals.${level}` as const);
type IntervalText = Readonly<Record<Level, string>>;

/**
 * Clinic-wide settings for administrators: when an unattended session locks, how often each level of care has a
 * continued-stay review, and how many backups are kept.
 */
export function SettingsPage() {
  const settings = useQuery({ queryKey: ['settings.get'], queryFn: () => callOrThrow('settings.get', {}) });
  return (
    <section className="page page-scroll prose" aria-labelledby="settings-title">
      <header className="page-header">
        <h1 id="settings-title">Settings</h1>
      </header>
      {settings.error && <FormAlert message={settings.error.message} />}
      {settings.isPending ? (
        <p className="muted" aria-busy="true">
          Loading the settings…
        </p>
      ) : (
        settings.data && (
          <>
            <AutoLockForm saved={settings.data.autoLockMinutes} />
            <ReviewIntervalsForm saved={settings.data.reviewIntervals} />
            <BackupsToKeepForm saved={settings.data.backupsToKeep} />
          </>
        )
      )}
    </section>
  );
}

function asText(intervals: ReviewIntervals): IntervalText {
  return { inpatient: String(intervals.inpatient), iop: String(intervals.iop), outpatient: String(intervals.outpatient) };
}

function ReviewIntervalsForm({ saved }: { readonly saved: ReviewIntervals }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<IntervalText>(() => asText(saved));
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const errors = useFormErrors('settings', FIELDS);

  const save = async () => {
    setNotice(null);
    const days = (level: Level) => (values[level].trim() === '' ? undefined : Number(values[level]));
    const parsed = updateSettingsInputSchema.safeParse({
      reviewIntervals: { inpatient: days('inpatient'), iop: days('iop'), outpatient: days('outpatient') },
    });
    if (!parsed.success) return errors.showInvalid(parsed.error);
    setBusy(true);
    const result = await call('settings.update', parsed.data);
    setBusy(false);
    if (!result.ok) return errors.show(result.error);
    errors.clearAll();
    setValues(asText(result.value.reviewIntervals));
    setNotice("Saved. Every case's next review date has been recomputed with these intervals.");
    queryClient.setQueryData(['settings.get'], result.value);
    await Promise.all(['cases.list', 'cases.get'].map((channel) => queryClient.invalidateQueries({ queryKey: [channel] })));
  };

  const unchanged = LEVEL_ORDER.every((level) => values[level] === String(saved[level]));
  return (
    <form
      noValidate
      className="settings-form"
      aria-labelledby="review-intervals-title"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2 id="review-intervals-title">Continued-stay review intervals</h2>
      <p>
        Each level of care has a review interval. A case's next review is due that many days after its current episode began or, if it was assessed
        during the episode, after its latest assessment. The caseload shows the date and flags reviews that are overdue.
      </p>
      <p>Changing an interval recomputes the next review of every case at that level as soon as you save.</p>
      {notice && (
        <p role="status" className="notice-text">
          {notice}
        </p>
      )}
      <FormAlert message={errors.form} />
      <div className="settings-intervals">
        {LEVEL_ORDER.map((level) => {
          const field = `reviewIntervals.${level}` as const;
          return (
            <Field
              key={level}
              id={errors.idOf(field)}
              label={
                <>
                  {LEVEL_LABELS[level]}
                  <span className="visually-hidden"> review interval in days</span>
                </>
              }
              hint={`Default ${DEFAULT_REVIEW_INTERVALS[level]} days`}
              error={errors.fields[field]}
            >
              {(a11y) => (
                <span className="input-with-unit">
                  <input
                    {...a11y}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={365}
                    step={1}
                    value={values[level]}
                    onChange={(event) => {
                      setValues({ ...values, [level]: event.target.value });
                      errors.clearField(field);
                    }}
                  />
                  <span aria-hidden="true">days</span>
                </span>
              )}
            </Field>
          );
        })}
      </div>
      <div className="form-actions settings-actions">
        <button type="button" className="button-secondary" onClick={() => setValues(asText(DEFAULT_REVIEW_INTERVALS))}>
          Use the defaults (7, 30, 90 days)
        </button>
        <button type="submit" className="button-primary" disabled={busy || unchanged}>
          {busy ? 'Saving…' : 'Save intervals'}
        </button>
      </div>
    </form>
  );
}
