import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { DEFAULT_AUTO_LOCK_MINUTES, MAX_AUTO_LOCK_MINUTES, updateSettingsInputSchema } from '../../../shared/contract/care';
import { call } from '../api/client';
import { Field, FormAlert } from '../components/Field';
import { useFormErrors } from '../workflow/care/useFormErrors';

const FIELDS = ['autoLockMinutes'] as const;

/** How long Stepwise waits, with no one at the keyboard, before it clears the screen and locks the records. */
export function AutoLockForm({ saved }: { readonly saved: number }) {
  const queryClient = useQueryClient();
  const [value, setValue] = useState(String(saved));
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const errors = useFormErrors('settings', FIELDS);

  const save = async () => {
    setNotice(null);
    const parsed = updateSettingsInputSchema.safeParse({ autoLockMinutes: value.trim() === '' ? undefined : Number(value) });
    if (!parsed.success || parsed.data.autoLockMinutes === undefined) {
      return parsed.success
        ? errors.show({
            code: 'invalid_input',
            message: '',
            fields: [{ path: 'autoLockMinutes', message: 'Enter the minutes without activity before Stepwise locks.' }],
          })
        : errors.showInvalid(parsed.error);
    }
    setBusy(true);
    const result = await call('settings.update', parsed.data);
    setBusy(false);
    if (!result.ok) return errors.show(result.error);
    errors.clearAll();
    setValue(String(result.value.autoLockMinutes));
    setNotice(`Saved. Stepwise now locks after ${result.value.autoLockMinutes} minutes without activity.`);
    queryClient.setQueryData(['settings.get'], result.value);
    await queryClient.invalidateQueries({ queryKey: ['auth.activity'] });
  };

  return (
    <form
      noValidate
      className="settings-form"
      aria-labelledby="auto-lock-title"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2 id="auto-lock-title">Automatic lock</h2>
      <p>
        When no one has used the keyboard, mouse or screen for this long, Stepwise clears the records from the screen and locks them until the person
        signs in again. Keep it short on shared computers.
      </p>
      {notice && (
        <p role="status" className="notice-text">
          {notice}
        </p>
      )}
      <FormAlert message={errors.form} />
      <Field
        id={errors.idOf('autoLockMinutes')}
        label="Lock after"
        hint={`1 to ${MAX_AUTO_LOCK_MINUTES} minutes; default ${DEFAULT_AUTO_LOCK_MINUTES}.`}
        error={errors.fields.autoLockMinutes}
      >
        {(a11y) => (
          <span className="input-with-unit">
            <input
              {...a11y}
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_AUTO_LOCK_MINUTES}
              step={1}
              value={value}
              onChange={(event) => {
                setValue(event.target.value);
                errors.clearField('autoLockMinutes');
              }}
            />
            <span aria-hidden="true">minutes without activity</span>
          </span>
        )}
      </Field>
      <div className="form-actions settings-actions">
        <button type="submit" className="button-primary" disabled={busy || value === String(saved)}>
          {busy ? 'Saving…' : 'Save the lock time'}
        </button>
      </div>
    </form>
  );
}
