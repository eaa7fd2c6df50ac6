import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, unlockConnection, type StepwiseDatabase } from '../../../electron/db/openDatabase';
import { makeTempDir } from '../../support/tempDir';

// Why backups use VACUUM INTO (README, Architecture): these facts about the SQLite build decide it, and a library
// upgrade that changes them must fail here first.

const NAME = 'Zebediah Quenneville';

let temp: ReturnType<typeof makeTempDir>;
let key: Buffer;
let source: StepwiseDatabase;

beforeEach(() => {
  temp = makeTempDir('stepwise-cipher-');
  key = randomBytes(32);
  source = openDatabase({ file: path.join(temp.dir, 'stepwise.db'), key });
  const insert = source.sqlite.prepare('INSERT INTO cases (id, mrn, full_name, date_of_birth, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  for (let index = 0; index < 200; index += 1) insert.run(`c${index}`, `M-${index}`, `${NAME} ${index}`, '1970-01-01', 'x', 'x');
});
afterEach(() => {
  source.close();
  temp.cleanup();
});

const holdsName = (file: string) => fs.readFileSync(file).includes(Buffer.from(NAME));

describe('the SQLite build and encrypted copies', () => {
  it('refuses the online backup API from an encrypted database (it could not key the target), writing nothing', async () => {
    const target = path.join(temp.dir, 'api-backup.db');
    await expect(source.sqlite.backup(target)).rejects.toThrow('backup is not supported with incompatible source and target databases');
    expect(fs.statSync(target).size).toBe(0);
  });

  it('does not take URI parameters in file names, so a key cannot reach a target that way', () => {
    expect(() => new Database(`file:${path.join(temp.dir, 'uri.db')}?cipher=sqlcipher&legacy=4`)).toThrow();
    expect(fs.existsSync(path.join(temp.dir, 'uri.db'))).toBe(false);
  });

  it('VACUUM INTO writes a copy under the same cipher and key: no plaintext, unreadable without the key', () => {
    const target = path.join(temp.dir, 'vacuum-copy.db');
    source.sqlite.prepare('VACUUM INTO ?').run(target);
    expect(holdsName(target)).toBe(false);
    expect(fs.readFileSync(target).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
    const withoutKey = new Database(target, { readonly: true });
    expect(() => withoutKey.prepare('SELECT count(*) FROM cases').get()).toThrow(/not a database/);
    withoutKey.close();
    const withKey = new Database(target, { readonly: true });
    unlockConnection(withKey, key);
    expect(withKey.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(200);
    expect(withKey.pragma('integrity_check', { simple: true })).toBe('ok');
    withKey.close();
  });
});
