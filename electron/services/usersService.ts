import type { UserSummary } from '../../shared/contract/users';
import type { Role } from '../../shared/domain/roles';
import { reassignCases } from '../repositories/casesRepository';
import {
  countActiveWithRole,
  findUserById,
  findUserByUsername,
  insertUser,
  listUserSummaries,
  replaceRoles,
  rolesOf,
  updateUser,
  type UserRow,
} from '../repositories/usersRepository';
import type { Vault } from '../core/vault';
import { withoutUser } from '../security/keyring';
import { actorOf } from './actor';
import { rewrapForUser } from './authService';
import type { ServiceContext } from './context';
import { DomainError } from './errors';

/** A user who came in a review packet belongs to another installation and signs in there, never here. */
const REMOTE_CANNOT_SIGN_IN =
  'This user is from another installation: they came in a review packet and sign in on their own installation, never here.';

function isRemote(user: UserRow): boolean {
  return user.remote_installation_id !== null && user.remote_installation_id !== undefined;
}

async function summaries(ctx: ServiceContext, vault: Vault): Promise<UserSummary[]> {
  const withKeys = new Set((vault.keyring()?.users ?? []).map((entry) => entry.userId));
  return (await listUserSummaries(ctx.db)).map((user) => ({ ...user, canSignIn: user.active && withKeys.has(user.id) }));
}

async function summaryOf(ctx: ServiceContext, vault: Vault, userId: string): Promise<UserSummary> {
  const summary = (await summaries(ctx, vault)).find((user) => user.id === userId);
  if (!summary) throw new DomainError('not_found', 'That user does not exist.');
  return summary;
}

async function existingUser(ctx: ServiceContext, userId: string): Promise<UserRow> {
  const user = await findUserById(ctx.db, userId);
  if (!user) throw new DomainError('not_found', 'That user does not exist.', [{ path: 'userId', message: 'That user does not exist.' }]);
  return user;
}

export interface CreateUserRequest {
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly temporaryPassword: string;
}

export async function createUser(ctx: ServiceContext, vault: Vault, input: CreateUserRequest): Promise<UserSummary> {
  const taken = await findUserByUsername(ctx.db, input.username);
  if (taken) {
    const message = `The username ${taken.username} is already used by ${taken.display_name}.`;
    throw new DomainError('conflict', message, [{ path: 'username', message }]);
  }
  const now = ctx.clock.now().toISOString();
  const id = ctx.newId();
  await insertUser(
    ctx.db,
    {
      id,
      username: input.username,
      display_name: input.displayName,
      password_hash: await ctx.passwords.hash(input.temporaryPassword),
      must_change_password: 1,
      active: 1,
      synthetic: 0,
      failed_sign_ins: 0,
      locked_until: null,
      created_at: now,
      updated_at: now,
    },
    input.roles,
  );
  // The temporary password gets its own wrapped copy of the data key: the database is not re-encrypted.
  await rewrapForUser(vault, { userId: id, username: input.username }, input.temporaryPassword);
  return summaryOf(ctx, vault, id);
}

/** The last active administrator cannot be removed, or nobody could manage users any more. */
async function guardLastAdmin(ctx: ServiceContext, user: UserRow, losingAdmin: boolean): Promise<void> {
  if (!losingAdmin || user.active !== 1) return;
  const roles = await rolesOf(ctx.db, user.id);
  if (roles.includes('admin') && (await countActiveWithRole(ctx.db, 'admin')) <= 1) {
    throw new DomainError('conflict', `${user.display_name} is the only active administrator; make someone else an administrator first.`);
  }
}

export async function setRoles(ctx: ServiceContext, vault: Vault, userId: string, roles: readonly Role[]): Promise<UserSummary> {
  const user = await existingUser(ctx, userId);
  await guardLastAdmin(ctx, user, !roles.includes('admin'));
  if (!roles.includes('clinician')) {
    const { activeCases } = await summaryOf(ctx, vault, userId);
    if (activeCases > 0) {
      throw new DomainError(
        'conflict',
        `${user.display_name} still has ${activeCases} active case${activeCases === 1 ? '' : 's'}; move them to another clinician before removing the clinician role.`,
      );
    }
  }
  await replaceRoles(ctx.db, userId, roles);
  await updateUser(ctx.db, userId, { updated_at: ctx.clock.now().toISOString() });
  return summaryOf(ctx, vault, userId);
}

export async function setActive(ctx: ServiceContext, vault: Vault, userId: string, active: boolean): Promise<UserSummary> {
  const user = await existingUser(ctx, userId);
  if (!active && user.id === actorOf(ctx).id) throw new DomainError('conflict', 'You cannot deactivate your own account.');
  if (!active) await guardLastAdmin(ctx, user, true);
  if (active && user.synthetic === 1) throw new DomainError('conflict', 'Demo accounts cannot sign in and cannot be reactivated.');
  if (active && isRemote(user)) throw new DomainError('conflict', REMOTE_CANNOT_SIGN_IN);
  await updateUser(ctx.db, userId, { active: active ? 1 : 0, failed_sign_ins: 0, locked_until: null, updated_at: ctx.clock.now().toISOString() });
  // A deactivated user's copy of the key is destroyed; on reactivation an administrator sets a temporary password.
  if (!active) await vault.updateKeyring((current) => withoutUser(current, userId));
  return summaryOf(ctx, vault, userId);
}

export async function resetPassword(ctx: ServiceContext, vault: Vault, userId: string, temporaryPassword: string): Promise<UserSummary> {
  const user = await existingUser(ctx, userId);
  if (user.synthetic === 1) throw new DomainError('conflict', 'Demo accounts cannot sign in, so they have no password.');
  if (isRemote(user)) throw new DomainError('conflict', REMOTE_CANNOT_SIGN_IN);
  await updateUser(ctx.db, userId, {
    password_hash: await ctx.passwords.hash(temporaryPassword),
    must_change_password: 1,
    failed_sign_ins: 0,
    locked_until: null,
    updated_at: ctx.clock.now().toISOString(),
  });
  if (user.active !== 1) throw new DomainError('conflict', `${user.display_name} is deactivated; reactivate the account first.`);
  await rewrapForUser(vault, { userId, username: user.username }, temporaryPassword);
  return summaryOf(ctx, vault, userId);
}

export async function listUsers(ctx: ServiceContext, vault: Vault): Promise<{ users: UserSummary[] }> {
  return { users: await summaries(ctx, vault) };
}

/** Moves a departing clinician's active cases (or the chosen ones) to another clinician. */
export async function reassignCaseload(ctx: ServiceContext, fromId: string, toId: string, caseIds?: readonly string[]): Promise<{ moved: number }> {
  if (fromId === toId)
    throw new DomainError('invalid_input', 'Choose two different clinicians.', [{ path: 'toClinicianId', message: 'Choose a different clinician.' }]);
  await existingUser(ctx, fromId);
  const target = await existingUser(ctx, toId);
  const targetRoles = await rolesOf(ctx.db, toId);
  if (target.active !== 1 || !targetRoles.includes('clinician')) {
    const message = `${target.display_name} is not an active clinician, so cases cannot be assigned to them.`;
    throw new DomainError('invalid_input', message, [{ path: 'toClinicianId', message }]);
  }
  const moved = await reassignCases(ctx.db, fromId, toId, caseIds, ctx.clock.now().toISOString());
  return { moved };
}
