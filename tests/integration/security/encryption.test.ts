import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SignedIn } from '../../../shared/contract/auth';
import { migrate } from '../../../electron/db/migrate';
import { LATEST_SCHEMA_VERSION } from '../../../electron/db/migrations';
import { DATABASE_FILE_NAME, databaseFileState, openDatabase, STEPWISE_APPLICATION_ID, unlockConnection } from '../../../electron/db/openDatabase';
import { insertUser } from '../../../electron/repositories/usersRepository';
import { argon2idHasher } from '../../../electron/security/passwords';
import { KEYRING_FILE_NAME } from '../../../electron/security/keyring';
import { makeCaseInput } from '../../factories/cases';
import { expectOk } from '../../support/seed';
import { createTestCore, type TestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';

const ADMIN = { username: 'admin', displayName: 'Alex Admin', password: 'first admin password', alsoClinician: true, alsoSupervisor: false };
const PATIENT = { mrn: 'SECRET-4711', fullName: 'Jane Secretname' };

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;
beforeEach(async () => {
  temp = makeTempDir();
  core = await createTestCore(temp.dir);
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

const signIn = (username: string, password: string) => core.registry.invoke('auth.signIn', { username, password });
const signOut = () => core.registry.invoke('auth.signOut', {});

function filesContain(text: string): string[] {
  const needle = Buffer.from(text, 'utf8');
  const hits: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (fs.readFileSync(full).includes(needle)) hits.push(entry.name);
    }
  };
  walk(temp.dir);
  return hits;
}

async function setUpWithPatient(): Promise<string> {
  const { recoveryKey } = expectOk<SignedIn>(await core.registry.invoke('auth.setupAdmin', ADMIN));
  expectOk(await core.registry.invoke('cases.create', makeCaseInput(PATIENT)));
  return recoveryKey ?? '';
}

describe('encryption at rest', () => {
  it('keeps the database, its WAL and every other file in the data folder free of patient data', async () => {
    await setUpWithPatient();
    // While signed in the WAL holds the latest writes; it is encrypted page by page like the database.
    expect(fs.existsSync(path.join(temp.dir, `${DATABASE_FILE_NAME}-wal`))).toBe(true);
    expect(filesContain(PATIENT.fullName)).toEqual([]);
    expect(filesContain(PATIENT.mrn)).toEqual([]);
    expect(databaseFileState(path.join(temp.dir, DATABASE_FILE_NAME))).toBe('encrypted');
    await signOut();
    expect(filesContain(PATIENT.fullName)).toEqual([]);
    expect(() => openDatabase({ file: path.join(temp.dir, DATABASE_FILE_NAME) })).toThrow(/not a Stepwise database, or it is damaged/);
    expect(core.logger.entries.map((entry) => JSON.stringify(entry)).join('\n')).not.toMatch(/Secretname|SECRET-4711/);
  });

  it('opens nothing with a wrong password and says so; signing out locks it again', async () => {
    await setUpWithPatient();
    await signOut();
    expect(await core.registry.invoke('cases.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(core.vault.isOpen).toBe(false);
    expect(await signIn('admin', 'not the password')).toMatchObject({ ok: false, error: { message: 'The username or password is not correct.' } });
    expect(core.vault.isOpen).toBe(false);
    expect(await signIn('admin', ADMIN.password)).toMatchObject({ ok: true, value: { recoveryKey: null } });
    expect(core.vault.isOpen).toBe(true);
  });

  it('recovers an administrator with the recovery key, and refuses a wrong one', async () => {
    const recoveryKey = await setUpWithPatient();
    await signOut();
    const wrong = await core.registry.invoke('auth.recover', {
      username: 'admin',
      recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH',
      newPassword: 'recovered password 1',
    });
    expect(wrong).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'recoveryKey', message: 'The recovery key is not correct. Nothing was opened.' }] },
    });
    expect(core.vault.isOpen).toBe(false);
    const recovered = await core.registry.invoke('auth.recover', {
      username: 'admin',
      recoveryKey: recoveryKey.toLowerCase(),
      newPassword: 'recovered password 1',
    });
    expect(recovered).toMatchObject({ ok: true, value: { user: { username: 'admin' } } });
    await signOut();
    expect(await signIn('admin', ADMIN.password)).toMatchObject({ ok: false });
    expect(await signIn('admin', 'recovered password 1')).toMatchObject({ ok: true });
  });

  it('keeps access after a password change, and the old password stops working', async () => {
    await setUpWithPatient();
    const databaseBytes = fs.readFileSync(path.join(temp.dir, DATABASE_FILE_NAME));
    expectOk(await core.registry.invoke('auth.changePassword', { currentPassword: ADMIN.password, newPassword: 'second admin password' }));
    // Only the keyring changed: the database was not re-encrypted.
    expect(fs.readFileSync(path.join(temp.dir, DATABASE_FILE_NAME)).subarray(0, 100)).toEqual(databaseBytes.subarray(0, 100));
    await signOut();
    expect(await signIn('admin', ADMIN.password)).toMatchObject({ ok: false });
    expect(await signIn('admin', 'second admin password')).toMatchObject({ ok: true });
    expect((await core.registry.invoke('cases.list', { clinician: 'all' })).ok).toBe(true);
  });

  it('lets a second user added later open the database with their own password', async () => {
    await setUpWithPatient();
    expectOk(
      await core.registry.invoke('users.create', {
        username: 'lee',
        displayName: 'Lee Chan',
        roles: ['clinician'],
        temporaryPassword: 'temporary pass 1',
      }),
    );
    await signOut();
    expect(await signIn('lee', 'temporary pass 1')).toMatchObject({ ok: true, value: { user: { username: 'lee', mustChangePassword: true } } });
    expectOk(await core.registry.invoke('auth.changePassword', { currentPassword: 'temporary pass 1', newPassword: 'lee chooses this' }));
    expect(JSON.parse(fs.readFileSync(path.join(temp.dir, KEYRING_FILE_NAME), 'utf8')) as unknown).not.toMatchObject({
      dataKey: expect.anything() as unknown,
    });
    await signOut();
    expect(await signIn('lee', 'lee chooses this')).toMatchObject({ ok: true });
  });
});

