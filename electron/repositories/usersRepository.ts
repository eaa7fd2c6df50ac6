import { sql, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { SessionUser } from '../../shared/contract/auth';
import type { UserSummary } from '../../shared/contract/users';
import { ROLES, type Role } from '../../shared/domain/roles';
import type { StepwiseSchema, UsersTable } from '../db/schema';

type Db = Kysely<StepwiseSchema>;
export type UserRow = Selectable<UsersTable>;

function sortRoles(roles: readonly Role[]): Role[] {
  return ROLES.filter((role) => roles.includes(role));
}

export async function rolesOf(db: Db, userId: string): Promise<Role[]> {
  const rows = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute();
  return sortRoles(rows.map((row) => row.role));
}

export function toSessionUser(row: UserRow, roles: readonly Role[]): SessionUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: sortRoles(roles),
    mustChangePassword: row.must_change_password === 1,
  };
}

export async function countRealUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where('synthetic', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql<boolean>`username = ${username} COLLATE NOCASE`)
    .executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Usernames by user id, for files that name people the way an import matches them. */
export async function usernamesById(db: Db, ids: readonly string[]): Promise<ReadonlyMap<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((row) => [row.id, row.username]));
}

/**
 * A synthetic user with no password, who cannot sign in with one: the demo caseload's clinicians (inactive), and the
 * accounts benches and tests add straight into a database.
 */
export function syntheticUserRow(
  user: { readonly id: string; readonly username: string; readonly displayName: string; readonly active: boolean },
  at: string,
): UsersTable {
  return {
    id: user.id,
    username: user.username,
    display_name: user.displayName,
    password_hash: null,
    must_change_password: 0,
    active: user.active ? 1 : 0,
    synthetic: 1,
    failed_sign_ins: 0,
    locked_until: null,
    created_at: at,
    updated_at: at,
  };
}

export async function insertUser(db: Db, row: UsersTable, roles: readonly Role[]): Promise<void> {
  await db.insertInto('users').values(row).execute();
  await replaceRoles(db, row.id, roles);
}

export async function replaceRoles(db: Db, userId: string, roles: readonly Role[]): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  const unique = sortRoles(roles);
  if (unique.length > 0)
    await db
      .insertInto('user_roles')
      .values(unique.map((role) => ({ user_id: userId, role })))
      .execute();
}

export async function updateUser(db: Db, id: string, patch: Updateable<UsersTable>): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

/** Active users holding a role, for "is this the last administrator?" checks. */
export async function countActiveWithRole(db: Db, role: Role): Promise<number> {
  const row = await db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where('users.active', '=', 1)
    .where('user_roles.role', '=', role)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/** Users as the admin screen lists them; whether each can sign in comes from the keyring, not the database. */
export async function listUserSummaries(db: Db): Promise<Omit<UserSummary, 'canSignIn'>[]> {
  const users = await db
    .selectFrom('users')
    .select((eb) => [
      'users.id',
      'users.username',
      'users.display_name',
      'users.active',
      'users.synthetic',
      'users.remote_installation_id',
      eb
        .selectFrom('cases')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('cases.clinician_id', '=', 'users.id')
        .where('cases.status', '=', 'active')
        .as('active_cases'),
    ])
    .orderBy('users.display_name')
    .execute();
  const roles = await db.selectFrom('user_roles').selectAll().execute();
  return users.map((user) => ({
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    roles: sortRoles(roles.filter((role) => role.user_id === user.id).map((role) => role.role)),
    active: user.active === 1,
    synthetic: user.synthetic === 1,
    remote: user.remote_installation_id !== null && user.remote_installation_id !== undefined,
    activeCases: Number(user.active_cases ?? 0),
  }));
}

export async function listClinicianOptions(db: Db): Promise<{ id: string; displayName: string; active: boolean }[]> {
  const rows = await db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.display_name', 'users.active'])
    .where('user_roles.role', '=', 'clinician')
    .orderBy('users.display_name')
    .execute();
  return rows.map((row) => ({ id: row.id, displayName: row.display_name, active: row.active === 1 }));
}

/** The signed-in user as the database has them now: roles, active and password state can change mid-session. */
export async function loadSessionUser(db: Db, userId: string): Promise<SessionUser | null> {
  const row = await findUserById(db, userId);
  if (!row || row.active !== 1) return null;
  return toSessionUser(row, await rolesOf(db, userId));
}
