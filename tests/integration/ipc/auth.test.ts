import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthStatus, SignedIn } from '../../../shared/contract/auth';
import type { UserSummary } from '../../../shared/contract/users';
import type { Clock } from '../../../electron/services/context';
import { toIsoDate } from '../../../shared/domain/dates';
import { expectOk } from '../../support/seed';
import { createTestCore, TEST_PASSWORD, type TestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;
let now: Date;
const clock: Clock = { now: () => new Date(now.getTime()), today: () => toIsoDate(now) };
const advance = (seconds: number) => {
  now = new Date(now.getTime() + seconds * 1000);
};

const ADMIN = { username: 'admin', displayName: 'Alex Admin', password: 'first admin password', alsoClinician: false, alsoSupervisor: true };

beforeEach(async () => {
  now = new Date('2026-11-29T10:00:00Z');
  temp = makeTempDir();
  core = await createTestCore(temp.dir, { clock });
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

const status = async () => expectOk<AuthStatus>(await core.registry.invoke('auth.status', {}));
const signIn = (username: string, password: string) => core.registry.invoke('auth.signIn', { username, password });

describe('first start', () => {
  it('asks for an administrator, then signs them in with the roles chosen', async () => {
    expect(await status()).toEqual({ setupRequired: true, user: null, autoLockMinutes: null });
    const { user: admin, recoveryKey } = expectOk<SignedIn>(await core.registry.invoke('auth.setupAdmin', ADMIN));
    expect(recoveryKey).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){7}$/);
    expect(admin).toMatchObject({ username: 'admin', displayName: 'Alex Admin', roles: ['supervisor', 'admin'], mustChangePassword: false });
    expect(await status()).toEqual({ setupRequired: false, user: admin, autoLockMinutes: 10 });
    const stored = core.database.sqlite.prepare("SELECT password_hash FROM users WHERE username = 'admin'").pluck().get();
    expect(String(stored)).toMatch(/^\$argon2id\$/);
    expect(String(stored)).not.toContain(ADMIN.password);
  });

  it('is refused once an administrator exists', async () => {
    await core.registry.invoke('auth.setupAdmin', ADMIN);
    await core.registry.invoke('auth.signOut', {});
    const again = await core.registry.invoke('auth.setupAdmin', { ...ADMIN, username: 'mallory' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await signIn('admin', ADMIN.password)).toMatchObject({ ok: true });
    expect(core.database.sqlite.prepare('SELECT count(*) FROM users').pluck().get()).toBe(1);
  });

  it.each([
    [{ ...ADMIN, password: 'short' }, 'password'],
    [{ ...ADMIN, username: 'has space' }, 'username'],
    [{ ...ADMIN, displayName: '' }, 'displayName'],
  ])('refuses invalid details beside the field (%#)', async (input, field) => {
    const result = await core.registry.invoke('auth.setupAdmin', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ path: field }] } });
    expect((await status()).setupRequired).toBe(true);
  });
});

describe('sign-in', () => {
  beforeEach(async () => {
    await core.addUser('dana', ['clinician']);
  });

  it('signs in with the right password, case-insensitively by username, and out again', async () => {
    expect(await signIn('DANA', TEST_PASSWORD)).toMatchObject({
      ok: true,
      value: { user: { username: 'dana', roles: ['clinician'] }, recoveryKey: null },
    });
    expect((await status()).user?.username).toBe('dana');
    await core.registry.invoke('auth.signOut', {});
    expect((await status()).user).toBeNull();
    expect(await core.registry.invoke('cases.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('gives the same message for a wrong password and an unknown user', async () => {
    const wrong = await signIn('dana', 'not the password');
    const unknown = await signIn('nobody', 'not the password');
    expect(wrong).toMatchObject({ ok: false, error: { message: 'The username or password is not correct.' } });
    expect(unknown).toMatchObject({ ok: false, error: { message: 'The username or password is not correct.' } });
    expect((await status()).user).toBeNull();
  });

  it('makes each attempt after the third failure wait longer, and records the failures', async () => {
    for (let attempt = 1; attempt <= 2; attempt += 1) await signIn('dana', 'wrong');
    const third = await signIn('dana', 'wrong');
    expect(third).toMatchObject({ ok: false, error: { message: expect.stringMatching(/After 3 failed attempts, wait 5 seconds/) as unknown } });
    const early = await signIn('dana', TEST_PASSWORD);
    expect(early).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Too many failed attempts\. Wait 5 seconds/) as unknown } });
    advance(6);
    expect(await signIn('dana', 'wrong')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/wait 10 seconds/) as unknown } });
    advance(11);
    expect(await signIn('dana', 'wrong')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/wait 20 seconds/) as unknown } });
    // Counted in the keyring: before the key is unwrapped the database cannot be read.
    expect(core.vault.keyring()?.users.find((entry) => entry.username === 'dana')?.failedSignIns).toBe(5);
    advance(21);
    expect(await signIn('dana', TEST_PASSWORD)).toMatchObject({ ok: true });
    expect(core.vault.keyring()?.users.find((entry) => entry.username === 'dana')?.failedSignIns).toBe(0);
  });

  it('refuses a deactivated account: its copy of the key is destroyed', async () => {
    await core.signInAs('root', ['admin']);
    await core.registry.invoke('users.deactivate', { userId: 'user-dana' });
    await core.registry.invoke('auth.signOut', {});
    expect(core.vault.keyring()?.users.map((entry) => entry.username)).not.toContain('dana');
    expect(await signIn('dana', TEST_PASSWORD)).toMatchObject({
      ok: false,
      error: { message: 'The username or password is not correct.' },
    });
  });

  it('changes the password only with the current one', async () => {
    await signIn('dana', TEST_PASSWORD);
    const wrong = await core.registry.invoke('auth.changePassword', { currentPassword: 'nope', newPassword: 'a brand new password' });
    expect(wrong).toMatchObject({ ok: false, error: { fields: [{ path: 'currentPassword' }] } });
    expect(await core.registry.invoke('auth.changePassword', { currentPassword: TEST_PASSWORD, newPassword: 'a brand new password' })).toMatchObject({
      ok: true,
    });
    await core.registry.invoke('auth.signOut', {});
    expect(await signIn('dana', TEST_PASSWORD)).toMatchObject({ ok: false });
    expect(await signIn('dana', 'a brand new password')).toMatchObject({ ok: true });
  });
});

