import { z } from 'zod';
import { ROLES } from '../domain/roles';
import { displayNameSchema, newPasswordSchema, rolesSchema, usernameSchema } from './auth';

export const userSummarySchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  active: z.boolean(),
  synthetic: z.boolean(),
  /** True for a user who came in a review packet from another installation: named here, never able to sign in. */
  remote: z.boolean(),
  activeCases: z.number().int().min(0),
  /** False when the user has no key to the encrypted database yet: an administrator sets a temporary password. */
  canSignIn: z.boolean(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

export const userIdInputSchema = z.strictObject({ userId: z.string({ error: 'Choose a user.' }).min(1, 'Choose a user.').max(64) });

export const createUserInputSchema = z.strictObject({
  username: usernameSchema,
  displayName: displayNameSchema,
  roles: rolesSchema,
  temporaryPassword: newPasswordSchema,
});
export type CreateUserInput = z.input<typeof createUserInputSchema>;

export const setRolesInputSchema = z.strictObject({ userId: z.string().min(1).max(64), roles: rolesSchema });

export const resetPasswordInputSchema = z.strictObject({ userId: z.string().min(1).max(64), temporaryPassword: newPasswordSchema });

export const clinicianOptionSchema = z.object({ id: z.string(), displayName: z.string(), active: z.boolean() });
export type ClinicianOption = z.infer<typeof clinicianOptionSchema>;

export const reassignInputSchema = z.strictObject({
  fromClinicianId: z.string({ error: 'Choose the clinician whose cases move.' }).min(1, 'Choose the clinician whose cases move.').max(64),
  toClinicianId: z.string({ error: 'Choose the clinician who takes them over.' }).min(1, 'Choose the clinician who takes them over.').max(64),
  caseIds: z.array(z.string().min(1).max(64)).max(10_000).optional(),
});
