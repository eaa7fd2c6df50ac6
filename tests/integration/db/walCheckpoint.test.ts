import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type StepwiseDatabase } from '../../../electron/db/openDatabase';
import {
  AUTOMATIC_CHECKPOINT_PAGES,
  automaticCheckpointsHeld,
  checkpointWal,
  holdAutomaticCheckpoints,
  resumeAutomaticCheckpoints,
} from '../../../electron/db/walCheckpoint';
import { makeTempDir } from '../../support/tempDir';

const KEY = Buffer.alloc(32, 9);
let temp: ReturnType<typeof makeTempDir>;
let file: string;
let database: StepwiseDatabase;

beforeEach(() => {
  temp = makeTempDir('stepwise-wal-');
  file = path.join(temp.dir, 'stepwise.db');
  database = openDatabase({ file, key: KEY });
});
afterEach(() => {
  database.close();
  temp.cleanup();
});

async function writeSettings(count: number): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    for (let n = 0; n < count; n += 1) {
      await trx
        .insertInto('settings')
        .values({ key: `wal-test-${n}`, value: JSON.stringify('x'.repeat(3000)), updated_at: '2026-11-29T00:00:00.000Z', updated_by: null })
        .execute();
    }
  });
}

describe('checkpoints of the write-ahead log', () => {
  it('held, a commit of more than a checkpoint’s worth of pages leaves them in the log; another connection copies them all', async () => {
    await holdAutomaticCheckpoints(database.db);
    expect(automaticCheckpointsHeld(database.sqlite)).toBe(true);
    const fileBefore = fs.statSync(file).size;
    await writeSettings(AUTOMATIC_CHECKPOINT_PAGES + 200);
    // The commit left its pages in the log: the database file itself was not written.
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(AUTOMATIC_CHECKPOINT_PAGES * 4096);
    expect(fs.statSync(file).size).toBe(fileBefore);

    const done = checkpointWal(file, KEY);
    expect(fs.statSync(file).size).toBeGreaterThan(fileBefore + AUTOMATIC_CHECKPOINT_PAGES * 4096);
    expect(done.logPages).toBeGreaterThan(AUTOMATIC_CHECKPOINT_PAGES);
    expect(done.checkpointedPages).toBe(done.logPages);
    resumeAutomaticCheckpoints(database.sqlite);
    expect(automaticCheckpointsHeld(database.sqlite)).toBe(false);
    expect(database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(AUTOMATIC_CHECKPOINT_PAGES);

    // Everything committed is in the database file: a new connection reads it with the log gone.
    database.close();
    fs.rmSync(`${file}-wal`, { force: true });
    fs.rmSync(`${file}-shm`, { force: true });
    database = openDatabase({ file, key: KEY });
    const stored = await sql<{ n: number }>`SELECT count(*) AS n FROM settings WHERE key LIKE 'wal-test-%'`.execute(database.db);
    expect(stored.rows[0]?.n).toBe(AUTOMATIC_CHECKPOINT_PAGES + 200);
  });

  it('copies only what no reader still needs, without waiting for the reader', async () => {
    await holdAutomaticCheckpoints(database.db);
    await writeSettings(10);
    database.sqlite.exec('BEGIN');
    database.sqlite.prepare('SELECT count(*) FROM settings').pluck().get();
    try {
      const other = openDatabase({ file, key: KEY });
      try {
        other.sqlite.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('later', '"x"', '2026-11-29T00:00:00.000Z');
      } finally {
        other.close();
      }
      const done = checkpointWal(file, KEY);
      expect(done.checkpointedPages).toBeLessThan(done.logPages);
    } finally {
      database.sqlite.exec('COMMIT');
    }
    const rest = checkpointWal(file, KEY);
    expect(rest.checkpointedPages).toBe(rest.logPages);
  });

  it('refuses a wrong key without changing the database file', async () => {
    await holdAutomaticCheckpoints(database.db);
    await writeSettings(5);
    const before = fs.readFileSync(file);
    expect(() => checkpointWal(file, Buffer.alloc(32, 1))).toThrow();
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
