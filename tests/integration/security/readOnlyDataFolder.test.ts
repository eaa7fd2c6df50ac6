import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../shared/contract/result';
import { DatabaseOpenError } from '../../../electron/db/errors';
import { DATABASE_FILE_NAME } from '../../../electron/db/openDatabase';
import { KEYRING_FILE_NAME } from '../../../electron/security/keyring';
import { expectOk } from '../../support/seed';
import { createTestCore, type TestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';

/**
 * Root (which runs CI) may write anywhere chmod forbids, so a read-only folder is played by the file system: it
 * answers EROFS, as a read-only mount does, for writes to the paths named here. /proc/sys stands for a real one.
 */
const readOnly = vi.hoisted(() => ({ folder: null as string | null, keyFile: null as string | null }));

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>();
  const refused = (call: string, file: fs.PathLike): Error =>
    Object.assign(new Error(`EROFS: read-only file system, ${call} '${String(file)}'`), { code: 'EROFS' });
  const accessSync: typeof actual.accessSync = (file, mode) => {
    if (readOnly.folder !== null && String(file) === readOnly.folder && ((mode ?? 0) & actual.constants.W_OK) !== 0) {
      throw refused('access', file);
    }
    actual.accessSync(file, mode);
  };
  const openSync: typeof actual.openSync = (file, flags, mode) => {
    if (readOnly.keyFile !== null && String(file).startsWith(readOnly.keyFile) && flags !== 'r') throw refused('open', file);
    return actual.openSync(file, flags, mode);
  };
  const withHooks = { ...actual, accessSync, openSync };
  return { ...withHooks, default: withHooks };
});

const ADMIN = { username: 'admin', displayName: 'Alex Admin', password: 'first admin password', alsoClinician: false, alsoSupervisor: false };

let temp: ReturnType<typeof makeTempDir>;
let keyringFile: string;
let core: TestCore | undefined;
beforeEach(() => {
  temp = makeTempDir();
  keyringFile = path.join(temp.dir, KEYRING_FILE_NAME);
});
afterEach(() => {
  readOnly.folder = null;
  readOnly.keyFile = null;
  core?.close();
  core = undefined;
  temp.cleanup();
});

async function startError(dataDir: string): Promise<DatabaseOpenError> {
  try {
    (await createTestCore(dataDir)).close();
  } catch (error) {
    if (error instanceof DatabaseOpenError) return error;
    throw error;
  }
  throw new Error('expected Stepwise to refuse the data folder');
}

/** What the screen is told: in words, never where the data folder is. */
function expectUnavailable(result: Result<unknown>, message: RegExp): void {
  expect(result).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(message) as unknown } });
  expect(JSON.stringify(result)).not.toContain(temp.dir);
}

describe('a data folder Stepwise cannot write to', () => {
  it('is refused at start, naming the folder, when not even root may write there', async () => {
    const error = await startError('/proc/sys');
    expect(error.problem).toBe('unwritable');
    expect(error.message).toMatch(/^Stepwise cannot write to its data folder \/proc\/sys\. .*--data-dir/);
  });

  it('is refused at start when its mode bits allow writing but creating a file is refused (as Windows ACLs can)', async () => {
    readOnly.keyFile = temp.dir;
    const error = await startError(temp.dir);
    expect(error.problem).toBe('unwritable');
    expect(error.message).toContain(`cannot write to its data folder ${temp.dir}`);
    expect(fs.readdirSync(temp.dir)).toEqual([]);
  });

  it('is refused at start when the file system is read-only, and nothing is written into it', async () => {
    readOnly.folder = temp.dir;
    const error = await startError(temp.dir);
    expect(error.problem).toBe('unwritable');
    expect(error.message).toContain(`cannot write to its data folder ${temp.dir}`);
    expect(fs.readdirSync(temp.dir)).toEqual([]);
  });

  it('turned read-only after start: the administrator setup says so and leaves the folder empty', async () => {
    core = await createTestCore(temp.dir);
    readOnly.folder = temp.dir;
    expectUnavailable(
      await core.registry.invoke('auth.setupAdmin', ADMIN),
      /^Stepwise cannot write to its data folder, so it cannot open stepwise\.db/,
    );
    expect(fs.readdirSync(temp.dir)).toEqual([]);
  });
});

describe('a key file Stepwise cannot write', () => {
  it('at sign-in: says so, opens nothing and leaves the key file as it was', async () => {
    core = await createTestCore(temp.dir);
    expectOk(await core.registry.invoke('auth.setupAdmin', ADMIN));
    await core.registry.invoke('auth.signOut', {});
    const keyBytes = fs.readFileSync(keyringFile);
    readOnly.keyFile = keyringFile;
    expectUnavailable(
      await core.registry.invoke('auth.signIn', { username: 'admin', password: ADMIN.password }),
      /^Stepwise cannot write its key file stepwise\.keys\.json: .*read-only.* The key file was left as it was/,
    );
    expect(core.vault.isOpen).toBe(false);
    expect(fs.readFileSync(keyringFile).equals(keyBytes)).toBe(true);
  });

  it('at first setup: says so and leaves no database behind, so setup can run again', async () => {
    core = await createTestCore(temp.dir);
    readOnly.keyFile = keyringFile;
    expectUnavailable(await core.registry.invoke('auth.setupAdmin', ADMIN), /^Stepwise cannot write its key file stepwise\.keys\.json/);
    expect(fs.readdirSync(temp.dir).filter((name) => name.startsWith(DATABASE_FILE_NAME) || name.startsWith(KEYRING_FILE_NAME))).toEqual([]);
    readOnly.keyFile = null;
    expectOk(await core.registry.invoke('auth.setupAdmin', ADMIN));
  });
});
