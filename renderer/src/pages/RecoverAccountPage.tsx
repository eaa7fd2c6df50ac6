import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { MIN_PASSWORD_LENGTH, recoverInputSchema, type SignedIn } from '../../../shared/contract/auth';
import { call } from '../api/client';
import { AuthScreen } from '../components/AuthScreen';
import { Field, FormAlert } from '../components/Field';
import { placeServerErrors } from '../components/serverErrors';

const recoverFormSchema = recoverInputSchema
  .extend({ confirmPassword: z.string() })
  .refine((form) => form.newPassword === form.confirmPassword, { path: ['confirmPassword'], message: 'The two new passwords are not the same.' });
type RecoverForm = z.input<typeof recoverFormSchema>;
const FIELDS = ['username', 'recoveryKey', 'newPassword'] as const;

interface Props {
  readonly onRecovered: (signedIn: SignedIn) => void;
  readonly onCancel: () => void;
}

/** An administrator who forgot their password opens the records with the recovery key and chooses a new password. */
export function RecoverAccountPage({ onRecovered, onCancel }: Props) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<RecoverForm, unknown, z.output<typeof recoverFormSchema>>({
    resolver: zodResolver(recoverFormSchema),
    defaultValues: { username: '', recoveryKey: '', newPassword: '', confirmPassword: '' },
  });

  const submit = handleSubmit(async ({ confirmPassword: _confirm, ...input }) => {
    setFormError(null);
    const result = await call('auth.recover', input);
    if (result.ok) {
      onRecovered(result.value);
      return;
    }
    setFormError(placeServerErrors(result.error, FIELDS, (field, message) => setError(field, { type: 'server', message })));
    const first = FIELDS.find((field) => result.error.fields?.some((fieldError) => fieldError.path === field));
    if (first) setFocus(first, { shouldSelect: true });
  });

  return (
    <AuthScreen titleId="recover-title">
      <h1 id="recover-title">Use the recovery key</h1>
      <p>
        For an <strong>administrator</strong> who has forgotten their password. The recovery key was shown once when Stepwise was set up, to be
        printed or written down. It opens the records, and you choose a new password.
      </p>
      <form onSubmit={submit} noValidate className="stacked-form">
        <FormAlert message={formError} />
        <Field id="username" label="Administrator username" error={errors.username?.message}>
          {(a11y) => <input {...a11y} autoComplete="username" autoFocus autoCapitalize="off" spellCheck={false} {...register('username')} />}
        </Field>
        <Field
          id="recoveryKey"
          label="Recovery key"
          error={errors.recoveryKey?.message}
          hint="32 letters and digits, as printed or written down. Dashes, spaces and small letters do not matter."
        >
          {(a11y) => (
            <input
              {...a11y}
              className="mono recovery-key-input"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              {...register('recoveryKey')}
            />
          )}
        </Field>
        <p className="field-hint shared-hint" id="new-password-rule">
          Then choose a new password of at least {MIN_PASSWORD_LENGTH} characters. Your old password stops working.
        </p>
        <div className="field-row">
          <Field id="newPassword" label="New password" error={errors.newPassword?.message} describedBy="new-password-rule">
            {(a11y) => <input {...a11y} type="password" autoComplete="new-password" {...register('newPassword')} />}
          </Field>
          <Field id="confirmPassword" label="New password again" error={errors.confirmPassword?.message} describedBy="new-password-rule">
            {(a11y) => <input {...a11y} type="password" autoComplete="new-password" {...register('confirmPassword')} />}
          </Field>
        </div>
        <div className="form-actions">
          <button type="button" className="button-secondary" onClick={onCancel}>
            Back to sign in
          </button>
          <button type="submit" className="button-primary" disabled={isSubmitting}>
            {isSubmitting ? 'Opening…' : 'Open and set the new password'}
          </button>
        </div>
      </form>
    </AuthScreen>
  );
}
