import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const JITI = path.join(ROOT, 'node_modules/jiti/lib/jiti-cli.mjs');
const CHILD = path.join(ROOT, 'tests/support/youngGenerationChild.ts');

/**
 * A child process under load. Its maximum young generation is fixed, so V8's default growth does not depend on the
 * machine's memory; this is Node's V8, the version Electron's main process carries may differ (the setting is V8's).
 */
function newSpaceUnderLoad(mode: 'keep' | 'default'): { readonly before: number; readonly after: number } {
  const output = execFileSync(process.execPath, ['--max-semi-space-size=32', JITI, CHILD, mode], { encoding: 'utf8' });
  return JSON.parse(output) as { before: number; after: number };
}

describe('keepYoungGenerationSmall (set at start-up by the main process)', () => {
  // Guards against a V8 upgrade that stops reading the setting at run time: the main process's memory would grow again.
  it('stops the young generation growing under a load whose objects live through collections, as it grows by default', () => {
    // A first run fills jiti's cache, whose transpiling would otherwise grow the young generation before measuring.
    newSpaceUnderLoad('keep');
    const kept = newSpaceUnderLoad('keep');
    const grown = newSpaceUnderLoad('default');
    expect(kept.before).toBeGreaterThan(0);
    // By default it doubles until its maximum (64 MB with this child's semi-space size; 128 MB by default on a 24 GB
    // machine); kept, it may take a page or two more than it had when the setting was made.
    expect(grown.after).toBeGreaterThanOrEqual(48 * 2 ** 20);
    expect(kept.after).toBeLessThan(4 * kept.before);
    expect(kept.after).toBeLessThanOrEqual(16 * 2 ** 20);
  }, 60_000);
});
