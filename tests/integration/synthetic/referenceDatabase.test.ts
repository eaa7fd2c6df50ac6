import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type StepwiseDatabase } from '../../../electron/db/openDatabase';
import { writeReferenceCaseload, type ReferenceCounts } from '../../../electron/repositories/referenceCaseloadWriter';
import { listEpisodes } from '../../../electron/repositories/episodesRepository';
import { refreshCaseState } from '../../../electron/services/caseState';
import { fixedClock } from '../../../electron/services/context';
import { episodeProblems } from '../../../shared/domain/episodes';
import { referenceCaseload } from '../../../shared/synthetic/referenceCaseload';
import { makeTempDir } from '../../support/tempDir';

const TODAY = '2026-11-29';
const OPTIONS = { seed: 2026, cases: 240, today: TODAY };
const DERIVED = [
  'level',
  'level_since',
  'recommended_level',
  'latest_assessment_id',
  'decision_status',
  'planned_level',
  'planned_on',
  'mismatch',
  'last_review_on',
  'next_review_due',
] as const;

let temp: ReturnType<typeof makeTempDir>;
let database: StepwiseDatabase;
let counts: ReferenceCounts;
const key = randomBytes(32);

beforeAll(() => {
  temp = makeTempDir('stepwise-reference-');
  database = openDatabase({ file: path.join(temp.dir, 'stepwise.db'), key });
  counts = writeReferenceCaseload(database.sqlite, OPTIONS);
});
afterAll(() => {
  database.close();
  temp.cleanup();
});

const count = (table: string): number => Number(database.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get());

describe('the reference caseload written into an encrypted, migrated database', () => {
  it('writes exactly the generated records, each table counted', () => {
    expect(counts).toMatchObject({ cases: 240, episodes: 960, assessments: 720, decisions: 480 });
    expect(count('cases')).toBe(counts.cases);
    expect(count('episodes')).toBe(counts.episodes);
    expect(count('assessments')).toBe(counts.assessments);
    expect(count('decisions')).toBe(counts.decisions);
    expect(count('decision_reviews')).toBe(counts.decisionReviews);
    expect(count('attendance')).toBe(counts.attendance);
    expect(count('authorizations')).toBe(counts.authorizations);
    expect(count('users')).toBe(counts.users);
    expect(counts.attendance).toBeGreaterThan(0);
    expect(counts.authorizations).toBeGreaterThan(0);
    expect(count('cases WHERE synthetic = 1')).toBe(240);
  });

  it('leaves the schema exactly as the migrations made it', () => {
    const other = makeTempDir('stepwise-reference-schema-');
    const fresh = openDatabase({ file: path.join(other.dir, 'stepwise.db'), key: randomBytes(32) });
    try {
      const schema = (db: StepwiseDatabase) => db.sqlite.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name').all();
      expect(schema(database)).toEqual(schema(fresh));
      expect(database.sqlite.pragma('user_version', { simple: true })).toBe(fresh.schemaVersion);
      expect(database.sqlite.pragma('cache_size', { simple: true })).toBe(fresh.sqlite.pragma('cache_size', { simple: true }));
    } finally {
      fresh.close();
      other.cleanup();
    }
  });

  it('keeps every foreign key and the file is ciphertext', () => {
    expect(database.sqlite.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const first = [...referenceCaseload({ ...OPTIONS, cases: 1 })][0];
    database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = fs.readFileSync(database.file);
    expect(first && bytes.includes(Buffer.from(first.fullName))).toBe(false);
    expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
  });

  it('stores derived caseload columns that the app’s own refresh leaves unchanged', async () => {
    const ctx = { db: database.db, clock: fixedClock(new Date(`${TODAY}T12:00:00.000Z`)) };
    const read = () => database.sqlite.prepare(`SELECT id, ${DERIVED.join(', ')} FROM cases ORDER BY id`).all();
    const written = read();
    const ids = (database.sqlite.prepare('SELECT id FROM cases').pluck().all() as string[]).sort();
    for (const id of ids) await refreshCaseState(ctx, id);
    expect(read()).toEqual(written);
    expect(count('cases WHERE mismatch = 1')).toBeGreaterThan(0);
    expect(count('cases WHERE planned_level IS NOT NULL')).toBeGreaterThan(0);
    expect(count(`cases WHERE next_review_due < '${TODAY}'`)).toBeGreaterThan(0);
  });

  it('reads back care histories the episode rules accept', async () => {
    const ids = database.sqlite.prepare('SELECT id FROM cases').pluck().all() as string[];
    for (const id of ids) expect(episodeProblems(await listEpisodes(database.db, id)), id).toEqual([]);
  });

  it('writes the same rows for the same seed into another database', () => {
    const other = makeTempDir('stepwise-reference-again-');
    const again = openDatabase({ file: path.join(other.dir, 'stepwise.db'), key: randomBytes(32) });
    try {
      writeReferenceCaseload(again.sqlite, { ...OPTIONS, casesPerTransaction: 7 });
      // The refresh above stamped updated_at on every case; everything else must match.
      const rows = (db: StepwiseDatabase, table: string) =>
        (db.sqlite.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as Record<string, unknown>[]).map(({ updated_at: _stamped, ...row }) =>
          table === 'cases' ? row : { ...row, updated_at: _stamped },
        );
      for (const table of ['cases', 'episodes', 'assessments', 'decisions', 'decision_reviews', 'attendance', 'authorizations', 'users']) {
        expect(rows(again, table), table).toEqual(rows(database, table));
      }
    } finally {
      again.close();
      other.cleanup();
    }
  });
});
