import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE_NAME, openDatabase } from '../../electron/db/openDatabase';
import { writeReferenceCaseload, type ReferenceCounts } from '../../electron/repositories/referenceCaseloadWriter';
import { measure, type Measure } from './measure';

export interface ReferenceDatabase {
  readonly file: string;
  readonly key: Buffer;
  readonly line: Measure;
}

/**
 * Builds the reference database as users have it: a new encrypted file created through openDatabase with every
 * migration, a random data key, then the seeded caseload written in transactions of 5,000 cases and checkpointed once.
 */
export function buildReferenceDatabase(dir: string, cases: number, seed: number, today: string): ReferenceDatabase {
  const file = path.join(dir, DATABASE_FILE_NAME);
  const key = randomBytes(32);
  const started = performance.now();
  const database = openDatabase({ file, key });
  const counts = ((): ReferenceCounts => {
    try {
      // Setting the bench up, not measuring the app: no sync per commit and one checkpoint at the end leave the same
      // file (neither setting is stored in it), and a crash would lose only this temporary one. At 10,000 cases the
      // build took 9.3 s this way against 12.0–12.3 s with the app's settings (docs/BENCHMARKS.md).
      database.sqlite.pragma('synchronous = OFF');
      database.sqlite.pragma('wal_autocheckpoint = 0');
      const written = writeReferenceCaseload(database.sqlite, { seed, cases, today });
      database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      return written;
    } finally {
      database.close();
    }
  })();
  const seconds = (performance.now() - started) / 1000;
  const rows = (Object.values(counts) as number[]).reduce((sum, count) => sum + count, 0);
  const line = measure(cases, {
    name: 'reference.build',
    value: seconds,
    unit: 's',
    baseline: null,
    bound: null,
    detail: { ...counts, rows, rowsPerSecond: Math.round(rows / seconds), fileMB: Math.round(fs.statSync(file).size / 1e6), seed, today },
  });
  return { file, key, line };
}
