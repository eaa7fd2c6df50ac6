import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS, contract } from '../../../shared/contract';
import type { AuthStatus } from '../../../shared/contract/auth';
import type { Settings } from '../../../shared/contract/care';
import { makeCaseInput } from '../../factories/cases';
import { expectOk } from '../../support/seed';
import { makeTempDir } from '../../support/tempDir';
import { createTestCore, TEST_PASSWORD, type TestCore } from '../../support/testCore';
import { detailsOf, lastAuditRow, MINUTE, movableClock, type MovableClock } from '../support/auditTrail';

const SIGNED_IN_CHANNELS = CHANNELS.filter((channel) => contract[channel].access !== 'public');
/** The main process allows a minute past the window's own timer, so the window normally locks first and says why. */
const GRACE = MINUTE;

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;
let clock: MovableClock;

beforeEach(async () => {
  temp = makeTempDir('stepwise-sessions-');
  clock = movableClock();
  core = await createTestCore(temp.dir, { clock });
  await core.addUser('dana', ['clinician', 'supervisor'], 'Dana Reyes');
  await core.addUser('root', ['admin'], 'Robin Admin');
  core.close();
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

const signIn = (username: string, password = TEST_PASSWORD) => core.registry.invoke('auth.signIn', { username, password });
const status = async () => expectOk<AuthStatus>(await core.registry.invoke('auth.status', {}));
const listCases = () => core.registry.invoke('cases.list', {});

describe('after the session ends', () => {
  it.each([
    ['auth.signOut', {}],
    ['auth.lock', { reason: 'manual' }],
  ] as const)('every channel but the public ones answers "unauthenticated" after %s', async (channel, input) => {
    expectOk(await signIn('dana'));
    expectOk(await core.registry.invoke(channel, input));
    expect(core.vault.isOpen).toBe(false);
    expect(SIGNED_IN_CHANNELS.length).toBeGreaterThan(40);
    for (const each of SIGNED_IN_CHANNELS) {
      const result = await core.registry.invoke(each, {});
      expect({ channel: each, code: result.ok ? 'ok' : result.error.code }).toEqual({ channel: each, code: 'unauthenticated' });
    }
    expect(core.vault.isOpen).toBe(false);
    expect((await status()).user).toBeNull();
  });

  it('records a lock with its reason, and a sign-out without one', async () => {
    expectOk(await signIn('dana'));
    expectOk(await core.registry.invoke('auth.lock', { reason: 'manual' }));
    const locked = lastAuditRow(core);
    expect(locked).toMatchObject({ action: 'lock', user_id: 'user-dana', record_id: 'user-dana', outcome: 'ok' });
    expect(detailsOf(locked)).toEqual({ reason: 'manual' });
    expectOk(await signIn('dana'));
    expectOk(await core.registry.invoke('auth.signOut', {}));
    expect(lastAuditRow(core)).toMatchObject({ action: 'sign-out', user_id: 'user-dana', details: '{}' });
  });

  it('refuses a lock without a known reason', async () => {
    expectOk(await signIn('dana'));
    expect(await core.registry.invoke('auth.lock', { reason: 'bored' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: [{ path: 'reason', message: 'Say why the session locks: inactivity or manual.' }] },
    });
    expect(core.vault.isOpen).toBe(true);
  });
});

describe('the inactivity lock in the main process', () => {
  const IDLE_LIMIT = 10 * MINUTE + GRACE;

  beforeEach(async () => {
    expectOk(await signIn('dana'));
  });

  it('locks a session quiet past the auto-lock time plus a minute on its next call, and says why', async () => {
    clock.advance(IDLE_LIMIT);
    expect(await listCases()).toMatchObject({ ok: true });
    clock.advance(1);
    expect(await listCases()).toEqual({
      ok: false,
      error: { code: 'unauthenticated', message: expect.stringMatching(/^Stepwise locked after 10 minutes without activity\./) as unknown },
    });
    expect(core.vault.isOpen).toBe(false);
    expect((await status()).user).toBeNull();
    const locked = lastAuditRow(core);
    expect(locked).toMatchObject({ action: 'lock', user_id: 'user-dana', at: clock.now().toISOString() });
    expect(detailsOf(locked)).toEqual({ reason: 'inactivity' });
  });

  it('is applied by lockIfIdle, which leaves an active session alone', async () => {
    clock.advance(IDLE_LIMIT);
    expect(await core.lockIfIdle()).toBe(false);
    expect(core.vault.isOpen).toBe(true);
    clock.advance(1);
    expect(await core.lockIfIdle()).toBe(true);
    expect(core.vault.isOpen).toBe(false);
    expect(await listCases()).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(lastAuditRow(core)).toMatchObject({ action: 'lock', details: '{"reason":"inactivity"}' });
    expect(await core.lockIfIdle()).toBe(false);
  });

  it('is applied by a public call too: after the quiet spell, auth.status no longer reports the user', async () => {
    clock.advance(IDLE_LIMIT + 1);
    expect(await status()).toMatchObject({ user: null, autoLockMinutes: null });
    expect(core.vault.isOpen).toBe(false);
    expect(lastAuditRow(core)).toMatchObject({ action: 'lock', details: '{"reason":"inactivity"}' });
  });

  it('is held off by activity reports and by commands, but not by reads alone', async () => {
    for (let step = 0; step < 6; step += 1) {
      clock.advance(9 * MINUTE);
      expect(await core.registry.invoke('auth.activity', {})).toEqual({ ok: true, value: { autoLockMinutes: 10 } });
    }
    clock.advance(9 * MINUTE);
    expectOk(await core.registry.invoke('cases.create', makeCaseInput()));
    clock.advance(9 * MINUTE);
    expect(await core.lockIfIdle()).toBe(false);
    expect(await listCases()).toMatchObject({ ok: true });
    // Reads such as the caseload refreshing in the background do not count as the person being there.
    clock.advance(3 * MINUTE);
    expect(await listCases()).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});

describe('the auto-lock time', () => {
  beforeEach(async () => {
    expectOk(await signIn('root'));
  });

  it('is 10 minutes by default and reported by auth.status only to a signed-in user', async () => {
    expect(await status()).toMatchObject({ user: { username: 'root' }, autoLockMinutes: 10 });
    expectOk(await core.registry.invoke('auth.signOut', {}));
    expect(await status()).toMatchObject({ user: null, autoLockMinutes: null });
  });

  it.each([
    [0, 'The auto-lock time must be at least 1 minute.'],
    [61, 'The auto-lock time can be at most 60 minutes.'],
    [2.5, 'The auto-lock time must be a whole number of minutes.'],
    ['5', 'Enter the minutes without activity before Stepwise locks.'],
  ])('refuses %s minutes with a clear message beside the field', async (minutes, message) => {
    const result = await core.registry.invoke('settings.update', { autoLockMinutes: minutes });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ path: 'autoLockMinutes', message }] } });
    expect(expectOk<Settings>(await core.registry.invoke('settings.get', {})).autoLockMinutes).toBe(10);
  });

  it('is changed by an administrator, applies to the session at once and to later sign-ins', async () => {
    for (const minutes of [1, 60, 5]) {
      expect(await core.registry.invoke('settings.update', { autoLockMinutes: minutes })).toMatchObject({
        ok: true,
        value: { autoLockMinutes: minutes },
      });
    }
    expect((await status()).autoLockMinutes).toBe(5);
    expect(lastAuditRow(core)).toMatchObject({ action: 'settings-changed', user_id: 'user-root', details: '{"autoLockMinutes":5}' });

    clock.advance(5 * MINUTE + GRACE + 1);
    expect(await core.registry.invoke('settings.get', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated', message: expect.stringMatching(/locked after 5 minutes/) as unknown },
    });
    expectOk(await signIn('dana'));
    expect(await status()).toMatchObject({ user: { username: 'dana' }, autoLockMinutes: 5 });
    expect(await core.registry.invoke('auth.activity', {})).toEqual({ ok: true, value: { autoLockMinutes: 5 } });
  });

  it('of one minute is named in the singular when it locks', async () => {
    expectOk(await core.registry.invoke('settings.update', { autoLockMinutes: 1 }));
    clock.advance(MINUTE + GRACE + 1);
    expect(await core.registry.invoke('settings.get', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated', message: 'Stepwise locked after 1 minute without activity. Sign in again.' },
    });
  });

  it('cannot be changed by anyone but an administrator', async () => {
    expectOk(await core.registry.invoke('auth.signOut', {}));
    expectOk(await signIn('dana'));
    expect(await core.registry.invoke('settings.update', { autoLockMinutes: 60 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await status()).autoLockMinutes).toBe(10);
  });
});

describe('failed sign-ins', () => {
  const waitIn = (result: Awaited<ReturnType<typeof signIn>>): number => {
    if (result.ok) throw new Error('the sign-in should have failed');
    return Number(/wait (\d+) seconds/.exec(result.error.message)?.[1] ?? 0);
  };

  it('make each attempt after the third wait longer than the one before', async () => {
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt += 1) {
      const wait = waitIn(await signIn('dana', `wrong password ${attempt}`));
      waits.push(wait);
      clock.advance(wait * 1000 + 1);
    }
    expect(waits.slice(0, 2)).toEqual([0, 0]);
    for (let index = 3; index < waits.length; index += 1) expect(waits[index]).toBeGreaterThan(waits[index - 1] ?? Infinity);
    expect(waits[2]).toBeGreaterThan(0);
    expectOk(await signIn('dana'));
  });
});
