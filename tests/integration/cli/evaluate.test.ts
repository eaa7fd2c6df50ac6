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

describe('evaluate CLI, run as a real process', () => {
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
