import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { DATABASE_FILE_NAME, openDatabase } from '../../electron/db/openDatabase';
import { refreshStatistics } from '../../electron/db/plannerStatistics';
import { toIsoDate } from '../../shared/domain/dates';
import { writeReferenceCaseload, type ReferenceCounts } from '../../electron/repositories/referenceCaseloadWriter';
import { measure, type Measure } from './measure';

export interface ReferenceDatabase {
  readonly file: string;
  readonly key: Buffer;
  readonly line: Measure;
}

function setJournalMode(sqlite: Database.Database, mode: 'memory' | 'wal'): void {
  const set = String(sqlite.pragma(`journal_mode = ${mode}`, { simple: true }));
  if (set.toLowerCase() !== mode) throw new Error(`The reference database would not switch to journal mode ${mode} (it is ${set})`);
}

/**
 * Builds the reference database as users have it: a new encrypted file created through openDatabase with every
 * migration, a random data key, then the seeded caseload written in transactions of 5,000 cases, and its planner
 * statistics gathered as the app's background job does after the first sign-in.
 */
export function buildReferenceDatabase(dir: string, cases: number, seed: number, today: string): ReferenceDatabase {
  const file = path.join(dir, DATABASE_FILE_NAME);
  const key = randomBytes(32);
  const started = performance.now();
  const database = openDatabase({ file, key });
  let statistics = { ms: 0, tables: 0 };
  let built = started;
  const counts = ((): ReferenceCounts => {
    try {
      // Setting the bench up, not measuring the app: the pages written straight into the file (a rollback journal in
      // memory instead of the write-ahead log, which a checkpoint would then copy, 15 s at 100,000 cases), no sync per
      // commit, and a page cache that holds the assessments while their indexes are built (8.4 s with the writer's
      // 256 MB, 1.1 s with 1 GB). The file ends the same and in write-ahead-log mode again; a crash would lose only
      // this temporary file (docs/BENCHMARKS.md).
      setJournalMode(database.sqlite, 'memory');
      database.sqlite.pragma('synchronous = OFF');
      const written = writeReferenceCaseload(database.sqlite, { seed, cases, today, cacheMiB: 1024 });
      setJournalMode(database.sqlite, 'wal');
      database.sqlite.pragma('synchronous = FULL');
      // What the app's job on a worker thread does after the first sign-in to the loaded file (backgroundStatistics.ts),
      // timed apart from the build.
      built = performance.now();
      const refreshed = refreshStatistics(database.sqlite, toIsoDate(new Date()));
      statistics = { ms: Math.round(performance.now() - built), tables: refreshed.analyzed.length };
      return written;
    } finally {
      database.close();
    }
  })();
  const seconds = (built - started) / 1000;
  const rows = (Object.values(counts) as number[]).reduce((sum, count) => sum + count, 0);
  const line = measure(cases, {
    name: 'reference.build',
    value: seconds,
    unit: 's',
    baseline: null,
    bound: null,
    detail: {
      ...counts,
      rows,
      rowsPerSecond: Math.round(rows / seconds),
      fileMB: Math.round(fs.statSync(file).size / 1e6),
      backgroundStatistics: statistics,
      seed,
      today,
    },
  });
  return { file, key, line };
}
