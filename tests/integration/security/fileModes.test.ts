import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../../electron/db/openDatabase';
import { createFileLogger } from '../../../electron/log/logger';
import { expectOk } from '../../support/seed';
import { addLegacyUser, seedPlaintextDatabase } from '../../support/plaintextDatabase';
import { createTestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';
import { makeCaseInput } from '../../factories/cases';

const ADMIN = { username: 'admin', displayName: 'Alex Admin', password: 'first admin password', alsoClinician: true, alsoSupervisor: false };

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.cleanup());

const modeOf = (file: string): string => (fs.statSync(file).mode & 0o777).toString(8);

function modesIn(folder: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(folder)
      .filter((name) => fs.statSync(path.join(folder, name)).isFile())
      .map((name) => [name, modeOf(path.join(folder, name))]),
  );
}

// Windows has no POSIX permission bits; there the folder's ACL, inherited from the user profile, applies.
describe.skipIf(process.platform === 'win32')('permissions of what Stepwise creates (POSIX mode bits: skipped on Windows, which has none)', () => {
  it('makes a new data folder owner-only, and the database, its WAL, shared memory and key file too', async () => {
    const dataDir = path.join(temp.dir, 'new', 'Stepwise');
    const core = await createTestCore(dataDir);
    try {
      expectOk(await core.registry.invoke('auth.setupAdmin', ADMIN));
      expectOk(await core.registry.invoke('cases.create', makeCaseInput()));
      expect(modeOf(dataDir)).toBe('700');
      const modes = modesIn(dataDir);
      expect(Object.keys(modes)).toEqual(
        expect.arrayContaining([DATABASE_FILE_NAME, `${DATABASE_FILE_NAME}-wal`, `${DATABASE_FILE_NAME}-shm`, 'stepwise.keys.json']),
      );
      expect(Object.entries(modes).filter(([, mode]) => mode !== '600')).toEqual([]);
    } finally {
      core.close();
    }
  });

  it('leaves an older database that it encrypts owner-only', async () => {
    const file = path.join(temp.dir, DATABASE_FILE_NAME);
    seedPlaintextDatabase(file, 10);
    await addLegacyUser(file, 'root', ['admin'], 'legacy password 1');
    fs.chmodSync(file, 0o644);
    const core = await createTestCore(temp.dir);
    try {
      expectOk(await core.registry.invoke('auth.signIn', { username: 'root', password: 'legacy password 1' }));
      expect(modesIn(temp.dir)).toMatchObject({ [DATABASE_FILE_NAME]: '600', 'stepwise.keys.json': '600' });
    } finally {
      core.close();
    }
  });

  it('creates the log folder owner-only and the log file owner-only', () => {
    const logFile = path.join(temp.dir, 'fresh', 'logs', 'stepwise.log');
    createFileLogger(logFile).info('Stepwise started');
    expect(modeOf(path.dirname(logFile))).toBe('700');
    expect(modeOf(path.join(temp.dir, 'fresh'))).toBe('700');
    expect(modeOf(logFile)).toBe('600');
  });
});
