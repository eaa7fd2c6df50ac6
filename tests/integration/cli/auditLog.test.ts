import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeCaseInput } from '../../factories/cases';
import { expectOk } from '../../support/seed';
import { makeTempDir } from '../../support/tempDir';
import { createTestCore, TEST_PASSWORD, type TestCore } from '../../support/testCore';
import { auditRows, dropAuditTriggers } from '../support/auditTrail';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const JITI_CLI = path.join(REPO, 'node_modules', 'jiti', 'lib', 'jiti-cli.mjs');
const SCRIPT = path.join(REPO, 'scripts', 'audit-log.ts');

interface Run {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `scripts/audit-log.ts` in a real Node process, as `npm run -s audit-log -- <args>` does. */
/** `password` null: STEPWISE_PASSWORD is not set at all. */
async function runCli(args: readonly string[], password: string | null = TEST_PASSWORD): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.INIT_CWD;
  delete env.STEPWISE_DATA_DIR;
  delete env.STEPWISE_PASSWORD;
  if (password !== null) env.STEPWISE_PASSWORD = password;
  const child = spawn(process.execPath, [JITI_CLI, SCRIPT, ...args], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  return { exitCode, stdout, stderr };
}

/** A refusal: exit 2, nothing on stdout, one line on stderr, and never the password. */
function expectRefused(run: Run, password: string, message: RegExp): void {
  expect(run).toMatchObject({ exitCode: 2, stdout: '' });
  expect(run.stderr.endsWith('\n')).toBe(true);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toContain(password);
}

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;
let events: number;

beforeEach(async () => {
  temp = makeTempDir('stepwise-audit-cli-');
  core = await createTestCore(temp.dir);
  await core.addUser('root', ['admin'], 'Robin Admin');
  await core.addUser('dana', ['clinician'], 'Dana Reyes');
  core.close();
  // A short working day through the registry: sign-in, two cases, a view, sign-out.
  expectOk(await core.registry.invoke('auth.signIn', { username: 'dana', password: TEST_PASSWORD }));
  for (const input of [makeCaseInput(), makeCaseInput()]) {
    const { id } = expectOk<{ id: string }>(await core.registry.invoke('cases.create', input));
    expectOk(await core.registry.invoke('cases.get', { caseId: id }));
  }
  expectOk(await core.registry.invoke('auth.signOut', {}));
  events = auditRows(core).length;
  core.close();
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

const verify = (user = 'root', password: string | null = TEST_PASSWORD) => runCli(['verify', '--data-dir', temp.dir, '--user', user], password);

/** Tampers through a raw connection with the key, as someone with a SQLite shell could, then closes it. */
function tamper(sql: string): void {
  dropAuditTriggers(core);
  core.database.sqlite.exec(sql);
  core.close();
}

describe('audit-log verify, run as a real process', () => {
  it('exits 0 and counts the events when the log is intact', async () => {
    expect(events).toBe(6);
    const run = await verify();
    expect(run).toEqual({
      exitCode: 0,
      stdout: 'Audit log intact: 6 events, each linked to the one before, ending where the key file says it ends.\n',
      stderr: '',
    });
  });

  it.each([
    ['an edited row', "UPDATE audit_events SET user_id = 'user-root' WHERE seq = 3", 3, 'Row 3 was changed after it was written.'],
    ['a deleted row', 'DELETE FROM audit_events WHERE seq = 2', 2, 'Row 2 is missing (the next row is 3).'],
    [
      'the last rows deleted',
      'DELETE FROM audit_events WHERE seq > 4',
      5,
      'The log ends at row 4, but 6 rows were recorded: rows 5 to 6 were deleted.',
    ],
  ])('exits 1 naming the row after %s', async (_what, sql, row, problem) => {
    tamper(sql);
    const run = await verify();
    expect(run).toEqual({
      exitCode: 1,
      stdout: `Audit log broken at row ${row}: ${problem} (${row - 1} rows before it check out.)\n`,
      stderr: '',
    });
  });

  it('changes nothing: it opens the database read-only and records no event of its own', async () => {
    const run = await verify();
    expect(run.exitCode).toBe(0);
    expect(auditRows(core)).toHaveLength(events);
  });

  it('exits 2 with one line for a wrong password', async () => {
    const wrong = 'wrong horse battery';
    const run = await verify('root', wrong);
    expectRefused(run, wrong, /^The username or password is not correct\. Nothing was opened\.\n$/);
  });

  it('exits 2 with one line for an account that is not an administrator', async () => {
    const run = await verify('dana');
    expectRefused(run, TEST_PASSWORD, /^This command is for administrators; this account may not run it\.\n$/);
  });

  it.each([
    ['without --user', ['verify', '--data-dir'], TEST_PASSWORD, /^The database is encrypted: give --user and set STEPWISE_PASSWORD\. Usage: /],
    ['without STEPWISE_PASSWORD', ['verify', '--data-dir', '--user', 'root'], null, /give --user and set STEPWISE_PASSWORD/],
    ['without a command', ['--data-dir'], TEST_PASSWORD, /^Unknown or missing command "--data-dir"\. Usage: /],
  ])('exits 2 with one line %s', async (_what, args, password, message) => {
    const withDir = args.flatMap((arg) => (arg === '--data-dir' ? [arg, temp.dir] : [arg]));
    const run = await runCli(withDir, password);
    expectRefused(run, TEST_PASSWORD, message);
  });

  it('exits 2 for a folder with no database', async () => {
    const empty = makeTempDir('stepwise-audit-cli-empty-');
    try {
      const run = await runCli(['verify', '--data-dir', empty.dir, '--user', 'root']);
      expect(run).toMatchObject({ exitCode: 2, stdout: '' });
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toContain(TEST_PASSWORD);
    } finally {
      empty.cleanup();
    }
  });
});
