import { z } from 'zod';
import { ROLES } from '../domain/roles';
import { personNameSchema } from './fields';

export const usernameSchema = z
  .string({ error: 'Enter the username.' })
  .trim()
  .min(1, 'Enter the username.')
  .max(64, 'The username can be at most 64 characters.')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'The username may contain letters, digits and . _ - and must start with a letter or digit.');

export const MIN_PASSWORD_LENGTH = 10;
export const newPasswordSchema = z
  .string({ error: 'Enter a password.' })
  .min(MIN_PASSWORD_LENGTH, `The password must be at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(200, 'The password can be at most 200 characters.')
  .refine(
    (password) => password.length < MIN_PASSWORD_LENGTH || password.trim().length >= MIN_PASSWORD_LENGTH,
    `The password must have at least ${MIN_PASSWORD_LENGTH} characters besides spaces.`,
  );

export const displayNameSchema = personNameSchema;

export const rolesSchema = z
  .array(z.enum(ROLES, { error: 'Unknown role.' }))
  .min(1, 'Choose at least one role.')
  .max(3);

export const sessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  mustChangePassword: z.boolean(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const authStatusSchema = z.object({
  setupRequired: z.boolean(),
  user: sessionUserSchema.nullable(),
  /** While signed in: minutes without activity before the session locks. */
  autoLockMinutes: z.number().int().min(1).nullable(),
});
export type AuthStatus = z.infer<typeof authStatusSchema>;

export const setupAdminInputSchema = z.strictObject({
  username: usernameSchema,
  displayName: displayNameSchema,
  password: newPasswordSchema,
  alsoClinician: z.boolean().default(false),
  alsoSupervisor: z.boolean().default(false),
});
export type SetupAdminInput = z.input<typeof setupAdminInputSchema>;

export const signInInputSchema = z.strictObject({
  username: z.string({ error: 'Enter the username.' }).trim().min(1, 'Enter the username.').max(64, 'The username or password is not correct.'),
  password: z.string({ error: 'Enter the password.' }).min(1, 'Enter the password.').max(200, 'The username or password is not correct.'),
});

export const changePasswordInputSchema = z.strictObject({
  currentPassword: z.string({ error: 'Enter your current password.' }).min(1, 'Enter your current password.').max(200),
  newPassword: newPasswordSchema,
});

/** After sign-in: the user, and a recovery key exactly once (first start, or when an older database is encrypted). */
export const signedInSchema = z.object({
  user: sessionUserSchema,
  recoveryKey: z.string().nullable(),
});
export type SignedIn = z.infer<typeof signedInSchema>;

export const recoverInputSchema = z.strictObject({
  username: z.string({ error: 'Enter the administrator username.' }).trim().min(1, 'Enter the administrator username.').max(64),
  recoveryKey: z
    .string({ error: 'Enter the recovery key.' })
    .trim()
    .min(1, 'Enter the recovery key.')
    .max(100, 'The recovery key is not correct. Nothing was opened.'),
  newPassword: newPasswordSchema,
});
