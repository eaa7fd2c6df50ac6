import type { Role } from '../domain/roles';

/**
 * Who may call a channel: anyone (before sign-in), any signed-in user, or users holding one of the roles.
 * The main process enforces it; the renderer only uses it to decide what to show.
 */
export type Access = 'public' | 'signed-in' | readonly Role[];

export const CLINICAL: readonly Role[] = ['clinician', 'supervisor'];
export const SUPERVISION: readonly Role[] = ['supervisor'];
export const ADMINISTRATION: readonly Role[] = ['admin'];
export const ANY_ROLE: readonly Role[] = ['clinician', 'supervisor', 'admin'];
