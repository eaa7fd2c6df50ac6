import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { changePasswordInputSchema, MIN_PASSWORD_LENGTH, type SessionUser } from '../../../shared/contract/auth';
import { call } from '../api/client';
import { AuthScreen } from '../components/AuthScreen';
import { Field, FormAlert } from '../components/Field';
import { placeServerErrors } from '../components/serverErrors';

const passwordFormSchema = changePasswordInputSchema
  .extend({ confirmPassword: z.string() })
  .refine((form) => form.newPassword === form.confirmPassword, { path: ['confirmPassword'], message: 'The two new passwords are not the same.' })
  .refine((form) => form.newPassword !== form.currentPassword, {
    path: ['newPassword'],
    message: 'Choose a password different from the current one.',
  });
type PasswordForm = z.input<typeof passwordFormSchema>;
const FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const;

interface Props {
  readonly user: SessionUser;
  /** A temporary password must be replaced before anything else opens. */
  readonly forced: boolean;
  readonly onChanged: (user: SessionUser) => void;
  readonly onDone?: () => void;
  readonly onSignOut?: () => Promise<void>;
}

export function ChangePasswordPage({ user, forced, onChanged, onDone, onSignOut }: Props) {
  const [formError, setFormError] = useState<string | null>(null);
  const [changed, setChanged] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<PasswordForm, unknown, z.output<typeof passwordFormSchema>>({
    resolver: zodResolver(passwordFormSchema),
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });

  const submit = handleSubmit(async ({ confirmPassword: _confirm, ...input }) => {
    setFormError(null);
    setChanged(false);
    const result = await call('auth.changePassword', input);
    if (!result.ok) {
      setFormError(placeServerErrors(result.error, FIELDS, (field, message) => setError(field, { type: 'server', message })));
      return;
    }
    reset();
    setChanged(true);
    onChanged(result.value);
  });

  const form = (
    <form onSubmit={submit} noValidate className="stacked-form">
      <FormAlert message={formError} />
      {changed && (
        <p role="status" className="notice-text">
          Your password was changed. Use the new one next time you sign in.
        </p>
      )}
      <Field id="currentPassword" label={forced ? 'Temporary password' : 'Current password'} error={errors.currentPassword?.message}>
        {(a11y) => <input {...a11y} type="password" autoComplete="current-password" autoFocus {...register('currentPassword')} />}
      </Field>
      <Field id="newPassword" label="New password" error={errors.newPassword?.message} hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}>
        {(a11y) => <input {...a11y} type="password" autoComplete="new-password" {...register('newPassword')} />}
      </Field>
      <Field id="confirmPassword" label="New password again" error={errors.confirmPassword?.message}>
        {(a11y) => <input {...a11y} type="password" autoComplete="new-password" {...register('confirmPassword')} />}
      </Field>
      <div className="form-actions">
        {forced && onSignOut && (
          <button type="button" className="button-secondary" onClick={() => void onSignOut()}>
            Sign out
          </button>
        )}
        {!forced && onDone && (
          <button type="button" className="button-secondary" onClick={onDone}>
            Back to the caseload
          </button>
        )}
        <button type="submit" className="button-primary" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Change password'}
        </button>
      </div>
    </form>
  );

  if (forced) {
    return (
      <AuthScreen titleId="password-title">
        <h1 id="password-title">Choose your own password</h1>
        <p>Welcome, {user.displayName}. An administrator gave you a temporary password; choose one only you know before you continue.</p>
        {form}
      </AuthScreen>
    );
  }
  return (
    <section className="page prose narrow-form" aria-labelledby="password-title">
      <h1 id="password-title">Change your password</h1>
      <p className="muted">
        Signed in as {user.displayName} ({user.username}).
      </p>
      {form}
    </section>
  );
}
