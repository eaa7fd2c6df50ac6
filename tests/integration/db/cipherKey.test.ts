import { randomBytes } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { migrate } from '../../../electron/db/migrate';
import {
  DATABASE_FILE_NAME,
  databaseFileState,
  encryptConnection,
  openDatabase,
  STEPWISE_APPLICATION_ID,
  unlockConnection,
} from '../../../electron/db/openDatabase';
import { makeTempDir } from '../../support/tempDir';

let temp: ReturnType<typeof makeTempDir>;
let file: string;
let key: Buffer;

beforeEach(() => {
  temp = makeTempDir();
  file = path.join(temp.dir, DATABASE_FILE_NAME);
  key = randomBytes(32);
});
afterEach(() => temp.cleanup());

/** How the first encryption release keyed a database: the SQLCipher pragmas and the key as an x'hex' literal. */
function keyTheFirstReleaseWay(sqlite: Database.Database, pragma: 'key' | 'rekey'): void {
  sqlite.pragma(`cipher = 'sqlcipher'`);
  sqlite.pragma('legacy = 4');
  sqlite.pragma(`${pragma} = "x'${key.toString('hex')}'"`);
}

function encryptTheFirstReleaseWay(): void {
  const sqlite = new Database(file);
  migrate(sqlite, STEPWISE_APPLICATION_ID);
  sqlite
    .prepare('INSERT INTO cases (id, mrn, full_name, date_of_birth, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run('c1', 'MRN-1', 'Made by the first release', '1980-01-01', 'x', 'x');
  keyTheFirstReleaseWay(sqlite, 'rekey');
  sqlite.close();
}

describe('the data key handed to SQLite', () => {
  it('opens a database encrypted by the first encryption release (x’hex’ key), read-write and read-only', () => {
    encryptTheFirstReleaseWay();
    expect(databaseFileState(file)).toBe('encrypted');
    const writable = openDatabase({ file, key });
    expect(writable.sqlite.prepare('SELECT full_name FROM cases').pluck().get()).toBe('Made by the first release');
    writable.close();
    const readonly = openDatabase({ file, key, readonly: true });
    expect(readonly.sqlite.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(1);
    readonly.close();
  });

  it('makes databases the first release’s key form still opens, so the file format is unchanged', () => {
    openDatabase({ file, key }).close();
    const sqlite = new Database(file, { readonly: true });
    keyTheFirstReleaseWay(sqlite, 'key');
    expect(sqlite.pragma('application_id', { simple: true })).toBe(STEPWISE_APPLICATION_ID);
    sqlite.close();
  });

  it('passes the key as bytes, never as text in a pragma, and zeroes its copy afterwards', () => {
    const sqlite = new Database(file);
    const pragmas = vi.spyOn(sqlite, 'pragma');
    const handed: Buffer[] = [];
    const cipher = sqlite as Database.Database & { key(material: Buffer): number };
    const realKey = cipher.key.bind(sqlite);
    cipher.key = (material: Buffer) => {
      handed.push(material);
      expect(material.subarray(0, 4).toString('latin1')).toBe('raw:');
      expect(material.subarray(4).equals(key)).toBe(true);
      return realKey(material);
    };
    unlockConnection(sqlite, key);
    expect(handed).toHaveLength(1);
    expect(handed[0]?.every((byte) => byte === 0)).toBe(true);
    const hex = key.toString('hex');
    expect(pragmas.mock.calls.filter(([source]) => source.toLowerCase().includes(hex.slice(0, 16)))).toEqual([]);
    sqlite.close();
  });

  it('refuses a key that is not 32 bytes rather than deriving a different one from it', () => {
    encryptTheFirstReleaseWay();
    expect(() => openDatabase({ file, key: key.subarray(0, 16) })).toThrow(/32 bytes/);
  });
});

describe('temporary data of an encrypted database', () => {
  it('stays in memory on every unlocked connection (PRAGMA temp_store = 2)', () => {
    const writable = openDatabase({ file, key });
    expect(writable.sqlite.pragma('temp_store', { simple: true })).toBe(2);
    writable.close();
    const readonly = openDatabase({ file, key, readonly: true });
    expect(readonly.sqlite.pragma('temp_store', { simple: true })).toBe(2);
    readonly.close();
  });

  it('stays in memory while a plaintext database is being encrypted', () => {
    const sqlite = new Database(file);
    migrate(sqlite, STEPWISE_APPLICATION_ID);
    sqlite.pragma('journal_mode = DELETE');
    const pragmas = vi.spyOn(sqlite, 'pragma');
    encryptConnection(sqlite, key);
    const sources = pragmas.mock.calls.map(([source]) => source.replace(/\s+/g, ' '));
    expect(sources[0]).toBe('temp_store = MEMORY');
    expect(sqlite.pragma('temp_store', { simple: true })).toBe(2);
    sqlite.close();
    expect(databaseFileState(file)).toBe('encrypted');
    openDatabase({ file, key }).close();
  });
});