describe('administration', () => {
  beforeEach(async () => {
    await core.signInAs('root', ['admin']);
  });

  it('adds a user who must choose a new password at first sign-in', async () => {
    const created = expectOk<UserSummary>(
      await core.registry.invoke('users.create', {
        username: 'lee',
        displayName: 'Lee Chan',
        roles: ['clinician', 'supervisor'],
        temporaryPassword: 'temporary pass 1',
      }),
    );
    expect(created).toMatchObject({ username: 'lee', roles: ['clinician', 'supervisor'], active: true, activeCases: 0 });
    await core.registry.invoke('auth.signOut', {});
    const { user: session } = expectOk<SignedIn>(await signIn('lee', 'temporary pass 1'));
    expect(session.mustChangePassword).toBe(true);
    expect(await core.registry.invoke('cases.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expectOk(await core.registry.invoke('auth.changePassword', { currentPassword: 'temporary pass 1', newPassword: 'lee chooses this one' }));
    expect(await core.registry.invoke('cases.list', {})).toMatchObject({ ok: true });
  });

  it('refuses a username that is taken, naming who has it', async () => {
    await core.addUser('lee', ['clinician'], 'Lee Chan');
    const result = await core.registry.invoke('users.create', {
      username: 'LEE',
      displayName: 'Other',
      roles: ['clinician'],
      temporaryPassword: 'temporary pass 1',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', message: 'The username lee is already used by Lee Chan.' } });
  });

  it('never leaves the installation without an active administrator', async () => {
    expect(await core.registry.invoke('users.setRoles', { userId: 'user-root', roles: ['clinician'] })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await core.registry.invoke('users.deactivate', { userId: 'user-root' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await core.addUser('second', ['admin']);
    expect(await core.registry.invoke('users.setRoles', { userId: 'user-second', roles: ['supervisor'] })).toMatchObject({ ok: true });
  });

  it('deactivates, reactivates and resets a password', async () => {
    await core.addUser('dana', ['clinician']);
    expect(await core.registry.invoke('users.deactivate', { userId: 'user-dana' })).toMatchObject({ ok: true, value: { active: false } });
    expect(await core.registry.invoke('users.reactivate', { userId: 'user-dana' })).toMatchObject({ ok: true, value: { active: true } });
    expectOk(await core.registry.invoke('users.resetPassword', { userId: 'user-dana', temporaryPassword: 'reset password 99' }));
    await core.registry.invoke('auth.signOut', {});
    expect(await signIn('dana', 'reset password 99')).toMatchObject({ ok: true, value: { user: { mustChangePassword: true } } });
  });

  it("reassigns a departing clinician's active cases", async () => {
    await core.addUser('dana', ['clinician']);
    await core.addUser('lee', ['clinician']);
    await core.signInAs('dana', ['clinician']);
    for (const mrn of ['A-1', 'A-2', 'A-3'])
      await core.registry.invoke('cases.create', { mrn, fullName: `Person ${mrn}`, dateOfBirth: '1980-01-01' });
    await core.signInAs('root', ['admin']);
    expect(await core.registry.invoke('cases.reassign', { fromClinicianId: 'user-dana', toClinicianId: 'user-lee' })).toEqual({
      ok: true,
      value: { moved: 3 },
    });
    expect(core.database.sqlite.prepare("SELECT count(*) FROM cases WHERE clinician_id = 'user-lee'").pluck().get()).toBe(3);
    expect(await core.registry.invoke('cases.reassign', { fromClinicianId: 'user-lee', toClinicianId: 'user-root' })).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'toClinicianId' }] },
    });
  });
});
