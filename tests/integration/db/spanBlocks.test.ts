import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/db/migrate';
import { migration014SpanBlocks } from '../../../electron/db/migrations/014_span_blocks';
import { openDatabase, STEPWISE_APPLICATION_ID } from '../../../electron/db/openDatabase';
import type { StepwiseSchema } from '../../../electron/db/schema';
import { writeReferenceCaseload } from '../../../electron/repositories/referenceCaseloadWriter';
import {
  packSpans,
  packStaleSpanBlocks,
  SPANS_PER_BLOCK,
  unpackSpans,
  visitEverySpan,
  type StoredSpan,
} from '../../../electron/repositories/spanBlocks';
import { fixedClock } from '../../../electron/services/context';
import { metricsReport, type MetricsReportRequest } from '../../../electron/services/reportsService';
import { blocksDisagreeingWithSpans, metricsReportFromEpisodes, staleBlocks } from '../../support/metricsOracle';
import { insertOpenEpisodeRow, referenceDatabaseUpgradedTo } from '../../support/referenceDatabases';
import { makeTempDir } from '../../support/tempDir';
import { TEST_NOW } from '../../support/testCore';

const TODAY = '2026-11-29';
const EVERY_EPISODE: MetricsReportRequest = { from: '2000-01-01', to: TODAY };

describe('packing spans', () => {
  it('gives back every span as stored: open ends, days before 1970, the largest codes', () => {
    const spans: StoredSpan[] = [
      { case_no: 1, start_day: 20_000, end_day: 20_031, level: 2, reason: 1 },
      { case_no: 2_147_483_647, start_day: -3_650, end_day: null, level: 0, reason: null },
      { case_no: 0, start_day: 0, end_day: 0, level: 1, reason: 8 },
    ];
    const decoded: StoredSpan[] = [];
    unpackSpans(packSpans(spans), (case_no, start_day, end_day, level, reason) => decoded.push({ case_no, start_day, end_day, level, reason }));
    expect(decoded).toEqual(spans);
    expect(packSpans([]).byteLength).toBe(0);
  });

  it('refuses a block that is not whole spans', () => {
    expect(() => unpackSpans(new Uint8Array(15), () => undefined)).toThrow(/not whole spans/);
  });
});

describe('span blocks in a database upgraded from the version before them', () => {
  let sqlite: Database.Database;
  let db: Kysely<StepwiseSchema>;
  const report = (request: MetricsReportRequest) => metricsReport({ db, clock: fixedClock(TEST_NOW) }, request);
  const expectReportFromEpisodes = async (request: MetricsReportRequest) =>
    expect(await report(request)).toStrictEqual(metricsReportFromEpisodes(sqlite, TODAY, request));
  const blockCount = () => Number(sqlite.prepare('SELECT count(*) FROM span_blocks').pluck().get());

  beforeAll(() => {
    sqlite = referenceDatabaseUpgradedTo(migration014SpanBlocks.version, 800, TODAY);
    db = new Kysely<StepwiseSchema>({ dialect: new SqliteDialect({ database: sqlite }) });
  });
  afterAll(() => sqlite.close());

  it('are all marked for packing by the migration, and the report reads the spans themselves meanwhile', async () => {
    const spans = Number(sqlite.prepare('SELECT count(*) FROM episode_spans').pluck().get());
    expect(spans).toBe(3200);
    expect(staleBlocks(sqlite)).toHaveLength(Math.ceil((spans + 1) / SPANS_PER_BLOCK));
    expect(blockCount()).toBe(0);
    await expectReportFromEpisodes(EVERY_EPISODE);
  });

  it('once packed, give the same report for every range', async () => {
    expect(sqlite.transaction(() => packStaleSpanBlocks(sqlite))()).toBe(4);
    expect(staleBlocks(sqlite)).toEqual([]);
    expect(blockCount()).toBe(4);
    expect(blocksDisagreeingWithSpans(sqlite)).toEqual([]);
    for (const request of [EVERY_EPISODE, {}, { from: '2026-11-01', to: TODAY }, { from: '2030-01-01', to: '2030-12-31' }]) {
      await expectReportFromEpisodes(request);
    }
  });

  it('are marked stale by any change of a span, however written, and read unpacked until packed again', async () => {
    const first = sqlite.prepare('SELECT id FROM episodes ORDER BY rowid LIMIT 1').pluck().get() as string;
    const later = sqlite.prepare('SELECT id FROM episodes WHERE end_date IS NOT NULL ORDER BY rowid DESC LIMIT 1').pluck().get() as string;
    const other = sqlite.prepare('SELECT id FROM cases ORDER BY id DESC LIMIT 1').pluck().get() as string;
    sqlite.prepare('UPDATE episodes SET end_reason = ? WHERE id = ?').run('transferred', later);
    sqlite.prepare('UPDATE episodes SET case_id = ? WHERE id = ?').run(other, first);
    const blockOf = (id: string) => (sqlite.prepare('SELECT span_no FROM episode_span_keys WHERE episode_id = ?').pluck().get(id) as number) >> 10;
    expect(staleBlocks(sqlite)).toEqual([...new Set([blockOf(first), blockOf(later)])].sort((a, b) => a - b));
    await expectReportFromEpisodes(EVERY_EPISODE);
    // The stale block's packed copy is out of date; the report never read it.
    const stale = staleBlocks(sqlite);
    const packedNow = sqlite.prepare('SELECT spans FROM span_blocks WHERE block_no = ?').pluck();
    expect(stale.some((blockNo) => packedNow.get(blockNo) !== undefined)).toBe(true);
    const markedNow = new Set(stale);
    sqlite.prepare('DELETE FROM span_blocks_stale').run();
    expect(blocksDisagreeingWithSpans(sqlite).sort((a, b) => a - b)).toEqual(stale);
    for (const blockNo of markedNow) sqlite.prepare('INSERT INTO span_blocks_stale (block_no) VALUES (?)').run(blockNo);

    expect(sqlite.transaction(() => packStaleSpanBlocks(sqlite))()).toBe(stale.length);
    expect(blocksDisagreeingWithSpans(sqlite)).toEqual([]);
    await expectReportFromEpisodes(EVERY_EPISODE);
  });

  it('lose a block whose spans are all gone, and gain one for spans past the last', async () => {
    const lastBlock = Math.max(...(sqlite.prepare('SELECT block_no FROM span_blocks').pluck().all() as number[]));
    const inLastBlock = sqlite.prepare('SELECT episode_id FROM episode_span_keys WHERE span_no >> 10 = ?').pluck().all(lastBlock) as string[];
    sqlite.pragma('foreign_keys = OFF');
    const removeEpisode = sqlite.prepare('DELETE FROM episodes WHERE id = ?');
    sqlite.transaction(() => {
      for (const id of inLastBlock) removeEpisode.run(id);
    })();
    sqlite.pragma('foreign_keys = ON');
    expect(staleBlocks(sqlite)).toEqual([lastBlock]);
    await expectReportFromEpisodes(EVERY_EPISODE);
    sqlite.transaction(() => packStaleSpanBlocks(sqlite))();
    expect(sqlite.prepare('SELECT count(*) FROM span_blocks WHERE block_no = ?').pluck().get(lastBlock)).toBe(0);

    // New spans are numbered past the highest left, into a block of their own.
    const caseId = sqlite.prepare('SELECT id FROM cases ORDER BY id LIMIT 1').pluck().get() as string;
    insertOpenEpisodeRow(sqlite, { id: 'added', caseId, level: 'iop', startDate: '2026-11-28' });
    expect(staleBlocks(sqlite)).toHaveLength(1);
    await expectReportFromEpisodes(EVERY_EPISODE);
    sqlite.transaction(() => packStaleSpanBlocks(sqlite))();
    expect(blocksDisagreeingWithSpans(sqlite)).toEqual([]);
    await expectReportFromEpisodes(EVERY_EPISODE);
  });
});

