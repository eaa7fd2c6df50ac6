import Database from 'better-sqlite3-multiple-ciphers';
import { sql, type Kysely } from 'kysely';
import { unlockConnection } from './openDatabase';
import type { StepwiseSchema } from './schema';

/** SQLite's own default: after a commit leaves this many pages in the write-ahead log, the committing connection checkpoints. */
export const AUTOMATIC_CHECKPOINT_PAGES = 1000;

export interface WalCheckpoint {
  /** Pages in the write-ahead log, and how many of them are now in the database file (-1 when the log was not in use). */
  readonly logPages: number;
  readonly checkpointedPages: number;
  readonly ms: number;
}

/**
 * Stops this connection from checkpointing after its commits until `resumeAutomaticCheckpoints`: after a large load the
 * commit would otherwise copy the whole write-ahead log into the database file on the committing thread (about 0.5 s
 * for 100,000 new cases, docs/BENCHMARKS.md). The commit is as durable without it; `checkpointWal` makes the copy on
 * a worker's connection. A setting of the connection, not of the transaction: whoever holds it resumes it.
 */
export async function holdAutomaticCheckpoints(db: Kysely<StepwiseSchema>): Promise<void> {
  await sql`PRAGMA wal_autocheckpoint = 0`.execute(db);
}

export function automaticCheckpointsHeld(sqlite: Database.Database): boolean {
  return Number(sqlite.pragma('wal_autocheckpoint', { simple: true })) === 0;
}

export function resumeAutomaticCheckpoints(sqlite: Database.Database): void {
  sqlite.pragma(`wal_autocheckpoint = ${AUTOMATIC_CHECKPOINT_PAGES}`);
}

/**
 * Copies the write-ahead log into the database file on a connection of its own. PASSIVE: it takes no lock another
 * connection waits on, so the main process's reads and writes go on meanwhile, and it copies what no reader still
 * needs; whatever it leaves, a later checkpoint finishes.
 */
export function checkpointWal(file: string, key: Buffer): WalCheckpoint {
  const started = performance.now();
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    unlockConnection(sqlite, key);
    const [result] = sqlite.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    return { logPages: result?.log ?? -1, checkpointedPages: result?.checkpointed ?? -1, ms: Math.round(performance.now() - started) };
  } finally {
    sqlite.close();
  }
}
