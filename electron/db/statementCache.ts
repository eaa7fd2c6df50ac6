import type Database from 'better-sqlite3-multiple-ciphers';
import type { SqliteDatabase } from 'kysely';

const CAPACITY = 256;

/**
 * The connection as Kysely sees it, with each statement prepared once per SQL text and reused: preparing took about a
 * third of a caseload page's time at 10,000 cases. A statement still running (a streamed read) is never handed out
 * twice; the least recently used ones are dropped beyond the capacity. SQLite re-prepares a cached statement by
 * itself when a migration changes the schema.
 */
export function withStatementCache(sqlite: Database.Database): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (text) => {
      const cached = cache.get(text);
      if (cached && !cached.busy) {
        cache.delete(text);
        cache.set(text, cached);
        return cached;
      }
      const statement = sqlite.prepare(text);
      if (!cached) {
        cache.set(text, statement);
        if (cache.size > CAPACITY) {
          const oldest = cache.keys().next();
          if (!oldest.done) cache.delete(oldest.value);
        }
      }
      return statement;
    },
  };
}
