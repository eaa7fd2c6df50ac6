export const ROLES = ['clinician', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  clinician: 'Clinician',
  supervisor: 'Supervisor',
  admin: 'Administrator',
};

export function hasAnyRole(roles: readonly Role[], allowed: readonly Role[]): boolean {
  return roles.some((role) => allowed.includes(role));
}

/** Supervisors and administrators see every case; a clinician sees the cases assigned to them (and, in an emergency, others by recorded access). */
export function seesEveryCase(roles: readonly Role[]): boolean {
  return roles.includes('supervisor') || roles.includes('admin');
}
