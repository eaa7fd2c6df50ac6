import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '../../../shared/contract/auth';
import { createUserInputSchema, type CreateUserInput, type UserSummary } from '../../../shared/contract/users';
import { call } from '../api/client';
import { Dialog } from '../components/Dialog';
import { Field, FormAlert } from '../components/Field';
import { placeServerErrors } from '../components/serverErrors';
import { suggestTemporaryPassword } from '../components/suggestPassword';
import { AdminRoleCheckboxes } from './AdminRoleCheckboxes';

const FIELDS = ['username', 'displayName', 'roles', 'temporaryPassword'] as const;

interface Props {
  readonly onClose: () => void;
  readonly onCreated: (user: UserSummary, temporaryPassword: string) => void;
}

export function AdminUserDialog({ onClose, onCreated }: Props) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<CreateUserInput, unknown, z.output<typeof createUserInputSchema>>({
    resolver: zodResolver(createUserInputSchema),
    defaultValues: { username: '', displayName: '', roles: ['clinician'], temporaryPassword: '' },
  });

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await call('users.create', values);
    if (result.ok) onCreated(result.value, values.temporaryPassword);
    else setFormError(placeServerErrors(result.error, FIELDS, (field, message) => setError(field, { type: 'server', message })));
  });

  return (
    <Dialog titleId="add-user-title" onClose={onClose}>
      <form onSubmit={submit} noValidate className="stacked-form">
        <h2 id="add-user-title">Add a user</h2>
        <FormAlert message={formError} />
        <Field id="displayName" label="Full name" error={errors.displayName?.message}>
          {(a11y) => <input {...a11y} autoComplete="off" autoFocus {...register('displayName')} />}
        </Field>
        <Field id="username" label="Username" error={errors.username?.message} hint="Letters, digits and . _ - ; they sign in with it.">
          {(a11y) => <input {...a11y} autoComplete="off" autoCapitalize="off" spellCheck={false} {...register('username')} />}
        </Field>
        <AdminRoleCheckboxes register={register('roles')} error={errors.roles?.message} />
        <Field
          id="temporaryPassword"
          label="Temporary password"
          error={errors.temporaryPassword?.message}
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. Give it to them in person; they must choose their own when they first sign in.`}
        >
          {(a11y) => (
            <div className="input-with-button">
              <input {...a11y} autoComplete="off" spellCheck={false} className="mono" {...register('temporaryPassword')} />
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
          <button type="submit" className="button-primary" disabled={isSubmitting}>
            {isSubmitting ? 'Adding…' : 'Add user'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
