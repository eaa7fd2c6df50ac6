import Database, { type CipherConnection } from 'better-sqlite3-multiple-ciphers';
import { openDatabase } from '../../../electron/db/openDatabase';
import { statisticsDue } from '../../../electron/db/plannerStatistics';
import { toIsoDate } from '../../../shared/domain/dates';
import type { Job } from '../job';
import { measure, median, p95 } from '../measure';

const ROUNDS = 21;

/**
 * Opening the reference database as sign-in does once the password has unwrapped the key: the app's openDatabase
 * (file checks, a probe connection, raw key, pragmas, migration check, the check whether the planner's statistics are
 * due, slow ones left to a job on a worker thread: the reference build gathered them), against a bare connection that sets the
 * cipher and key and reads the schema version.
 */
export const openJob: Job = async ({ request, key }) => {
  const app: number[] = [];
  const raw: number[] = [];
  let due = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    let started = performance.now();
    const database = openDatabase({ file: request.file, key, statistics: 'background' });
    app.push(performance.now() - started);
    // Whether sign-in would then start the background job for the statistics (the reference build gathered them).
    if (statisticsDue(database.sqlite, toIsoDate(new Date())) === 'slow') due += 1;
    database.close();

    started = performance.now();
    const sqlite = new Database(request.file);
    sqlite.pragma(`cipher = 'sqlcipher'`);
    sqlite.pragma('legacy = 4');
    (sqlite as CipherConnection).key(Buffer.concat([Buffer.from('raw:', 'latin1'), key]));
    sqlite.pragma('user_version', { simple: true });
    raw.push(performance.now() - started);
    sqlite.close();
  }
  return [
    measure(request.cases, {
      name: 'open.database',
      value: p95(app),
      unit: 'ms',
      baseline: p95(raw),
      bound: { below: 150 },
      detail: { first: app[0], median: median(app), rounds: ROUNDS, baselineFirst: raw[0], statisticsDue: due },
    }),
  ];
};
