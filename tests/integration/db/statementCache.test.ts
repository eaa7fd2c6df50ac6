import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withStatementCache } from '../../../electron/db/statementCache';

let sqlite: Database.Database;
beforeEach(() => {
  sqlite = new Database(':memory:');
  sqlite.exec('CREATE TABLE t (x INTEGER) STRICT; INSERT INTO t VALUES (1), (2), (3);');
});
afterEach(() => {
  if (sqlite.open) sqlite.close();
});

describe('the statement cache behind Kysely', () => {
  it('hands out the same prepared statement for the same text', () => {
    const cached = withStatementCache(sqlite);
    const first = cached.prepare('SELECT x FROM t ORDER BY x');
    expect(cached.prepare('SELECT x FROM t ORDER BY x')).toBe(first);
    expect(cached.prepare('SELECT x FROM t ORDER BY x DESC')).not.toBe(first);
    expect(first.all([])).toEqual([{ x: 1 }, { x: 2 }, { x: 3 }]);
  });

  it('never hands out a statement still streaming rows, so a nested read of the same text works', () => {
    const cached = withStatementCache(sqlite);
    const text = 'SELECT x FROM t ORDER BY x';
    const outer = cached.prepare(text);
    const seen: number[][] = [];
    for (const row of outer.iterate([]) as Iterable<{ x: number }>) {
      const inner = cached.prepare(text);
      expect(inner).not.toBe(outer);
      seen.push([row.x, (inner.all([]) as { x: number }[]).length]);
    }
    expect(seen).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(cached.prepare(text)).toBe(outer);
  });

  it('answers from the new schema after a migration changes a table it has cached', () => {
    const cached = withStatementCache(sqlite);
    const text = 'SELECT * FROM t ORDER BY x';
    expect(cached.prepare(text).all([])).toEqual([{ x: 1 }, { x: 2 }, { x: 3 }]);
    sqlite.exec('ALTER TABLE t ADD COLUMN y TEXT');
    expect(cached.prepare(text).all([])).toEqual([
      { x: 1, y: null },
      { x: 2, y: null },
      { x: 3, y: null },
    ]);
  });

  it('keeps at most a bounded number of statements, dropping the least recently used', () => {
    const cached = withStatementCache(sqlite);
    const kept = cached.prepare('SELECT 0 FROM t');
    const dropped = cached.prepare('SELECT 1 FROM t');
    for (let n = 2; n <= 300; n += 1) {
      cached.prepare(`SELECT ${n} FROM t`);
      // Used again and again, this one stays.
      expect(cached.prepare('SELECT 0 FROM t')).toBe(kept);
    }
    expect(cached.prepare('SELECT 300 FROM t')).toBe(cached.prepare('SELECT 300 FROM t'));
    expect(cached.prepare('SELECT 1 FROM t')).not.toBe(dropped);
  });
});
