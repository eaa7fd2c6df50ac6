import type { AuthStatus, SessionUser } from '../../shared/contract/auth';
import type { Role } from '../../shared/domain/roles';
import { countRealUsers, findUserById, findUserByUsername, insertUser, rolesOf, toSessionUser, updateUser } from '../repositories/usersRepository';
import { actorOf } from './actor';
import type { ServiceContext } from './context';
import { DomainError } from './errors';

export const WRONG_CREDENTIALS = 'The username or password is not correct.';
/** Failed attempts allowed before each further failure makes the next attempt wait longer. */
export const FREE_ATTEMPTS = 3;
const FIRST_WAIT_SECONDS = 5;
const LONGEST_WAIT_SECONDS = 15 * 60;

/** 5 s after the 3rd failure, then doubling, up to 15 minutes. */
export function waitAfterFailures(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(FIRST_WAIT_SECONDS * 2 ** (failures - FREE_ATTEMPTS), LONGEST_WAIT_SECONDS);
}

/** Failed attempts for names that match no account, kept in memory only. */
const unknownNameThrottle = new Map<string, { failures: number; lockedUntil: number }>();

function wrongCredentials(failures: number, waitSeconds: number): DomainError {
  return new DomainError(
    'invalid_input',
    waitSeconds > 0 ? `${WRONG_CREDENTIALS} After ${failures} failed attempts, wait ${waitSeconds} seconds before trying again.` : WRONG_CREDENTIALS,
  );
}

function tooManyAttempts(remainingMs: number): DomainError {
  const seconds = Math.ceil(remainingMs / 1000);
  return new DomainError('forbidden', `Too many failed attempts. Wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`);
}

export async function authStatus(ctx: ServiceContext): Promise<AuthStatus> {
  return { setupRequired: (await countRealUsers(ctx.db)) === 0, user: ctx.actor };
}

export interface SetupAdminRequest {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  readonly alsoClinician: boolean;
  readonly alsoSupervisor: boolean;
}

/** First start only: creates the administrator who then adds everyone else. */
export async function setupAdmin(ctx: ServiceContext, input: SetupAdminRequest): Promise<SessionUser> {
  if ((await countRealUsers(ctx.db)) > 0) {
    throw new DomainError('conflict', 'Stepwise already has an administrator. Sign in instead.');
  }
  const roles: Role[] = ['admin'];
  if (input.alsoClinician) roles.push('clinician');
  if (input.alsoSupervisor) roles.push('supervisor');
  const now = ctx.clock.now().toISOString();
  const row = {
    id: ctx.newId(),
    username: input.username,
    display_name: input.displayName,
    password_hash: await ctx.passwords.hash(input.password),
    must_change_password: 0,
    active: 1,
    synthetic: 0,
    failed_sign_ins: 0,
    locked_until: null,
    created_at: now,
    updated_at: now,
  };
  await insertUser(ctx.db, row, roles);
  return toSessionUser(row, roles);
}

/**
 * Checks a password. Failures are counted per account and, after the third, each further attempt must
 * wait twice as long as the last. Runs outside a transaction so a failed attempt is still recorded.
 */
export async function signIn(ctx: ServiceContext, username: string, password: string): Promise<SessionUser> {
  const user = await findUserByUsername(ctx.db, username);
  const now = ctx.clock.now();
  if (!user || user.password_hash === null) {
    // An unknown name gets the same answers, waits and timing as a real account, so nothing reveals which exist.
    const key = username.toLowerCase();
    const throttle = unknownNameThrottle.get(key) ?? { failures: 0, lockedUntil: 0 };
    if (throttle.lockedUntil > now.getTime()) throw tooManyAttempts(throttle.lockedUntil - now.getTime());
    await ctx.passwords.verify(DUMMY_HASH, password);
    const failures = throttle.failures + 1;
    const wait = waitAfterFailures(failures);
    if (unknownNameThrottle.size > 10_000) unknownNameThrottle.clear();
    unknownNameThrottle.set(key, { failures, lockedUntil: now.getTime() + wait * 1000 });
    throw wrongCredentials(failures, wait);
  }
  if (user.locked_until !== null && new Date(user.locked_until) > now) {
    throw tooManyAttempts(new Date(user.locked_until).getTime() - now.getTime());
  }
  if (!(await ctx.passwords.verify(user.password_hash, password))) {
    const failures = user.failed_sign_ins + 1;
    const wait = waitAfterFailures(failures);
    await updateUser(ctx.db, user.id, {
      failed_sign_ins: failures,
      locked_until: wait > 0 ? new Date(now.getTime() + wait * 1000).toISOString() : null,
    });
    throw wrongCredentials(failures, wait);
  }
  if (user.active !== 1) throw new DomainError('forbidden', 'This account has been deactivated. Ask an administrator to reactivate it.');
  await updateUser(ctx.db, user.id, { failed_sign_ins: 0, locked_until: null });
  return toSessionUser(user, await rolesOf(ctx.db, user.id));
}

export async function changePassword(ctx: ServiceContext, currentPassword: string, newPassword: string): Promise<SessionUser> {
  const actor = actorOf(ctx);
  const user = await findUserById(ctx.db, actor.id);
  if (!user || user.password_hash === null || !(await ctx.passwords.verify(user.password_hash, currentPassword))) {
    throw new DomainError('invalid_input', 'The current password is not correct.', [
      { path: 'currentPassword', message: 'The current password is not correct.' },
    ]);
  }
  if (currentPassword === newPassword) {
    throw new DomainError('invalid_input', 'Choose a password different from the current one.', [
      { path: 'newPassword', message: 'Choose a password different from the current one.' },
    ]);
  }
  await updateUser(ctx.db, user.id, {
    password_hash: await ctx.passwords.hash(newPassword),
    must_change_password: 0,
    updated_at: ctx.clock.now().toISOString(),
  });
  return { ...actor, mustChangePassword: false };
}

// An Argon2id hash of a random string nobody knows, used only to spend verification time.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$iK//nFrQihDNFQG80reecw$CWm6qkOmpdmlCXp1cXY1WhQzPJeQ6T3u3J/aF955y7k';
