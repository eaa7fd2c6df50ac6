import type { AuthStatus, SessionUser } from '../../shared/contract/auth';
import type { Role } from '../../shared/domain/roles';
import { createEncryptedDatabase, missingKeyringError, type Vault } from '../core/vault';
import { encryptExistingDatabase } from '../db/encryptExisting';
import { DatabaseOpenError } from '../db/errors';
import { findUserById, findUserByUsername, insertUser, rolesOf, toSessionUser, updateUser, type UserRow } from '../repositories/usersRepository';
import {
  costsLessThan,
  createKeyring,
  findEntry,
  spendUnwrapTime,
  unwrapForUser,
  unwrapWithRecoveryKey,
  withEntry,
  wrapForUser,
  type Keyring,
  type UserKeyEntry,
} from '../security/keyring';
import { actorOf } from './actor';
import type { ServiceContext } from './context';
import { databaseOpenFailure, explainingOpenFailure } from './databaseProblems';
import { DomainError, invalidField } from './errors';
import { checkUnknownName, countFailure, failUnknownName, throttledUntil, WRONG_CREDENTIALS_MESSAGE, wrongCredentials } from './signInThrottle';

export const WRONG_CREDENTIALS = WRONG_CREDENTIALS_MESSAGE;

/** What a first start or the first sign-in to an older database hands back: the user, and the recovery key once. */
export interface SignedIn {
  readonly user: SessionUser;
  /** Shown once, to print or write down; null on every ordinary sign-in. */
  readonly recoveryKey: string | null;
}

type Clocked = Pick<ServiceContext, 'clock' | 'newId' | 'passwords'>;

export async function authStatus(ctx: Pick<ServiceContext, 'actor'>, vault: Vault, autoLockMinutes: number | null): Promise<AuthStatus> {
  return { setupRequired: vault.state() === 'new', user: ctx.actor, autoLockMinutes: ctx.actor ? autoLockMinutes : null };
}

export interface SetupAdminRequest {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  readonly alsoClinician: boolean;
  readonly alsoSupervisor: boolean;
}

function newUserRow(ctx: Clocked, id: string, username: string, displayName: string, passwordHash: string): UserRow {
  const now = ctx.clock.now().toISOString();
  return {
    id,
    username,
    display_name: displayName,
    password_hash: passwordHash,
    must_change_password: 0,
    active: 1,
    synthetic: 0,
    failed_sign_ins: 0,
    locked_until: null,
    created_at: now,
    updated_at: now,
    remote_installation_id: null,
  };
}

/**
 * First start only: a random data key encrypts the new database, the administrator's password wraps a copy
 * of it, and a recovery key wraps another, shown to the administrator once.
 */
export async function setupAdmin(ctx: Clocked, vault: Vault, input: SetupAdminRequest): Promise<SignedIn> {
  if (vault.state() !== 'new') throw new DomainError('conflict', 'Stepwise already has an administrator. Sign in instead.');
  const roles: Role[] = ['admin'];
  if (input.alsoClinician) roles.push('clinician');
  if (input.alsoSupervisor) roles.push('supervisor');
  const row = newUserRow(ctx, ctx.newId(), input.username, input.displayName, await ctx.passwords.hash(input.password));
  const { keyring, dataKey, recoveryKey } = await createKeyring({ userId: row.id, username: row.username }, input.password, vault.passwordKdf);
  try {
    await explainingOpenFailure(async () => {
      await createEncryptedDatabase(vault, keyring, dataKey, async (database) => insertUser(database.db, row, roles));
      vault.openEncrypted(dataKey);
    });
  } finally {
    dataKey.fill(0);
  }
  return { user: toSessionUser(row, roles), recoveryKey };
}

/**
 * Unwraps the data key with the password and opens the database. A wrong password opens nothing. Failures are
 * counted in the keyring (the database cannot be read yet) and, after the third, each attempt waits longer.
 */
