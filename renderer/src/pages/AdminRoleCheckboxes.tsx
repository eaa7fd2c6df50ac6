import type { UseFormRegisterReturn } from 'react-hook-form';
import { ROLES, ROLE_LABELS, type Role } from '../../../shared/domain/roles';

const ROLE_DUTIES: Readonly<Record<Role, string>> = {
  clinician: 'has a caseload, records assessments and placement decisions',
  supervisor: 'reviews and approves placement decisions, sees the overview',
  admin: 'manages users and moves caseloads',
};

/** The three roles as checkboxes sharing one form field, so the form value is the list of roles. */
export function AdminRoleCheckboxes({ register, error }: { readonly register: UseFormRegisterReturn<'roles'>; readonly error: string | undefined }) {
  return (
    <fieldset className="checkbox-group" aria-describedby={error ? 'roles-error' : undefined}>
      <legend>Roles</legend>
      {ROLES.map((role) => (
        <label key={role} className="checkbox">
          <input type="checkbox" value={role} aria-invalid={Boolean(error)} {...register} />
          <span>
            <strong>{ROLE_LABELS[role]}</strong>
            <span className="muted role-duty">{ROLE_DUTIES[role]}</span>
          </span>
        </label>
      ))}
      {error && (
        <p id="roles-error" className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
