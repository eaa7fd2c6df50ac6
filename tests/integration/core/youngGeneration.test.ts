import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const JITI = path.join(ROOT, 'node_modules/jiti/lib/jiti-cli.mjs');
const CHILD = path.join(ROOT, 'tests/support/youngGenerationChild.ts');

function newSpaceUnderLoad(mode: 'keep' | 'default'): { readonly before: number; readonly after: number } {
  const output = execFileSync(process.execPath, [JITI, CHILD, mode], { encoding: 'utf8' });
  return JSON.parse(output) as { before: number; after: number };
}

describe('keepYoungGenerationSmall (set at start-up by the main process)', () => {
  // Guards against a V8 upgrade that stops reading the setting at run time: the main process's memory would grow again.
  it('stops the young generation growing under a load whose objects live through collections, as it grows by default', () => {
    const kept = newSpaceUnderLoad('keep');
    const grown = newSpaceUnderLoad('default');
    expect(kept.before).toBeGreaterThan(0);
    // By default it doubles again and again (to 128 MB on a 24 GB machine); kept, it may take a page or two more.
    expect(grown.after).toBeGreaterThan(4 * grown.before);
    expect(kept.after).toBeLessThan(4 * kept.before);
    expect(kept.after * 4).toBeLessThan(grown.after);
  }, 60_000);
});
