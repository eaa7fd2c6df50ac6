import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/contract/result';
import { toIsoDate } from '../../../shared/domain/dates';
import { DATABASE_FILE_NAME, databaseFileState, openDatabase } from '../../../electron/db/openDatabase';
import type { Clock } from '../../../electron/services/context';
import { addLegacyUser, seedPlaintextDatabase } from '../../support/plaintextDatabase';
import { createTestCore, TEST_PASSWORD, type TestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore | undefined;
let now: Date;
const clock: Clock = { now: () => new Date(now.getTime()), today: () => toIsoDate(now) };

beforeEach(() => {
  now = new Date('2026-11-29T10:00:00Z');
  temp = makeTempDir();
});
afterEach(() => {
  core?.close();
  temp.cleanup();
});

const signIn = (username: string, password: string): Promise<Result<unknown>> => {
  if (!core) throw new Error('no core');
  return core.registry.invoke('auth.signIn', { username, password });
};

/** 50 wrong guesses fired at once, then the right password as the 51st, all without waiting for each other. */
async function burst(username: string, rightPassword: string): Promise<Result<unknown>[]> {
  const guesses = Array.from({ length: 51 }, (_, index) => (index === 50 ? rightPassword : `guess number ${index}`));
  return Promise.all(guesses.map((password) => signIn(username, password)));
}

function tally(results: readonly Result<unknown>[]): { tried: number; refused: number; succeeded: number } {
  const codes = results.map((result) => (result.ok ? 'ok' : result.error.code));
  return {
    tried: codes.filter((code) => code === 'invalid_input').length,
    refused: codes.filter((code) => code === 'forbidden').length,
    succeeded: codes.filter((code) => code === 'ok').length,
  };
}

describe('sign-in attempts made in parallel', () => {
  it('are counted one after another in the key file, so the throttle holds against a burst', async () => {
    core = await createTestCore(temp.dir, { clock });
    await core.addUser('dana', ['clinician']);
    const results = await burst('dana', TEST_PASSWORD);
    // Three free attempts are tried; from then on every attempt waits, the right password included.
    expect(tally(results)).toEqual({ tried: 3, refused: 48, succeeded: 0 });
    expect(results[50]).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Too many failed attempts/) as unknown } });
    const entry = core.vault.keyring()?.users.find((candidate) => candidate.username === 'dana');
    expect(entry?.failedSignIns).toBe(3);
    expect(entry?.lockedUntil).toBe('2026-11-29T10:00:05.000Z');
    expect(core.session.user).toBeNull();

    now = new Date('2026-11-29T10:00:06Z');
    expect(await signIn('dana', TEST_PASSWORD)).toMatchObject({ ok: true });
    expect(core.vault.keyring()?.users.find((candidate) => candidate.username === 'dana')?.failedSignIns).toBe(0);
  });

  it('are counted one after another in a plaintext database from an earlier version too', async () => {
    const file = path.join(temp.dir, DATABASE_FILE_NAME);
    seedPlaintextDatabase(file, 10);
    await addLegacyUser(file, 'root', ['admin'], 'legacy password 1');
    core = await createTestCore(temp.dir, { clock });

    const results = await burst('root', 'legacy password 1');
    expect(tally(results)).toEqual({ tried: 3, refused: 48, succeeded: 0 });
    expect(databaseFileState(file)).toBe('plaintext');
    const check = openDatabase({ file, readonly: true });
    expect(check.sqlite.prepare("SELECT failed_sign_ins, locked_until FROM users WHERE id = 'user-root'").get()).toEqual({
      failed_sign_ins: 3,
      locked_until: '2026-11-29T10:00:05.000Z',
    });
    check.close();

    now = new Date('2026-11-29T10:00:06Z');
    expect(await signIn('root', 'legacy password 1')).toMatchObject({ ok: true });
    expect(databaseFileState(file)).toBe('encrypted');
  });
});