export async function signIn(ctx: Clocked, vault: Vault, username: string, password: string): Promise<SignedIn> {
  const state = vault.state();
  if (state === 'new') throw new DomainError('conflict', 'Stepwise has no administrator yet. Create the administrator account first.');
  if (state === 'legacy-plaintext') return vault.exclusive(() => signInAndEncrypt(ctx, vault, username, password));
  const now = ctx.clock.now();
  // Counted before the password is tried, behind the keyring lock: parallel attempts all see each other's count,
  // and an attempt cut short (a crash, a killed process) still counts. Success resets it.
  const counted = await vault.updateKeyring((current) => {
    const entry = findEntry(current, username);
    if (!entry) return current;
    throttledUntil(entry.lockedUntil, now);
    return withEntry(current, countFailure(entry, now));
  });
  const entry = findEntry(counted, username);
  if (!entry) {
    checkUnknownName(username, now);
    await spendUnwrapTime(password, vault.passwordKdf);
    throw failUnknownName(username, now);
  }
  const dataKey = await unwrapForUser(counted, entry, password);
  if (!dataKey) throw wrongCredentials(entry.failedSignIns);
  let rewrapped: UserKeyEntry | null = null;
  try {
    await openWithKey(vault, dataKey);
    // An entry wrapped with less work than today's cost gets the current cost while the password is at hand.
    if (costsLessThan(entry.kdf, vault.passwordKdf)) rewrapped = await wrapForUser(counted, dataKey, entry, password, vault.passwordKdf);
  } finally {
    dataKey.fill(0);
    // The password was right, so the attempt stops counting against the account even if the key then fails.
    await vault.updateKeyring((current) => {
      const latest = current.users.find((candidate) => candidate.userId === entry.userId);
      if (!latest) return current;
      const unchanged = latest.wrapped.ciphertext === entry.wrapped.ciphertext && latest.kdf.salt === entry.kdf.salt;
      return withEntry(current, { ...(rewrapped && unchanged ? rewrapped : latest), failedSignIns: 0, lockedUntil: null });
    });
  }
  const user = await findUserById(vault.database.db, entry.userId);
  if (!user || user.active !== 1) {
    vault.close();
    throw new DomainError('forbidden', 'This account has been deactivated. Ask an administrator to reactivate it.');
  }
  return { user: toSessionUser(user, await rolesOf(vault.database.db, user.id)), recoveryKey: null };
}

/**
 * A database from an earlier version is still plaintext: an administrator's sign-in encrypts it (copy, verify,
 * swap) and creates the keyring with their password and a new recovery key. Other users then need a new
 * temporary password from the administrator, since their passwords are not known here. Runs behind the vault's
 * lock, one attempt at a time, and counts each attempt in the database before checking the password.
 */
async function signInAndEncrypt(ctx: Clocked, vault: Vault, username: string, password: string): Promise<SignedIn> {
  const database = vault.openPlaintext();
  const now = ctx.clock.now();
  const user = await findUserByUsername(database.db, username);
  if (!user || user.password_hash === null) {
    vault.close();
    checkUnknownName(username, now);
    await ctx.passwords.verify(DUMMY_HASH, password);
    throw failUnknownName(username, now);
  }
  try {
    throttledUntil(user.locked_until, now);
    const counted = countFailure({ failedSignIns: user.failed_sign_ins, lockedUntil: user.locked_until }, now);
    await updateUser(database.db, user.id, { failed_sign_ins: counted.failedSignIns, locked_until: counted.lockedUntil });
    if (!(await ctx.passwords.verify(user.password_hash, password))) throw wrongCredentials(counted.failedSignIns);
    await updateUser(database.db, user.id, { failed_sign_ins: 0, locked_until: null });
    const roles = await rolesOf(database.db, user.id);
    if (user.active !== 1) throw new DomainError('forbidden', 'This account has been deactivated. Ask an administrator to reactivate it.');
    if (!roles.includes('admin')) {
      throw new DomainError('forbidden', 'This database is not encrypted yet. An administrator must sign in first; Stepwise then encrypts it.');
    }
    const { keyring, dataKey, recoveryKey } = await createKeyring({ userId: user.id, username: user.username }, password, vault.passwordKdf);
    vault.close();
    try {
      encryptExistingDatabase(vault.databaseFile, vault.keyringFile, keyring, dataKey);
      vault.openEncrypted(dataKey);
    } finally {
      dataKey.fill(0);
    }
    return { user: toSessionUser(user, roles), recoveryKey };
  } finally {
    if (vault.isOpen && vault.state() === 'legacy-plaintext') vault.close();
  }
}

