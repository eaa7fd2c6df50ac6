import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { updateSettingsInputSchema } from '../../../shared/contract/care';
import { call } from '../api/client';
import { Field, FormAlert } from '../components/Field';
import { fieldProblem, useFormErrors } from '../workflow/care/useFormErrors';

type NumberSetting = 'autoLockMinutes' | 'backupsToKeep';

export interface NumberSettingFormProps {
  readonly setting: NumberSetting;
  readonly saved: number;
  readonly title: string;
  readonly intro: ReactNode;
  readonly label: string;
  readonly hint: string;
  /** Shown after the input, e.g. "minutes without activity". */
  readonly unit: string;
  readonly max: number;
  readonly saveLabel: string;
  readonly emptyMessage: string;
  readonly savedNotice: (value: number) => string;
  /** Queries whose answers depend on this setting. */
  readonly refresh: readonly string[];
}

/** One whole-number setting an administrator changes in Settings: checked with the contract's schema, saved, confirmed in words. */
export function NumberSettingForm(props: NumberSettingFormProps) {
  const { setting, saved } = props;
  const queryClient = useQueryClient();
  const [value, setValue] = useState(String(saved));
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const errors = useFormErrors('settings', [setting]);
  const titleId = `${setting}-title`;

  const save = async () => {
    setNotice(null);
    const parsed = updateSettingsInputSchema.safeParse({ [setting]: value.trim() === '' ? undefined : Number(value) });
    if (!parsed.success) return errors.showInvalid(parsed.error);
    if (parsed.data[setting] === undefined) return errors.show(fieldProblem(setting, props.emptyMessage));
    setBusy(true);
    const result = await call('settings.update', parsed.data);
    setBusy(false);
    if (!result.ok) return errors.show(result.error);
    errors.clearAll();
    setValue(String(result.value[setting]));
    setNotice(props.savedNotice(result.value[setting]));
    queryClient.setQueryData(['settings.get'], result.value);
    for (const key of props.refresh) await queryClient.invalidateQueries({ queryKey: [key] });
  };

  return (
    <form
      noValidate
      className="settings-form"
      aria-labelledby={titleId}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      <p>{props.intro}</p>
      {notice && (
        <p role="status" className="notice-text">
          {notice}
        </p>
      )}
      <FormAlert message={errors.form} />
      <Field id={errors.idOf(setting)} label={props.label} hint={props.hint} error={errors.fields[setting]}>
        {(a11y) => (
          <span className="input-with-unit">
            <input
              {...a11y}
              type="number"
              inputMode="numeric"
              min={1}
              max={props.max}
              step={1}
              value={value}
              onChange={(event) => {
                setValue(event.target.value);
                errors.clearField(setting);
              }}
            />
            <span aria-hidden="true">{props.unit}</span>
          </span>
        )}
      </Field>
      <div className="form-actions settings-actions">
        <button type="submit" className="button-primary" disabled={busy || value === String(saved)}>
          {busy ? 'Saving…' : props.saveLabel}
        </button>
      </div>
    </form>
  );
}
