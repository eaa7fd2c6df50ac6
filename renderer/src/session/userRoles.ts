import type { SessionUser } from '../../../shared/contract/auth';
import type { Role } from '../../../shared/domain/roles';

export function userHasRole(user: SessionUser, ...roles: Role[]): boolean {
  return user.roles.some((role) => roles.includes(role));
}
