import { sql, type Kysely } from 'kysely';
import type { StepwiseSchema } from '../db/schema';

type Db = Kysely<StepwiseSchema>;

/** The connection's page cache as PRAGMA cache_size states it: pages when positive, KiB when negative. */
export async function pageCacheSize(db: Db): Promise<number> {
  const result = await sql<{ cache_size: number }>`PRAGMA cache_size`.execute(db);
  return Number(result.rows[0]?.cache_size ?? 0);
}

export async function setPageCacheSize(db: Db, size: number): Promise<void> {
  // PRAGMA values cannot be bound parameters; this one is an integer.
  await sql.raw(`PRAGMA cache_size = ${Math.trunc(size)}`).execute(db);
}
