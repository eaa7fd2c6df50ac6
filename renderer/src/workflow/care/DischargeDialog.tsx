import { useEffect, useRef, useState } from 'react';
import { dischargeInputSchema } from '../../../../shared/contract/care';
import type { CaseDetail, EpisodeRecord } from '../../../../shared/contract/caseDetail';
import { DISCHARGE_REASONS, type DischargeReason } from '../../../../shared/domain/episodes';
import { call } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { Field, FormAlert } from '../../components/Field';
import { formatDate } from '../../format/time';
import { levelName, movementLabel } from '../describe';
import { DISCHARGE_REASON_LABELS } from './careText';
import { fieldProblem, useFormErrors } from './useFormErrors';

const FIELDS = ['dischargeDate', 'reason', 'note'] as const;

interface Props {
  readonly detail: CaseDetail;
  readonly episode: EpisodeRecord;
  readonly today: string;
  readonly onClose: () => void;
  readonly onDischarged: (detail: CaseDetail) => Promise<void>;
}

/** Closes the open episode: the form first, then a question that names the person, level, date and reason. */
export function DischargeDialog({ detail, episode, today, onClose, onDischarged }: Props) {
  const { summary } = detail;
  const [dischargeDate, setDischargeDate] = useState(today);
  const [reason, setReason] = useState<DischargeReason | ''>('');
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors('discharge', FIELDS);
  const questionRef = useRef<HTMLHeadingElement>(null);
  const input = { caseId: summary.id, dischargeDate, reason, note };

  useEffect(() => {
    if (confirming) questionRef.current?.focus();
  }, [confirming]);

  const review = () => {
    const parsed = dischargeInputSchema.safeParse(input);
    if (!parsed.success) return errors.showInvalid(parsed.error);
    // The main process checks both again; saying it here saves a round trip to the question.
    if (dischargeDate > today) return errors.show(fieldProblem('dischargeDate', 'The discharge date is in the future.'));
    if (dischargeDate < episode.startDate) {
      return errors.show(
        fieldProblem(
          'dischargeDate',
          `The discharge date is before the current ${levelName(episode.level)} episode began (${formatDate(episode.startDate)}).`,
        ),
      );
    }
    errors.clearAll();
    setConfirming(true);
  };

  const discharge = async () => {
    const parsed = dischargeInputSchema.safeParse(input);
    if (!parsed.success) return;
    setBusy(true);
    const result = await call('care.discharge', parsed.data);
    setBusy(false);
    if (result.ok) return onDischarged(result.value);
    setConfirming(false);
    errors.show(result.error);
  };

  const reasonLabel = reason === '' ? '' : DISCHARGE_REASON_LABELS[reason].toLowerCase();
  return (
    <Dialog titleId="discharge-title" onClose={onClose}>
      {confirming ? (
        <div className="stacked-form">
          <h2 id="discharge-title" ref={questionRef} tabIndex={-1}>
            Discharge {summary.fullName} from {levelName(episode.level)} on {formatDate(dischargeDate)}, reason: {reasonLabel}?
          </h2>
          <p>
            This closes the open {levelName(episode.level)} episode (since {formatDate(episode.startDate)}) on {formatDate(dischargeDate)}.{' '}
            {summary.fullName} then leaves the active caseload. A readmission is a new assessment and placement decision.
          </p>
          {note.trim() !== '' && <p className="muted">Note: {note.trim()}</p>}
          <div className="dialog-actions">
            <button type="button" className="button-secondary" onClick={() => setConfirming(false)}>
              Back
            </button>
            <button type="button" className="button-danger" disabled={busy} onClick={() => void discharge()}>
              {busy ? 'Discharging…' : `Discharge ${summary.fullName}`}
            </button>
          </div>
        </div>
      ) : (
        <form
          noValidate
          className="stacked-form"
          onSubmit={(event) => {
            event.preventDefault();
            review();
          }}
        >
          <h2 id="discharge-title">Record the discharge of {summary.fullName}</h2>
          <p className="hint">
            Ends the current {levelName(episode.level)} episode, open since {formatDate(episode.startDate)}.
          </p>
          {summary.plannedLevel && summary.plannedOn && (
            <p className="care-warning">
              A planned {movementLabel(summary.level, summary.plannedLevel)} on {formatDate(summary.plannedOn)} is still pending; withdraw or correct
              that decision if the discharge replaces it.
            </p>
          )}
          <FormAlert message={errors.form} />
          <Field
            id={errors.idOf('dischargeDate')}
            label="Discharge date"
            hint={`The last day of care: not in the future, not before ${formatDate(episode.startDate)}.`}
            error={errors.fields.dischargeDate}
          >
            {(a11y) => (
              <input
                {...a11y}
                type="date"
                autoFocus
                min={episode.startDate}
                max={today}
                value={dischargeDate}
                onChange={(event) => {
                  setDischargeDate(event.target.value);
                  errors.clearField('dischargeDate');
                }}
              />
            )}
          </Field>
          <Field id={errors.idOf('reason')} label="Reason the episode ended" error={errors.fields.reason}>
            {(a11y) => (
              <select
                {...a11y}
                value={reason}
                onChange={(event) => {
                  setReason(DISCHARGE_REASONS.find((candidate) => candidate === event.target.value) ?? '');
                  errors.clearField('reason');
                }}
              >
                <option value="">Choose a reason…</option>
                {DISCHARGE_REASONS.map((value) => (
                  <option key={value} value={value}>
                    {DISCHARGE_REASON_LABELS[value]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={errors.idOf('note')} label="Note (optional)" error={errors.fields.note}>
            {(a11y) => (
              <textarea
                {...a11y}
                rows={3}
                maxLength={500}
                value={note}
                onChange={(event) => {
                  setNote(event.target.value);
                  errors.clearField('note');
                }}
              />
            )}
          </Field>
          <div className="dialog-actions">
            <button type="button" className="button-secondary" onClick={onClose}>
              Cancel <kbd>Esc</kbd>
            </button>
            <button type="submit" className="button-primary">
              Continue…
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