describe('span numbers and values beyond 32 bits', () => {
  let sqlite: Database.Database;
  beforeAll(() => {
    sqlite = new Database(':memory:');
    migrate(sqlite, STEPWISE_APPLICATION_ID);
  });
  afterAll(() => sqlite.close());

  const visited = async (): Promise<unknown[]> => {
    const db = new Kysely<StepwiseSchema>({ dialect: new SqliteDialect({ database: sqlite }) });
    const spans: unknown[] = [];
    await visitEverySpan(db, (caseNo, startDay, endDay, level, reason) => spans.push([caseNo, startDay, endDay, level, reason]));
    return spans;
  };

  it('are packed and read in their own blocks, and a value the packed form cannot hold is read unpacked', async () => {
    const insert = sqlite.prepare('INSERT INTO episode_spans (span_no, case_no, start_day, end_day, level, reason) VALUES (?, ?, ?, ?, ?, ?)');
    insert.run(5, 1, 20_000, null, 0, null);
    insert.run(2_147_483_000, 2, 20_001, 20_010, 1, 2);
    insert.run(3_000_000_000, 3, 20_002, null, 2, null);
    insert.run(3_000_000_001, 4_294_967_296, 20_003, 20_004, 0, 1);
    const expected = [
      [1, 20_000, null, 0, null],
      [2, 20_001, 20_010, 1, 2],
      [3, 20_002, null, 2, null],
      [4_294_967_296, 20_003, 20_004, 0, 1],
    ];
    expect(staleBlocks(sqlite)).toEqual([0, 2_097_151, 2_929_687]);
    expect(await visited()).toEqual(expected);
    // The third block holds a case number beyond 32 bits: it stays marked, and is read from episode_spans.
    expect(sqlite.transaction(() => packStaleSpanBlocks(sqlite))()).toBe(2);
    expect(staleBlocks(sqlite)).toEqual([2_929_687]);
    expect(sqlite.prepare('SELECT block_no FROM span_blocks ORDER BY block_no').pluck().all()).toEqual([0, 2_097_151]);
    expect(await visited()).toEqual(expected);
  });

  it('are packed only inside a transaction', () => {
    expect(() => packStaleSpanBlocks(sqlite)).toThrow(/inside a transaction/);
  });
});

describe('opening the database', () => {
  const temp = makeTempDir();
  afterAll(() => temp.cleanup());

  it('packs the blocks that changes outside the app left stale', () => {
    const file = path.join(temp.dir, 'stepwise.db');
    const created = openDatabase({ file });
    writeReferenceCaseload(created.sqlite, { seed: 2026, cases: 300, today: TODAY });
    expect(staleBlocks(created.sqlite)).toEqual([]);
    created.sqlite
      .prepare("UPDATE episodes SET end_reason = 'other' WHERE rowid = (SELECT max(rowid) FROM episodes WHERE end_date IS NOT NULL)")
      .run();
    expect(staleBlocks(created.sqlite)).toHaveLength(1);
    created.close();

    const readOnly = openDatabase({ file, readonly: true });
    expect(staleBlocks(readOnly.sqlite)).toHaveLength(1);
    readOnly.close();

    const reopened = openDatabase({ file });
    expect(staleBlocks(reopened.sqlite)).toEqual([]);
    expect(blocksDisagreeingWithSpans(reopened.sqlite)).toEqual([]);
    reopened.close();
  });
});
