import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVault } from '../../../electron/core/vault';
import { ENCRYPTING_SUFFIX, encryptExistingDatabase, type EncryptionStep } from '../../../electron/db/encryptExisting';
import { DATABASE_FILE_NAME, databaseFileState } from '../../../electron/db/openDatabase';
import { createKeyring, KEYRING_FILE_NAME, readKeyring, unwrapForUser } from '../../../electron/security/keyring';
import { expectOk } from '../../support/seed';
import { seedPlaintextDatabase } from '../../support/plaintextDatabase';
import { createTestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';

const ADMIN = { username: 'admin', displayName: 'Alex Admin', password: 'first admin password', alsoClinician: true, alsoSupervisor: false };

let temp: ReturnType<typeof makeTempDir>;
let databaseFile: string;
let keyringFile: string;
beforeEach(() => {
  temp = makeTempDir();
  databaseFile = path.join(temp.dir, DATABASE_FILE_NAME);
  keyringFile = path.join(temp.dir, KEYRING_FILE_NAME);
});
afterEach(() => temp.cleanup());

/** A data folder as an administrator leaves it: encrypted database, key file, nobody signed in. */
async function encryptedFolder(dir = temp.dir): Promise<void> {
  const core = await createTestCore(dir);
  expectOk(await core.registry.invoke('auth.setupAdmin', ADMIN));
  core.close();
}

function moveDatabaseAway(): void {
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(`${databaseFile}${suffix}`)) fs.renameSync(`${databaseFile}${suffix}`, path.join(temp.dir, `moved${suffix}`));
  }
}

