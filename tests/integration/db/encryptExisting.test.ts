import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVault } from '../../../electron/core/vault';
import { type EncryptionStep } from '../../../electron/db/encryptExisting';
import { migrate } from '../../../electron/db/migrate';
import { DATABASE_FILE_NAME, databaseFileState, STEPWISE_APPLICATION_ID } from '../../../electron/db/openDatabase';
import { KEYRING_FILE_NAME, readKeyring, unwrapForUser } from '../../../electron/security/keyring';
import { makeTempDir } from '../../support/tempDir';

const ROOT = path.resolve(__dirname, '../../..');
const CHILD = path.join(ROOT, 'tests/support/encryptChild.ts');
const JITI = path.join(ROOT, 'node_modules/jiti/lib/jiti-cli.mjs');
const SECRET_NAME = 'Jane Secretname';
const SECRET_MRN = 'SECRET-4711';

let temp: ReturnType<typeof makeTempDir>;
let file: string;
let keyringFile: string;

/** A plaintext database from an earlier version, with enough rows to span many pages and a WAL in use. */
function seedPlaintextDatabase(): void {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  migrate(sqlite, STEPWISE_APPLICATION_ID);
  const insert = sqlite.prepare('INSERT INTO cases (id, mrn, full_name, date_of_birth, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  sqlite.transaction(() => {
    insert.run('secret', SECRET_MRN, SECRET_NAME, '1980-01-01', 'x', 'x');
    for (let index = 0; index < 3000; index += 1) insert.run(`c${index}`, `M-${index}`, `Person number ${index}`, '1970-01-01', 'x', 'x');
  })();
  sqlite.close();
}

beforeEach(() => {
  temp = makeTempDir();
  file = path.join(temp.dir, DATABASE_FILE_NAME);
  keyringFile = path.join(temp.dir, KEYRING_FILE_NAME);
  seedPlaintextDatabase();
});
afterEach(() => temp.cleanup());

function runChild(killAt: EncryptionStep | 'never', killAfterMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [JITI, CHILD, file, keyringFile, killAt], { stdio: 'ignore' });
    if (killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
}

/** After any interruption the data folder holds a database that opens, with every case in it. */
async function expectUsableDatabase(): Promise<'plaintext' | 'encrypted'> {
  const vault = createVault(temp.dir);
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

function bytesContain(text: string): boolean {
  const needle = Buffer.from(text, 'utf8');
  return fs
    .readdirSync(temp.dir)
    .filter((name) => name.startsWith(DATABASE_FILE_NAME))
    .some((name) => fs.readFileSync(path.join(temp.dir, name)).includes(needle));
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

  // Seeded delays land at varying points, including in the middle of the copy and the encryption.
  it.each([40, 90, 140, 190, 240, 300, 380, 460])('survives SIGKILL after %i ms with a database that opens', async (delay) => {
    await runChild('never', delay);
    await expectUsableDatabase();
  });
});