export async function changePassword(ctx: ServiceContext, vault: Vault, currentPassword: string, newPassword: string): Promise<SessionUser> {
  const actor = actorOf(ctx);
  const keyring = requireKeyring(vault);
  const entry = keyring.users.find((candidate) => candidate.userId === actor.id);
  const dataKey = entry ? await unwrapForUser(keyring, entry, currentPassword) : null;
  if (!dataKey) throw invalidField('currentPassword', 'The current password is not correct.');
  dataKey.fill(0);
  if (currentPassword === newPassword) throw invalidField('newPassword', 'Choose a password different from the current one.');
  await updateUser(ctx.db, actor.id, {
    password_hash: await ctx.passwords.hash(newPassword),
    must_change_password: 0,
    updated_at: ctx.clock.now().toISOString(),
  });
  await rewrapForUser(vault, { userId: actor.id, username: actor.username }, newPassword);
  return { ...actor, mustChangePassword: false };
}

/** The recovery key opens the database for an administrator who forgot their password, who then sets a new one. */
export async function recoverWithKey(ctx: Clocked, vault: Vault, username: string, recoveryKey: string, newPassword: string): Promise<SignedIn> {
  if (vault.state() !== 'encrypted') throw new DomainError('conflict', 'There is no encrypted database to recover in this data folder.');
  const keyring = requireKeyring(vault);
  const dataKey = unwrapWithRecoveryKey(keyring, recoveryKey);
  if (!dataKey) throw invalidField('recoveryKey', 'The recovery key is not correct. Nothing was opened.');
  try {
    await openWithKey(vault, dataKey);
  } finally {
    dataKey.fill(0);
  }
  const user = await findUserByUsername(vault.database.db, username);
  const roles = user ? await rolesOf(vault.database.db, user.id) : [];
  if (!user || user.active !== 1 || !roles.includes('admin')) {
    vault.close();
    throw invalidField('username', 'The recovery key resets an active administrator account; check the username.');
  }
  await updateUser(vault.database.db, user.id, {
    password_hash: await ctx.passwords.hash(newPassword),
    must_change_password: 0,
    updated_at: ctx.clock.now().toISOString(),
  });
  await rewrapForUser(vault, { userId: user.id, username: user.username }, newPassword);
  return { user: toSessionUser({ ...user, must_change_password: 0 }, roles), recoveryKey: null };
}

/** A new or changed password gets its own wrapped copy of the data key; the database itself is untouched. */
export async function rewrapForUser(vault: Vault, user: { userId: string; username: string }, password: string): Promise<void> {
  const { databaseId } = requireKeyring(vault);
  const dataKey = vault.dataKey();
  let entry: UserKeyEntry;
  try {
    entry = await wrapForUser({ databaseId }, dataKey, user, password, vault.passwordKdf);
  } finally {
    dataKey.fill(0);
  }
  await vault.updateKeyring((current) => {
    if (current.databaseId !== databaseId)
      throw new DomainError('conflict', 'The key file was replaced while the password was being set. Try again.');
    return withEntry(current, entry);
  });
}

/** Opens the database with an unwrapped key; a database it cannot open gets a sentence, not an internal error. */
async function openWithKey(vault: Vault, dataKey: Buffer): Promise<void> {
  await vault.migrateAhead(dataKey);
  try {
    vault.openEncrypted(dataKey);
  } catch (error) {
    if (error instanceof DatabaseOpenError) throw databaseOpenFailure(error);
    throw error;
  }
}

export function requireKeyring(vault: Vault): Keyring {
  const keyring = vault.keyring();
  if (!keyring) throw missingKeyringError();
  return keyring;
}

// An Argon2id hash of a random string nobody knows, used only to spend verification time.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$iK//nFrQihDNFQG80reecw$CWm6qkOmpdmlCXp1cXY1WhQzPJeQ6T3u3J/aF955y7k';