async function startError(): Promise<string> {
  try {
    const core = await createTestCore(temp.dir);
    core.close();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected Stepwise to refuse the data folder');
}

describe('a key file beside something that is not its encrypted database', () => {
  it('is kept byte for byte when an unencrypted Stepwise database is put in place, with a clear message', async () => {
    await encryptedFolder();
    const keyBytes = fs.readFileSync(keyringFile);
    moveDatabaseAway();
    seedPlaintextDatabase(databaseFile, 10);
    expect(await startError()).toMatch(/is not encrypted, but the key file stepwise\.keys\.json beside it belongs to an encrypted database/);
    expect(await startError()).toMatch(/Stepwise changed nothing/);
    expect(fs.readFileSync(keyringFile).equals(keyBytes)).toBe(true);
    expect(databaseFileState(databaseFile)).toBe('plaintext');
  });

  it('is kept byte for byte when a SQLite file from another program is put in place', async () => {
    await encryptedFolder();
    const keyBytes = fs.readFileSync(keyringFile);
    moveDatabaseAway();
    const foreign = new Database(databaseFile);
    foreign.exec('CREATE TABLE t (x)');
    foreign.close();
    expect(await startError()).toMatch(/not encrypted, but the key file/);
    expect(fs.readFileSync(keyringFile).equals(keyBytes)).toBe(true);
    expect(fs.readdirSync(temp.dir).filter((name) => name.startsWith(KEYRING_FILE_NAME))).toEqual([KEYRING_FILE_NAME]);
  });
});

describe('a database file with no key file beside it', () => {
  const NEITHER = /^stepwise\.db in .* is not a plaintext SQLite database, and there is no key file stepwise\.keys\.json beside it/;

  it('when it is encrypted and its key file is gone: says the key file may be missing', async () => {
    await encryptedFolder();
    const databaseBytes = fs.readFileSync(databaseFile);
    fs.renameSync(keyringFile, path.join(temp.dir, 'moved.keys.json'));
    const message = await startError();
    expect(message).toMatch(NEITHER);
    expect(message).toMatch(/an encrypted Stepwise database whose key file is missing: restore stepwise\.keys\.json from a backup/);
    expect(fs.readFileSync(databaseFile).equals(databaseBytes)).toBe(true);
  });

  it('when it is not a database at all (a CSV saved under its name): does not claim it is encrypted, and leaves it as it was', async () => {
    const csv = 'mrn,full_name,date_of_birth\nM-1,Jane Example,1980-01-01\n';
    fs.writeFileSync(databaseFile, csv);
    const message = await startError();
    expect(message).toMatch(NEITHER);
    expect(message).toMatch(/not a Stepwise database at all, or it is damaged: restore the database from a backup, or choose another data folder/);
    expect(message).toMatch(/Stepwise changed nothing\.$/);
    expect(fs.readFileSync(databaseFile, 'utf8')).toBe(csv);
    expect(fs.readdirSync(temp.dir)).toEqual([DATABASE_FILE_NAME]);
  });
});

describe('an encryption interrupted after its keyring was written', () => {
  async function encryptUntil(step: EncryptionStep): Promise<void> {
    seedPlaintextDatabase(databaseFile, 50);
    const { keyring, dataKey } = await createKeyring({ userId: 'user-admin', username: 'admin' }, 'crash test password');
    expect(() =>
      encryptExistingDatabase(databaseFile, keyringFile, keyring, dataKey, (reached) => {
        if (reached === step) throw new Error(`stopped at ${step}`);
      }),
    ).toThrow(`stopped at ${step}`);
  }

  it('before the swap: is undone at start-up, and its keyring is set aside under a dated name, not deleted', async () => {
    await encryptUntil('keyring-written');
    const pendingBytes = fs.readFileSync(`${keyringFile}${ENCRYPTING_SUFFIX}`);
    const vault = createVault(temp.dir);
    expect(vault.state()).toBe('legacy-plaintext');
    expect(vault.startupNotes.join(' ')).toMatch(/Undid an interrupted encryption/);
    const setAside = fs.readdirSync(temp.dir).filter((name) => name.startsWith(`${KEYRING_FILE_NAME}${ENCRYPTING_SUFFIX}.set-aside-`));
    expect(setAside).toHaveLength(1);
    expect(fs.readFileSync(path.join(temp.dir, setAside[0] ?? '')).equals(pendingBytes)).toBe(true);
    expect(fs.existsSync(`${databaseFile}${ENCRYPTING_SUFFIX}`)).toBe(false);
  });

  it('after the swap: is finished at start-up by putting its keyring in place', async () => {
    await encryptUntil('swapped');
    expect(fs.existsSync(keyringFile)).toBe(false);
    const vault = createVault(temp.dir);
    expect(vault.state()).toBe('encrypted');
    const keyring = readKeyring(keyringFile);
    const entry = keyring?.users[0];
    const key = keyring && entry ? await unwrapForUser(keyring, entry, 'crash test password') : null;
    expect(
      vault
        .openEncrypted(key ?? Buffer.alloc(32))
        .sqlite.prepare('SELECT count(*) FROM cases')
        .pluck()
        .get(),
    ).toBe(51);
    vault.close();
  });

  it('after the swap, beside another key file: keeps the key file in use and sets the other aside', async () => {
    await encryptUntil('swapped');
    fs.writeFileSync(keyringFile, '{"not":"the migration keyring"}');
    createVault(temp.dir);
    expect(fs.readFileSync(keyringFile, 'utf8')).toBe('{"not":"the migration keyring"}');
    expect(fs.readdirSync(temp.dir).some((name) => name.startsWith(`${KEYRING_FILE_NAME}${ENCRYPTING_SUFFIX}.set-aside-`))).toBe(true);
  });
});

describe('first start beside an existing key file', () => {
  it('refuses to start with a clear message when the database is missing, and never offers setup', async () => {
    await encryptedFolder();
    const keyBytes = fs.readFileSync(keyringFile);
    moveDatabaseAway();
    expect(await startError()).toMatch(/^The key file is here but the database is missing: restore stepwise\.db from a backup/);
    fs.writeFileSync(databaseFile, '');
    expect(await startError()).toMatch(/^The key file is here but the database is missing/);
    expect(fs.readFileSync(keyringFile).equals(keyBytes)).toBe(true);
  });

  it('never replaces the key file, even when the database disappears while Stepwise runs', async () => {
    const core = await createTestCore(temp.dir);
    expectOk(await core.registry.invoke('auth.setupAdmin', ADMIN));
    await core.registry.invoke('auth.signOut', {});
    const keyBytes = fs.readFileSync(keyringFile);
    moveDatabaseAway();
    expect(await core.registry.invoke('auth.status', {})).toMatchObject({ ok: false });
    expect(await core.registry.invoke('auth.setupAdmin', { ...ADMIN, username: 'mallory' })).toMatchObject({ ok: false });
    expect(fs.readFileSync(keyringFile).equals(keyBytes)).toBe(true);
    expect(databaseFileState(databaseFile)).toBe('missing');
    core.close();
  });

  it('puts a pending first-start database in place only when it belongs with the key file', async () => {
    await encryptedFolder();
    const { databaseId } = readKeyring(keyringFile) ?? { databaseId: '' };
    // A crash after the key file was written and before the rename leaves the database under its pending name.
    fs.renameSync(databaseFile, path.join(temp.dir, `${DATABASE_FILE_NAME}.setup-${databaseId}`));
    const core = await createTestCore(temp.dir);
    expect(await core.registry.invoke('auth.signIn', { username: 'admin', password: ADMIN.password })).toMatchObject({ ok: true });
    core.close();
  });

  it('leaves a pending first-start database from another keyring where it is, and says the database is missing', async () => {
    const other = makeTempDir();
    try {
      await encryptedFolder(other.dir);
      await encryptedFolder();
      const ours = readKeyring(keyringFile)?.databaseId ?? '';
      const theirs = readKeyring(path.join(other.dir, KEYRING_FILE_NAME))?.databaseId ?? '';
      const pending = path.join(temp.dir, `${DATABASE_FILE_NAME}.setup-${theirs}`);
      fs.renameSync(path.join(other.dir, DATABASE_FILE_NAME), pending);
      fs.rmSync(databaseFile);
      expect(ours).not.toBe(theirs);
      expect(await startError()).toMatch(/^The key file is here but the database is missing/);
      expect(fs.existsSync(pending)).toBe(true);
      expect(fs.existsSync(databaseFile)).toBe(false);
    } finally {
      other.cleanup();
    }
  });

  it('removes a pending first-start database whose key file was never written, so setup simply runs again', async () => {
    await encryptedFolder();
    fs.renameSync(databaseFile, path.join(temp.dir, `${DATABASE_FILE_NAME}.setup-lost`));
    fs.rmSync(keyringFile);
    const core = await createTestCore(temp.dir);
    expect(await core.registry.invoke('auth.status', {})).toMatchObject({ ok: true, value: { setupRequired: true } });
    expect(fs.readdirSync(temp.dir).filter((name) => name.includes('.setup'))).toEqual([]);
    core.close();
  });
});
