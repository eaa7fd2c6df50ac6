import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/tempDir';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const JITI_CLI = path.join(REPO, 'node_modules', 'jiti', 'lib', 'jiti-cli.mjs');
const SCRIPT = path.join(REPO, 'scripts', 'evaluate.ts');

/** The environment of a command typed in `initCwd` (npm sets INIT_CWD), or typed without npm when it is undefined. */
function cliEnv(initCwd: string | undefined): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.INIT_CWD;
  return initCwd === undefined ? env : { ...env, INIT_CWD: initCwd };
}

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir('stepwise-cli-');
});
afterEach(() => temp.cleanup());

const assessment = (id: string) => ({ id, assessedOn: '2026-03-01', currentLevel: 'none', severity: 'moderate' });

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

/** Runs `scripts/evaluate.ts` in a real Node process, as `npm run -s evaluate -- <args>` does. */
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

describe('evaluate CLI, run as a real process', () => {
  it('prints a JSON array of outputs for a valid file and exits 0', async () => {
    const file = writeFile('cases.json', JSON.stringify([assessment('A-1'), { ...assessment('A-2'), severity: 'mild' }]));
    const run = await runCli([file]);
    expect(run).toMatchObject({ exitCode: 0, stderr: '' });
    const outputs = JSON.parse(run.stdout) as unknown;
    expect(Array.isArray(outputs)).toBe(true);
    expect(outputs).toMatchObject([
      { id: 'A-1', rulesetVersion: '2026.1' },
      { id: 'A-2', rulesetVersion: '2026.1' },
    ]);
  });

  it('exits 1 when one item is invalid, still printing every slot', async () => {
    const invalid = { ...assessment('A-bad'), dimensions: { withdrawal: 7 } };
    const file = writeFile('mixed.json', JSON.stringify([assessment('A-1'), invalid, assessment('A-3')]));
    const run = await runCli([file]);
    expect(run).toMatchObject({ exitCode: 1, stderr: '' });
    expect(JSON.parse(run.stdout)).toMatchObject([{ id: 'A-1' }, { id: 'A-bad', error: { field: 'dimensions.withdrawal' } }, { id: 'A-3' }]);
  });

  it('exits 2 with empty stdout and exactly one stderr line for a missing file', async () => {
    const run = await runCli([path.join(temp.dir, 'absent.json')]);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expectOneStderrLine(run);
    expect(run.stderr).toMatch(/^Cannot read ".*absent\.json": the file does not exist\.\n$/);
  });

  it('exits 2 with empty stdout and one stderr line for text that is not JSON', async () => {
    const run = await runCli([writeFile('broken.json', 'not json\n[{"id": ')]);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expectOneStderrLine(run);
    expect(run.stderr).toMatch(/is not valid JSON/);
  });

  it('resolves a relative path against the folder the command was typed in (INIT_CWD), not the package folder', async () => {
    writeFile('typed-here.json', JSON.stringify([assessment('A-here')]));
    const run = await runCli(['typed-here.json'], { cwd: REPO, initCwd: temp.dir });
    expect(run).toMatchObject({ exitCode: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toMatchObject([{ id: 'A-here' }]);
  });

  it('resolves a relative path against the working folder when run without npm (no INIT_CWD)', async () => {
    writeFile('here.json', JSON.stringify([assessment('A-cwd')]));
    const run = await runCli(['here.json'], { cwd: temp.dir });
    expect(run).toMatchObject({ exitCode: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toMatchObject([{ id: 'A-cwd' }]);
  });

  it('exits quietly when the reader closes the pipe early, as `| head -c 100` does', async () => {
    // Several megabytes of output, far more than a pipe buffers, so the CLI is still writing when the reader leaves.
    const file = writeFile('big.json', JSON.stringify(Array.from({ length: 20_000 }, (_, index) => assessment(`A-${index}`))));
    const child = spawn(process.execPath, [JITI_CLI, SCRIPT, file], { cwd: REPO, env: cliEnv(undefined), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let received = 0;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.once('data', (chunk: Buffer) => {
      received = chunk.length;
      child.stdout.destroy();
    });
    const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(received).toBeGreaterThan(0);
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
  });
});
