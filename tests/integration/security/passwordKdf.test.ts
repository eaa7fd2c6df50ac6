import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVault } from '../../../electron/core/vault';
import { KEYRING_FILE_NAME, PASSWORD_KDF, readKeyring, type PasswordKdfCost } from '../../../electron/security/keyring';
import { expectOk } from '../../support/seed';
import { createTestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';

const ADMIN = { username: 'admin', displayName: 'Alex Admin', password: 'first admin password', alsoClinician: false, alsoSupervisor: false };
/** What the first encryption release wrapped with: OWASP's minimum, too cheap against an offline attack. */
const FIRST_RELEASE_KDF: PasswordKdfCost = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

let temp: ReturnType<typeof makeTempDir>;
let keyringFile: string;
beforeEach(() => {
  temp = makeTempDir();
  keyringFile = path.join(temp.dir, KEYRING_FILE_NAME);
});
afterEach(() => temp.cleanup());

const adminEntry = () => readKeyring(keyringFile)?.users.find((entry) => entry.username === 'admin');

async function setUpWith(cost: PasswordKdfCost): Promise<void> {
  const core = await createTestCore(temp.dir, { passwordKdf: cost });
  expectOk(await core.registry.invoke('auth.setupAdmin', ADMIN));
  core.close();
}

describe('the cost of turning a password into a key', () => {
  it('is 64 MiB and 3 passes of Argon2id in the app, which no option of the app lowers', () => {
    expect(PASSWORD_KDF).toEqual({ memoryCost: 65_536, timeCost: 3, parallelism: 1 });
    expect(createVault(temp.dir).passwordKdf).toBe(PASSWORD_KDF);
  });

  it('is what setup writes into the key file at the production cost', async () => {
    await setUpWith(PASSWORD_KDF);
    expect(adminEntry()?.kdf).toMatchObject(PASSWORD_KDF);
  });

  it('is raised for an entry wrapped with less at its next sign-in, which then keeps working', async () => {
    await setUpWith(FIRST_RELEASE_KDF);
    const before = adminEntry();
    expect(before?.kdf).toMatchObject(FIRST_RELEASE_KDF);
    const core = await createTestCore(temp.dir, { passwordKdf: PASSWORD_KDF });
    try {
      expect(await core.registry.invoke('auth.signIn', { username: 'admin', password: ADMIN.password })).toMatchObject({ ok: true });
      const after = adminEntry();
      expect(after?.kdf).toMatchObject(PASSWORD_KDF);
      expect(after?.kdf.salt).not.toBe(before?.kdf.salt);
      expect(after?.failedSignIns).toBe(0);
      await core.registry.invoke('auth.signOut', {});
      expect(await core.registry.invoke('auth.signIn', { username: 'admin', password: ADMIN.password })).toMatchObject({ ok: true });
      // Already at the current cost: not wrapped again.
      expect(adminEntry()?.wrapped).toEqual(after?.wrapped);
    } finally {
      core.close();
    }
  });

  it.each([
    ['1 GiB of memory', { memoryCost: 1_048_576 }],
    ['20 passes', { timeCost: 20 }],
    ['16 lanes', { parallelism: 16 }],
  ])('refuses a key file asking for %s as damaged, at once, without running Argon2', async (_label, tampered) => {
    await setUpWith(FIRST_RELEASE_KDF);
    const keyring = JSON.parse(fs.readFileSync(keyringFile, 'utf8')) as { users: { kdf: Record<string, unknown> }[] };
    Object.assign(keyring.users[0]?.kdf ?? {}, tampered);
    fs.writeFileSync(keyringFile, JSON.stringify(keyring));
    const core = await createTestCore(temp.dir, { passwordKdf: PASSWORD_KDF });
    try {
      const started = performance.now();
      const result = await core.registry.invoke('auth.signIn', { username: 'admin', password: ADMIN.password });
      expect(performance.now() - started).toBeLessThan(1000);
      expect(result).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/damaged/) as unknown } });
    } finally {
      core.close();
    }
  });
});