describe('an encrypted database written by a newer version', () => {
  it('is refused at sign-in with the newer-version message, not an internal error, and left byte for byte', async () => {
    await setUpWithPatient();
    const dataKey = core.vault.dataKey();
    await signOut();
    const databaseFile = path.join(temp.dir, DATABASE_FILE_NAME);
    const sqlite = new Database(databaseFile);
    try {
      unlockConnection(sqlite, dataKey);
      sqlite.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    } finally {
      sqlite.close();
      dataKey.fill(0);
    }
    const before = fs.readFileSync(databaseFile);
    const result = await signIn('admin', ADMIN.password);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/newer version of Stepwise/) as unknown },
    });
    expect(JSON.stringify(result)).not.toContain(temp.dir);
    expect(core.logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'Request refused',
        detail: expect.objectContaining({ error: 'DatabaseOpenError' }) as unknown,
      }),
    );
    expect(core.vault.isOpen).toBe(false);
    expect(fs.readFileSync(databaseFile).equals(before)).toBe(true);
  });
});

describe('a plaintext database from an earlier version', () => {
  beforeEach(() => {
    core.close();
    const sqlite = new Database(path.join(temp.dir, DATABASE_FILE_NAME));
    sqlite.pragma('journal_mode = WAL');
    migrate(sqlite, STEPWISE_APPLICATION_ID);
    sqlite
      .prepare('INSERT INTO cases (id, mrn, full_name, date_of_birth, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run('c1', PATIENT.mrn, PATIENT.fullName, '1980-01-01', 'x', 'x');
    sqlite.close();
  });

  async function addLegacyUser(username: string, roles: ('admin' | 'clinician')[]): Promise<void> {
    const database = openDatabase({ file: path.join(temp.dir, DATABASE_FILE_NAME) });
    const now = new Date().toISOString();
    await insertUser(
      database.db,
      {
        id: `user-${username}`,
        username,
        display_name: username,
        password_hash: await argon2idHasher.hash('legacy password 1'),
        must_change_password: 0,
        active: 1,
        synthetic: 0,
        failed_sign_ins: 0,
        locked_until: null,
        created_at: now,
        updated_at: now,
      },
      roles,
    );
    database.close();
  }

  it('is encrypted by the first administrator sign-in, who gets a recovery key; other users then need a temporary password', async () => {
    await addLegacyUser('root', ['admin']);
    await addLegacyUser('dana', ['clinician']);
    core = await createTestCore(temp.dir);
    expect(await signIn('dana', 'legacy password 1')).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/An administrator must sign in first/) as unknown },
    });
    expect(databaseFileState(path.join(temp.dir, DATABASE_FILE_NAME))).toBe('plaintext');
    const signedIn = expectOk<SignedIn>(await signIn('root', 'legacy password 1'));
    expect(signedIn.recoveryKey).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){7}$/);
    expect(databaseFileState(path.join(temp.dir, DATABASE_FILE_NAME))).toBe('encrypted');
    expect(filesContain(PATIENT.fullName)).toEqual([]);
    const users = expectOk<{ users: { username: string; canSignIn: boolean }[] }>(await core.registry.invoke('users.list', {}));
    expect(users.users.map((user) => [user.username, user.canSignIn])).toEqual(
      expect.arrayContaining([
        ['root', true],
        ['dana', false],
      ]),
    );
    expectOk(await core.registry.invoke('users.resetPassword', { userId: 'user-dana', temporaryPassword: 'temporary pass 2' }));
    await signOut();
    expect(await signIn('dana', 'temporary pass 2')).toMatchObject({ ok: true, value: { user: { mustChangePassword: true } } });
  });
});

describe('a damaged key file', () => {
  it('is reported in words and never replaced', async () => {
    await core.registry.invoke('auth.setupAdmin', ADMIN);
    await signOut();
    fs.writeFileSync(path.join(temp.dir, KEYRING_FILE_NAME), '{ "format": "stepwise-keyring", "vers');
    const result = await signIn('admin', ADMIN.password);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/damaged .* Restore it from a backup/) as unknown },
    });
    expect(fs.readFileSync(path.join(temp.dir, KEYRING_FILE_NAME), 'utf8')).toBe('{ "format": "stepwise-keyring", "vers');
  });
});
