import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/tempDir';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const JITI_CLI = path.join(REPO, 'node_modules', 'jiti', 'lib', 'jiti-cli.mjs');
const SCRIPT = path.join(REPO, 'scripts', 'metrics.ts');

/** The environment of a command typed in `initCwd` (npm sets INIT_CWD), or typed without npm when it is undefined. */
function cliEnv(initCwd: string | undefined): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.INIT_CWD;
  return initCwd === undefined ? env : { ...env, INIT_CWD: initCwd };
}

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir('stepwise-metrics-cli-');
});
afterEach(() => temp.cleanup());

const episode = (caseId: string, level: string, start: string, end: string | null = null, endReason: string | null = null) => ({
  caseId,
  level,
  start,
  end,
  endReason,
});

function writeFile(name: string, text: string): string {
  const file = path.join(temp.dir, name);
  fs.writeFileSync(file, text);
  return file;
}

interface Run {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `scripts/metrics.ts` in a real Node process, as `npm run -s metrics -- <args>` does. */
async function runCli(args: readonly string[], { cwd = REPO, initCwd }: { cwd?: string; initCwd?: string } = {}): Promise<Run> {
  const child = spawn(process.execPath, [JITI_CLI, SCRIPT, ...args], { cwd, env: cliEnv(initCwd), stdio: ['ignore', 'pipe', 'pipe'] });
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

function expectOneStderrLine(run: Run): void {
  expect(run.stderr.endsWith('\n')).toBe(true);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
}

/** The field-level errors printed on stderr for invalid input. */
function errorsOf(run: Run): { index: number; field: string; message: string }[] {
  expect(run).toMatchObject({ exitCode: 1, stdout: '' });
  expectOneStderrLine(run);
  return (JSON.parse(run.stderr) as { errors: { index: number; field: string; message: string }[] }).errors;
}

describe('metrics CLI, run as a real process', () => {
  it('prints the metrics JSON for a valid file and exits 0', async () => {
    const file = writeFile(
      'episodes.json',
      JSON.stringify([
        episode('A', 'inpatient', '2026-01-01', '2026-01-10', 'stepped-down'),
        episode('A', 'iop', '2026-01-10', '2026-02-10', 'dropped-out'),
        episode('B', 'inpatient', '2026-01-05', '2026-01-08', 'died'),
        episode('A', 'inpatient', '2026-02-20'),
      ]),
    );
    const run = await runCli([file]);
    expect(run).toMatchObject({ exitCode: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual({
      // A: inpatient->iop, iop->inpatient (after a 10-day gap), last open. B: inpatient->discharged.
      transitions: { 'inpatient->iop': 1, 'inpatient->discharged': 1, 'iop->inpatient': 1 },
      // inpatient [3, 9]: median 6, p25 4.5, p75 7.5.  iop [31].
      lengthOfStay: { inpatient: { n: 2, median: 6, p25: 4.5, p75: 7.5 }, iop: { n: 1, median: 31, p25: 31, p75: 31 } },
      // B died: only A's 01-10 end counts, and IOP starts that day.
      continuityAfterInpatient: { n: 1, within7: 1, within30: 1 },
      // A's iop is a step-down; inpatient again 41 days after its start: no return.
      returnToHigherWithin30: { n: 1, rate: 0 },
      dropoutRate: { inpatient: 0, iop: 1, outpatient: null },
    });
  });

  it.each([
    ['a malformed date', { start: '2026-02-30' }, 'start'],
    ['an impossible end date', { end: '2026-13-01' }, 'end'],
    ['an unknown level', { level: 'residential' }, 'level'],
    ['an end before the start', { start: '2026-01-10', end: '2026-01-05' }, 'end'],
  ])('exits 1 for %s, naming the item and the field on stderr', async (_, change, field) => {
    const items = [
      episode('A', 'iop', '2026-01-01', '2026-01-05', 'completed'),
      { ...episode('B', 'iop', '2026-01-01', '2026-01-20', 'completed'), ...change },
    ];
    const errors = errorsOf(await runCli([writeFile('bad.json', JSON.stringify(items))]));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ index: 1, field });
    expect(errors[0]?.message).toMatch(/\.$/);
  });

  it('exits 1 for overlapping episodes of one case, naming the later episode and the one it overlaps', async () => {
    const items = [
      episode('A', 'inpatient', '2026-01-01', '2026-01-10', 'stepped-down'),
      episode('B', 'iop', '2026-01-05'), // another case: no overlap
      episode('A', 'iop', '2026-01-09'),
    ];
    const errors = errorsOf(await runCli([writeFile('overlap.json', JSON.stringify(items))]));
    expect(errors).toEqual([{ index: 2, field: 'start', message: expect.stringContaining('overlaps episode 0 of the same case') as unknown }]);
  });

  it('exits 2 with empty stdout and exactly one stderr line for a missing file', async () => {
    const run = await runCli([path.join(temp.dir, 'absent.json')]);
    expect(run).toMatchObject({ exitCode: 2, stdout: '' });
    expectOneStderrLine(run);
    expect(run.stderr).toMatch(/^Cannot read ".*absent\.json": the file does not exist\.\n$/);
  });

  it('exits 2 with empty stdout and one stderr line for text that is not JSON', async () => {
    const run = await runCli([writeFile('broken.json', 'not json\n[{"caseId": ')]);
    expect(run).toMatchObject({ exitCode: 2, stdout: '' });
    expectOneStderrLine(run);
    expect(run.stderr).toMatch(/is not valid JSON/);
  });

  it('resolves a relative path against the folder the command was typed in (INIT_CWD)', async () => {
    writeFile('typed-here.json', JSON.stringify([episode('A', 'iop', '2026-01-01', '2026-01-02', 'completed')]));
    const run = await runCli(['typed-here.json'], { cwd: REPO, initCwd: temp.dir });
    expect(run).toMatchObject({ exitCode: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toMatchObject({ transitions: { 'iop->discharged': 1 } });
  });
});
