import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { DEFAULT_BACKUPS_TO_KEEP, MAX_BACKUPS_TO_KEEP } from '../../../shared/contract/backups';
import { updateSettingsInputSchema } from '../../../shared/contract/care';
import { call } from '../api/client';
import { Field, FormAlert } from '../components/Field';
import { fieldProblem, useFormErrors } from '../workflow/care/useFormErrors';

const FIELDS = ['backupsToKeep'] as const;

/** How many backups Stepwise keeps in its backups folder; older ones go once a newer backup has been verified. */
export function BackupsToKeepForm({ saved }: { readonly saved: number }) {
  const queryClient = useQueryClient();
  const [value, setValue] = useState(String(saved));
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const errors = useFormErrors('settings', FIELDS);

  const save = async () => {
    setNotice(null);
    const parsed = updateSettingsInputSchema.safeParse({ backupsToKeep: value.trim() === '' ? undefined : Number(value) });
    if (!parsed.success) return errors.showInvalid(parsed.error);
    if (parsed.data.backupsToKeep === undefined) return errors.show(fieldProblem('backupsToKeep', 'Enter how many backups to keep.'));
    setBusy(true);
    const result = await call('settings.update', parsed.data);
    setBusy(false);
    if (!result.ok) return errors.show(result.error);
    errors.clearAll();
    setValue(String(result.value.backupsToKeep));
    setNotice(`Saved. Stepwise keeps the newest ${result.value.backupsToKeep}; older backups are removed after the next backup succeeds.`);
    queryClient.setQueryData(['settings.get'], result.value);
    await queryClient.invalidateQueries({ queryKey: ['backups.list'] });
  };

  return (
    <form
      noValidate
      className="settings-form"
      aria-labelledby="backups-to-keep-title"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2 id="backups-to-keep-title">Backups to keep</h2>
      <p>
        Stepwise backs up the records when it closes (once a day) and whenever an administrator asks, under Backups. It keeps the newest backups and
        removes older ones only after a new backup has been made and checked.
      </p>
      {notice && (
        <p role="status" className="notice-text">
          {notice}
        </p>
      )}
      <FormAlert message={errors.form} />
      <Field
        id={errors.idOf('backupsToKeep')}
        label="Keep the newest"
        hint={`1 to ${MAX_BACKUPS_TO_KEEP} backups; default ${DEFAULT_BACKUPS_TO_KEEP}.`}
        error={errors.fields.backupsToKeep}
      >
        {(a11y) => (
          <span className="input-with-unit">
            <input
              {...a11y}
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_BACKUPS_TO_KEEP}
              step={1}
              value={value}
              onChange={(event) => {
                setValue(event.target.value);
                errors.clearField('backupsToKeep');
              }}
            />
            <span aria-hidden="true">backups</span>
          </span>
        )}
      </Field>
      <div className="form-actions settings-actions">
        <button type="submit" className="button-primary" disabled={busy || value === String(saved)}>
          {busy ? 'Saving…' : 'Save the number of backups'}
        </button>
      </div>
    </form>
  );
}
