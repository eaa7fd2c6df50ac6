import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const JITI = path.join(ROOT, 'node_modules/jiti/lib/jiti-cli.mjs');
const CHILD = path.join(ROOT, 'tests/support/youngGenerationChild.ts');

function newSpaceAfterLoad(mode: 'keep' | 'default'): number {
  const output = execFileSync(process.execPath, [JITI, CHILD, mode], { encoding: 'utf8' });
  const { newSpaceBytes } = JSON.parse(output) as { newSpaceBytes: number };
  return newSpaceBytes;
}

describe('keepYoungGenerationSmall (set at start-up by the main process)', () => {
  // Guards against a V8 upgrade that stops reading the flag at run time: the main process's memory would grow again.
  it('keeps the young generation at its starting size under a load whose objects live through collections', () => {
    const kept = newSpaceAfterLoad('keep');
    const grown = newSpaceAfterLoad('default');
    expect(kept).toBeGreaterThan(0);
    // Its starting size is a few megabytes (jiti's own loading, before the setting, may have grown it once or twice).
    expect(kept).toBeLessThanOrEqual(8 * 2 ** 20);
    expect(grown).toBeGreaterThan(2 * kept);
  }, 60_000);
});
