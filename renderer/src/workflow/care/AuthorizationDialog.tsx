import { useState } from 'react';
import { saveAuthorizationInputSchema, type AuthorizationRecord } from '../../../../shared/contract/care';
import type { CaseDetail } from '../../../../shared/contract/caseDetail';
import { LEVEL_LABELS, LEVELS, type Level } from '../../../../shared/domain/levels';
import { call } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { Field, FormAlert } from '../../components/Field';
import { useFormErrors } from './useFormErrors';

const FIELDS = ['payer', 'level', 'fromDate', 'toDate', 'units'] as const;
/** Most intensive first, as clinicians list levels of care. */
const LEVEL_CHOICES: readonly Level[] = [...LEVELS].reverse();

interface Props {
  readonly detail: CaseDetail;
  /** The authorization to edit; none to add a new one. */
  readonly editing: AuthorizationRecord | null;
  readonly onClose: () => void;
  readonly onSaved: (detail: CaseDetail) => Promise<void>;
}

export function AuthorizationDialog({ detail, editing, onClose, onSaved }: Props) {
  const { summary } = detail;
  const [payer, setPayer] = useState(editing?.payer ?? summary.payer ?? '');
  const [level, setLevel] = useState<Level | ''>(editing?.level ?? summary.level ?? '');
  const [fromDate, setFromDate] = useState(editing?.fromDate ?? '');
  const [toDate, setToDate] = useState(editing?.toDate ?? '');
  const [units, setUnits] = useState(editing?.units === null || editing === null ? '' : String(editing.units));
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors('authorization', FIELDS);

  const save = async () => {
    const parsed = saveAuthorizationInputSchema.safeParse({
      ...(editing ? { authorizationId: editing.id } : {}),
      caseId: summary.id,
      payer,
      level: level === '' ? undefined : level,
      fromDate,
      toDate,
      units: units.trim() === '' ? null : Number(units),
    });
    if (!parsed.success) return errors.showInvalid(parsed.error);
    setBusy(true);
    const result = await call('care.saveAuthorization', parsed.data);
    setBusy(false);
    if (result.ok) return onSaved(result.value);
    errors.show(result.error);
  };

  const title = editing ? `Edit the ${editing.payer} authorization for ${summary.fullName}` : `Add a payer authorization for ${summary.fullName}`;
  return (
    <Dialog titleId="authorization-title" onClose={onClose}>
      <form
        noValidate
        className="stacked-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <h2 id="authorization-title">{title}</h2>
        <p className="hint">The caseload flags an authorization that ends within 7 days or does not cover the current level of care.</p>
        <FormAlert message={errors.form} />
        <div className="field-row">
          <Field id={errors.idOf('payer')} label="Payer" error={errors.fields.payer}>
            {(a11y) => (
              <input
                {...a11y}
                autoFocus
                autoComplete="off"
                maxLength={80}
                value={payer}
                onChange={(event) => {
                  setPayer(event.target.value);
                  errors.clearField('payer');
                }}
              />
            )}
          </Field>
          <Field id={errors.idOf('level')} label="Authorized level" error={errors.fields.level}>
            {(a11y) => (
              <select
                {...a11y}
                value={level}
                onChange={(event) => {
                  setLevel(LEVELS.find((candidate) => candidate === event.target.value) ?? '');
                  errors.clearField('level');
                }}
              >
                <option value="">Choose a level…</option>
                {LEVEL_CHOICES.map((choice) => (
                  <option key={choice} value={choice}>
                    {LEVEL_LABELS[choice]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="field-row">
          <Field id={errors.idOf('fromDate')} label="First authorized day" error={errors.fields.fromDate}>
            {(a11y) => (
              <input
                {...a11y}
                type="date"
                value={fromDate}
                onChange={(event) => {
                  setFromDate(event.target.value);
                  errors.clearField('fromDate');
                }}
              />
            )}
          </Field>
          <Field id={errors.idOf('toDate')} label="Last authorized day" error={errors.fields.toDate}>
            {(a11y) => (
              <input
                {...a11y}
                type="date"
                min={fromDate || undefined}
                value={toDate}
                onChange={(event) => {
                  setToDate(event.target.value);
                  errors.clearField('toDate');
                }}
              />
            )}
          </Field>
        </div>
        <Field
          id={errors.idOf('units')}
          label="Authorized units (optional)"
          hint="Days, sessions or hours, as the payer counts them."
          error={errors.fields.units}
        >
          {(a11y) => (
            <input
              {...a11y}
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              className="units-input"
              value={units}
              onChange={(event) => {
                setUnits(event.target.value);
                errors.clearField('units');
              }}
            />
          )}
        </Field>
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={onClose}>
            Cancel <kbd>Esc</kbd>
          </button>
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? 'Saving…' : editing ? 'Save changes' : 'Add authorization'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
