import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVault } from '../../../electron/core/vault';
import { ENCRYPTING_SUFFIX, type EncryptionStep } from '../../../electron/db/encryptExisting';
import { DATABASE_FILE_NAME, databaseFileState } from '../../../electron/db/openDatabase';
import { KEYRING_FILE_NAME, readKeyring, unwrapForUser } from '../../../electron/security/keyring';
import type { KillPoint } from '../../support/encryptChild';
import { filesEndingIn, SECRET_MRN, SECRET_NAME, seedPlaintextDatabase } from '../../support/plaintextDatabase';
import { makeTempDir } from '../../support/tempDir';

const ROOT = path.resolve(__dirname, '../../..');
const CHILD = path.join(ROOT, 'tests/support/encryptChild.ts');
const JITI = path.join(ROOT, 'node_modules/jiti/lib/jiti-cli.mjs');

let temp: ReturnType<typeof makeTempDir>;
let file: string;
let keyringFile: string;

beforeEach(() => {
  temp = makeTempDir();
  file = path.join(temp.dir, DATABASE_FILE_NAME);
  keyringFile = path.join(temp.dir, KEYRING_FILE_NAME);
  seedPlaintextDatabase(file);
});
afterEach(() => temp.cleanup());

function runChild(killAt: KillPoint, killAfterMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [JITI, CHILD, file, keyringFile, killAt], { stdio: 'ignore' });
    if (killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
}

/**
 * After any interruption the data folder holds a database that opens, with every case in it, and no leftover of
 * the attempt: no copy, no rollback journal (which would hold plaintext pages) and no other file with a patient name.
 */
async function expectUsableDatabase(): Promise<'plaintext' | 'encrypted'> {
  const vault = createVault(temp.dir);
  expect(filesEndingIn(temp.dir, '-journal')).toEqual([]);
  expect(fs.readdirSync(temp.dir).filter((name) => name.startsWith(`${DATABASE_FILE_NAME}${ENCRYPTING_SUFFIX}`))).toEqual([]);
  expect(filesHolding(SECRET_NAME).filter((name) => name !== DATABASE_FILE_NAME && name !== `${DATABASE_FILE_NAME}-wal`)).toEqual([]);
  const state = vault.state();
  if (state === 'legacy-plaintext') {
    const database = vault.openPlaintext();
    expect(database.sqlite.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(3001);
    vault.close();
    expect(fs.existsSync(`${file}.encrypting`)).toBe(false);
    return 'plaintext';
  }
  expect(state).toBe('encrypted');
  const keyring = readKeyring(keyringFile);
  const entry = keyring?.users[0];
  const key = keyring && entry ? await unwrapForUser(keyring, entry, 'crash test password') : null;
  expect(key).not.toBeNull();
  const database = vault.openEncrypted(key ?? Buffer.alloc(32));
  expect(database.sqlite.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(3001);
  expect(String(database.sqlite.pragma('integrity_check', { simple: true }))).toBe('ok');
  vault.close();
  return 'encrypted';
}

function filesHolding(text: string): string[] {
  const needle = Buffer.from(text, 'utf8');
  return fs.readdirSync(temp.dir).filter((name) => fs.readFileSync(path.join(temp.dir, name)).includes(needle));
}

function bytesContain(text: string): boolean {
  return filesHolding(text).some((name) => name.startsWith(DATABASE_FILE_NAME));
}

describe('encrypting a database from an earlier version', () => {
  it('copies, verifies, then swaps: afterwards no byte of the database holds the patient name or MRN', async () => {
    expect(bytesContain(SECRET_NAME)).toBe(true);
    expect(await runChild('never')).toEqual({ code: 0, signal: null });
    expect(databaseFileState(file)).toBe('encrypted');
    expect(bytesContain(SECRET_NAME)).toBe(false);
    expect(bytesContain(SECRET_MRN)).toBe(false);
    expect(await expectUsableDatabase()).toBe('encrypted');
  });

  const STEPS: readonly EncryptionStep[] = [
    'checkpointed',
    'copy-started',
    'copy-halfway',
    'copied',
    'encrypted',
    'verified',
    'keyring-written',
    'swapped',
    'keyring-placed',
    'cleaned',
  ];
  it.each(STEPS)('survives SIGKILL at "%s" with a database that opens', async (step) => {
    const exit = await runChild(step);
    expect(exit.signal).toBe('SIGKILL');
    const outcome = await expectUsableDatabase();
    // Before the rename the original stays authoritative; from the rename on, the encrypted copy is.
    expect(outcome).toBe(STEPS.indexOf(step) >= STEPS.indexOf('swapped') ? 'encrypted' : 'plaintext');
  });

  it('survives SIGKILL in the middle of the rekey, with the copy’s journal half written', async () => {
    const exit = await runChild('mid-rekey');
    expect(exit.signal).toBe('SIGKILL');
    // Stopped inside the rekey: the copy's rollback journal (plaintext pages) is on disk until recovery.
    expect(fs.statSync(`${file}${ENCRYPTING_SUFFIX}-journal`).size).toBeGreaterThanOrEqual(64 * 1024);
    expect(await expectUsableDatabase()).toBe('plaintext');
  });

  it('survives SIGKILL in the middle of the copy', async () => {
    const exit = await runChild('copy-halfway');
    expect(exit.signal).toBe('SIGKILL');
    const partial = fs.statSync(`${file}${ENCRYPTING_SUFFIX}`).size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(fs.statSync(file).size);
    expect(await expectUsableDatabase()).toBe('plaintext');
  });

  // Seeded delays land at varying points, including in the middle of the copy and the encryption.
  it.each([40, 90, 140, 190, 240, 300, 380, 460])('survives SIGKILL after %i ms with a database that opens', async (delay) => {
    await runChild('never', delay);
    await expectUsableDatabase();
  });
});
