import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { rolesSchema } from '../../../shared/contract/auth';
import type { UserSummary } from '../../../shared/contract/users';
import { call } from '../api/client';
import { Dialog } from '../components/Dialog';
import { FormAlert } from '../components/Field';
import { placeServerErrors } from '../components/serverErrors';
import { AdminRoleCheckboxes } from './AdminRoleCheckboxes';

const rolesFormSchema = z.object({ roles: rolesSchema });
type RolesForm = z.input<typeof rolesFormSchema>;

interface Props {
  readonly user: UserSummary;
  readonly onClose: () => void;
  readonly onSaved: (user: UserSummary) => void;
}

export function AdminRolesDialog({ user, onClose, onSaved }: Props) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<RolesForm, unknown, z.output<typeof rolesFormSchema>>({
    resolver: zodResolver(rolesFormSchema),
    defaultValues: { roles: [...user.roles] },
  });

  const submit = handleSubmit(async ({ roles }) => {
    setFormError(null);
    const result = await call('users.setRoles', { userId: user.id, roles });
    if (result.ok) onSaved(result.value);
    else setFormError(placeServerErrors(result.error, ['roles'] as const, (field, message) => setError(field, { type: 'server', message })));
  });

  return (
    <Dialog titleId="roles-title" onClose={onClose}>
      <form onSubmit={submit} noValidate className="stacked-form">
        <h2 id="roles-title">Roles of {user.displayName}</h2>
        <FormAlert message={formError} />
        <AdminRoleCheckboxes register={register('roles')} error={errors.roles?.message} />
        {user.activeCases > 0 && (
          <p className="field-hint">
            {user.displayName} has {user.activeCases} active case{user.activeCases === 1 ? '' : 's'}; taking away the clinician role does not move
            them. Use caseload reassignment below for that.
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={onClose}>
            Cancel <kbd>Esc</kbd>
          </button>
          <button type="submit" className="button-primary" disabled={isSubmitting}>
            {isSubmitting ? 'Saving…' : 'Save roles'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
