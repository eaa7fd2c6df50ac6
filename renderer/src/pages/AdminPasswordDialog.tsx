import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { MIN_PASSWORD_LENGTH, newPasswordSchema } from '../../../shared/contract/auth';
import type { UserSummary } from '../../../shared/contract/users';
import { call } from '../api/client';
import { Dialog } from '../components/Dialog';
import { Field, FormAlert } from '../components/Field';
import { placeServerErrors } from '../components/serverErrors';
import { suggestTemporaryPassword } from '../components/suggestPassword';

const passwordFormSchema = z.object({ temporaryPassword: newPasswordSchema });
type PasswordForm = z.input<typeof passwordFormSchema>;

interface Props {
  readonly user: UserSummary;
  readonly onClose: () => void;
  readonly onReset: (user: UserSummary, temporaryPassword: string) => void;
}

export function AdminPasswordDialog({ user, onClose, onReset }: Props) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<PasswordForm, unknown, z.output<typeof passwordFormSchema>>({
    resolver: zodResolver(passwordFormSchema),
    defaultValues: { temporaryPassword: '' },
  });

  const submit = handleSubmit(async ({ temporaryPassword }) => {
    setFormError(null);
    const result = await call('users.resetPassword', { userId: user.id, temporaryPassword });
    if (result.ok) onReset(result.value, temporaryPassword);
    else
      setFormError(placeServerErrors(result.error, ['temporaryPassword'] as const, (field, message) => setError(field, { type: 'server', message })));
  });

  // Someone with no key to the encrypted records (reactivated, or from before encryption) gets one with this password.
  const firstKey = !user.canSignIn;
  return (
    <Dialog titleId="reset-title" onClose={onClose}>
      <form onSubmit={submit} noValidate className="stacked-form">
        <h2 id="reset-title">{firstKey ? `Set a temporary password for ${user.displayName}` : `Reset the password of ${user.displayName}`}</h2>
        <p className="hint">
          {firstKey
            ? `${user.displayName} cannot sign in yet: Stepwise has no key to the encrypted records for them. This password gives them one. They sign in with it and must then choose their own.`
            : 'Their current password stops working. They sign in with the temporary one and must then choose their own.'}
        </p>
        <FormAlert message={formError} />
        <Field
          id="temporaryPassword"
          label="Temporary password"
          error={errors.temporaryPassword?.message}
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. Give it to them in person.`}
        >
          {(a11y) => (
            <div className="input-with-button">
              <input {...a11y} autoComplete="off" spellCheck={false} autoFocus className="mono" {...register('temporaryPassword')} />
              <button
                type="button"
                className="button-secondary"
                onClick={() => setValue('temporaryPassword', suggestTemporaryPassword(), { shouldValidate: true })}
              >
                Suggest one
              </button>
            </div>
          )}
        </Field>
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={onClose}>
            Cancel <kbd>Esc</kbd>
          </button>
          <button type="submit" className={firstKey ? 'button-primary' : 'button-danger'} disabled={isSubmitting}>
            {isSubmitting ? 'Saving…' : firstKey ? `Set the temporary password` : `Reset password of ${user.displayName}`}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
