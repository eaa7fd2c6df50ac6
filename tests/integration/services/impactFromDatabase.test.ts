import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { impactFromDatabase } from '../../../electron/cli/impactFromDatabase';
import { DATABASE_FILE_NAME, STEPWISE_APPLICATION_ID } from '../../../electron/db/openDatabase';
import { migrate } from '../../../electron/db/migrate';
import { MIGRATIONS } from '../../../electron/db/migrations';
import { DEMO_CASELOAD_SIZE } from '../../../shared/synthetic/demo';
import { createTestCore, TEST_PASSWORD } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.cleanup());

const bytesOf = (file: string) => fs.readFileSync(file).toString('base64');

describe('evaluate --impact <version> --data-dir <folder>', () => {
  it('replays the stored assessments read-only and prints the report', async () => {
    const core = await createTestCore(temp.dir);
    await core.signInAs('admin', ['admin']);
    await core.registry.invoke('demo.load', {});
    core.close();
    const file = path.join(temp.dir, DATABASE_FILE_NAME);
    const before = bytesOf(file);
    const outcome = await impactFromDatabase(['--impact', '2026.1', '--data-dir', temp.dir, '--user', 'admin'], '/', {
      STEPWISE_PASSWORD: TEST_PASSWORD,
    });
    expect(outcome.exitCode).toBe(0);
    expect(JSON.parse(outcome.stdout)).toEqual({ targetVersion: '2026.1', evaluated: DEMO_CASELOAD_SIZE, changes: [] });
    expect(bytesOf(file)).toBe(before);
  });

  it('resolves a relative --data-dir against the folder the command was typed in', async () => {
    const core = await createTestCore(temp.dir);
    await core.addUser('sam', ['supervisor']);
    core.close();
    const outcome = await impactFromDatabase(['--data-dir', path.basename(temp.dir), '--impact=2026.1', '--user=sam'], path.dirname(temp.dir), {
      STEPWISE_PASSWORD: TEST_PASSWORD,
    });
    expect(outcome.exitCode).toBe(0);
  });

  it.each([
    [['--impact', '2026.1', '--data-dir', '/nowhere/at/all'], /no Stepwise database at \/nowhere\/at\/all/],
    [['--data-dir', '/tmp'], /Give the ruleset version/],
    [['--impact', '2026.1', '--data-dir'], /--data-dir needs a folder/],
  ])('refuses %j with one line on stderr and exit 2', async (argv, message) => {
    const outcome = await impactFromDatabase(argv, '/');
    expect(outcome).toMatchObject({ stdout: '', exitCode: 2 });
    expect(outcome.stderr).toMatch(message);
    expect(outcome.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('names an unreleased version', async () => {
    const core = await createTestCore(temp.dir);
    await core.addUser('sam', ['supervisor']);
    core.close();
    const outcome = await impactFromDatabase(['--impact', '1999.1', '--data-dir', temp.dir, '--user', 'sam'], '/', {
      STEPWISE_PASSWORD: TEST_PASSWORD,
    });
    expect(outcome).toMatchObject({ exitCode: 2, stderr: 'Ruleset version "1999.1" is not a released version.\n' });
  });

  it('opens an encrypted database only with a supervisor or administrator password from the environment', async () => {
    const core = await createTestCore(temp.dir);
    await core.addUser('dana', ['clinician']);
    core.close();
    expect((await impactFromDatabase(['--impact', '2026.1', '--data-dir', temp.dir], '/', {})).stderr).toMatch(
      /encrypted: give --user and set STEPWISE_PASSWORD/,
    );
    expect(
      (await impactFromDatabase(['--impact', '2026.1', '--data-dir', temp.dir, '--user', 'dana'], '/', { STEPWISE_PASSWORD: 'wrong' })).stderr,
    ).toMatch(/not correct\. Nothing was opened/);
    expect(
      (await impactFromDatabase(['--impact', '2026.1', '--data-dir', temp.dir, '--user', 'dana'], '/', { STEPWISE_PASSWORD: TEST_PASSWORD })).stderr,
    ).toMatch(/supervisors and administrators/);
  });

  it('does not upgrade an older database; it asks for the app to open it first', async () => {
    const file = path.join(temp.dir, DATABASE_FILE_NAME);
    const old = new Database(file);
    migrate(old, STEPWISE_APPLICATION_ID, MIGRATIONS.slice(0, 1));
    old.close();
    const before = bytesOf(file);
    const outcome = await impactFromDatabase(['--impact', '2026.1', '--data-dir', temp.dir, '--user', 'admin'], '/', {
      STEPWISE_PASSWORD: TEST_PASSWORD,
    });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.stderr).toMatch(/needs upgrading .* open it once in Stepwise first/);
    expect(bytesOf(file)).toBe(before);
  });
});
