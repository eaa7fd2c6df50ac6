import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeStamp, sameStamp } from '../../../electron/db/changeStamp';
import { openDatabase, type StepwiseDatabase } from '../../../electron/db/openDatabase';
import { makeTempDir } from '../../support/tempDir';

const KEY = Buffer.alloc(32, 3);
let temp: ReturnType<typeof makeTempDir>;
let database: StepwiseDatabase;
beforeEach(() => {
  temp = makeTempDir('stepwise-stamp-');
  database = openDatabase({ file: path.join(temp.dir, 'stamp.db'), key: Buffer.from(KEY) });
});
afterEach(() => {
  database.close();
  temp.cleanup();
});

const stamp = () => changeStamp(database.db, database.sqlite);
const write = (sqlite: Database.Database) =>
  sqlite.prepare(`INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, '1', 'now', NULL)`).run(`k-${Math.random()}`);

describe('the change stamp of a connection', () => {
  it('stays the same while nothing is written, by anyone', async () => {
    const before = await stamp();
    await database.db.selectFrom('cases').select('id').execute();
    expect(sameStamp(before, await stamp())).toBe(true);
  });

  it('moves when this connection writes, even a write it rolls back', async () => {
    const before = await stamp();
    write(database.sqlite);
    const afterWrite = await stamp();
    expect(sameStamp(before, afterWrite)).toBe(false);
    database.sqlite.exec('BEGIN');
    write(database.sqlite);
    database.sqlite.exec('ROLLBACK');
    expect(sameStamp(afterWrite, await stamp())).toBe(false);
  });

  it('moves when another connection commits', async () => {
    const before = await stamp();
    const other = openDatabase({ file: database.file, key: Buffer.from(KEY), existingOnly: true });
    try {
      write(other.sqlite);
    } finally {
      other.close();
    }
    expect(sameStamp(before, await stamp())).toBe(false);
  });

  it('is compared only with a stamp from the same connection, whatever its numbers', async () => {
    const mine = await stamp();
    expect(sameStamp(mine, { ...mine })).toBe(true);
    expect(sameStamp(mine, { ...mine, connection: {} })).toBe(false);
  });
});
