import { ROLES, ROLE_LABELS, type Role } from '../../../shared/domain/roles';

/** Roles in one fixed order, so lists of users line up. */
export function formatRoles(roles: readonly Role[]): string {
  return ROLES.filter((role) => roles.includes(role))
    .map((role) => ROLE_LABELS[role])
    .join(', ');
}
