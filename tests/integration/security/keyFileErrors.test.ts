import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/contract/result';
import { KEYRING_FILE_NAME } from '../../../electron/security/keyring';
import { expectOk } from '../../support/seed';
import { createTestCore, type TestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';

const ADMIN = { username: 'admin', displayName: 'Alex Admin', password: 'first admin password', alsoClinician: false, alsoSupervisor: false };

let temp: ReturnType<typeof makeTempDir>;
let keyringFile: string;
let core: TestCore;
beforeEach(async () => {
  temp = makeTempDir();
  keyringFile = path.join(temp.dir, KEYRING_FILE_NAME);
  core = await createTestCore(temp.dir);
  expectOk(await core.registry.invoke('auth.setupAdmin', ADMIN));
  await core.registry.invoke('auth.signOut', {});
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

const signIn = (): Promise<Result<unknown>> => core.registry.invoke('auth.signIn', { username: 'admin', password: ADMIN.password });

function editKeyring(
  change: (keyring: { databaseId: string; users: { kdf: { salt: string }; wrapped: { tag: string; iv: string } }[] }) => void,
): void {
  const keyring = JSON.parse(fs.readFileSync(keyringFile, 'utf8')) as Parameters<typeof change>[0];
  change(keyring);
  fs.writeFileSync(keyringFile, JSON.stringify(keyring));
}

/** What the sign-in screen is told, which must never include where the data folder is. */
function expectUnavailableWithoutPath(result: Result<unknown>, message: RegExp): void {
  expect(result).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(message) as unknown } });
  const text = JSON.stringify(result);
  expect(text).not.toContain(temp.dir);
  expect(text).not.toMatch(/\/(tmp|home|Users)\//);
}

describe('key file problems at the sign-in screen', () => {
  it('names a damaged key file without its full path', async () => {
    fs.writeFileSync(keyringFile, '{');
    expectUnavailableWithoutPath(await signIn(), /^The key file stepwise\.keys\.json is damaged/);
  });

  it('names an unreadable key file without its full path', async () => {
    fs.rmSync(keyringFile);
    fs.mkdirSync(keyringFile);
    expectUnavailableWithoutPath(await signIn(), /^Stepwise cannot read its key file stepwise\.keys\.json/);
  });

  it('says so in words when the key file belongs to another database', async () => {
    const other = makeTempDir();
    const otherCore = await createTestCore(other.dir);
    try {
      expectOk(await otherCore.registry.invoke('auth.setupAdmin', ADMIN));
      otherCore.close();
      fs.copyFileSync(path.join(other.dir, KEYRING_FILE_NAME), keyringFile);
      expectUnavailableWithoutPath(await signIn(), /belongs to another Stepwise database/);
      expect(core.vault.isOpen).toBe(false);
      expect(core.vault.keyring()?.users[0]?.failedSignIns).toBe(0);
    } finally {
      otherCore.close();
      other.cleanup();
    }
  });

  it('treats a salt shorter than Argon2 accepts as a damaged key file, not an internal error', async () => {
    editKeyring((keyring) => {
      const entry = keyring.users[0];
      if (entry) entry.kdf.salt = 'AAAA';
    });
    expectUnavailableWithoutPath(await signIn(), /damaged/);
  });

  it.each([
    ['a truncated authentication tag', (entry: { wrapped: { tag: string; iv: string } }) => (entry.wrapped.tag = entry.wrapped.tag.slice(0, 12))],
    ['a nonce of the wrong length', (entry: { wrapped: { tag: string; iv: string } }) => (entry.wrapped.iv = Buffer.alloc(16).toString('base64'))],
  ])('treats %s as a damaged key file', async (_label, damage) => {
    editKeyring((keyring) => {
      const entry = keyring.users[0];
      if (entry) damage(entry);
    });
    expectUnavailableWithoutPath(await signIn(), /damaged/);
  });
});
