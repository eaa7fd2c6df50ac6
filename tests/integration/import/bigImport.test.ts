import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../../shared/contract/imports';
import { statisticsSettled } from '../../../electron/jobs/backgroundStatistics';
import { writeBigCasesCsv } from '../../support/bigCsv';
import { check, commitResult, countRows, openFile, recordsDigest } from '../../support/importFlow';
import { expectOk } from '../../support/seed';
import { createTestCore, type TestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';

const ROWS = 100_000;
let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;
let file: string;

beforeAll(async () => {
  temp = makeTempDir('stepwise-import-big-');
  core = await createTestCore(temp.dir);
  await core.signInAs('sam', ['supervisor']);
  file = path.join(temp.dir, 'big.csv');
  writeBigCasesCsv(file, ROWS);
});
afterAll(() => {
  core.close();
  temp.cleanup();
});

/** The schema as SQLite lists it: a large import drops the cases' indexes and builds them again, and must end with it unchanged. */
async function schema(): Promise<unknown[]> {
  return (await sql`SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name`.execute(core.database.db)).rows;
}

/** Polls the progress while `work` runs, as the window does, and returns what it saw. */
async function watchProgress<T>(
  importId: string,
  work: Promise<T>,
  onProgress?: (progress: ImportProgress) => Promise<void>,
): Promise<{ result: T; seen: ImportProgress[] }> {
  const seen: ImportProgress[] = [];
  let done = false;
  const finished = work.finally(() => {
    done = true;
  });
  while (!done) {
    const progress = expectOk<ImportProgress>(await core.registry.invoke('imports.progress', { importId }));
    seen.push(progress);
    await onProgress?.(progress);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { result: await finished, seen };
}

/** The background checkpoints the app logged (electron/jobs/backgroundCheckpoint.ts), once `count` of them have. */
async function backgroundCheckpoints(count: number): Promise<readonly Record<string, unknown>[]> {
  const logged = () => core.logger.entries.filter((entry) => entry.message.includes('checkpoint'));
  for (let waited = 0; logged().length < count && waited < 30_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  return logged().map((entry) => ({ message: entry.message, ...entry.detail }));
}

describe(`an import of ${ROWS.toLocaleString('en-US')} rows`, () => {
  it('Cancel during the write leaves the database as it was, and the whole file then imports with progress', { timeout: 120_000 }, async () => {
    const before = await recordsDigest(core);
    const schemaBefore = await schema();
    const opened = await openFile(core, 'cases', file);
    const checking = await watchProgress(opened.importId, check(core, opened));
    expect(checking.result).toMatchObject({ rows: ROWS, create: ROWS, problemCount: 0, blockers: [] });
    expect(
      checking.seen.some((progress) => progress.phase === 'checking' && progress.bytesRead > 0 && progress.bytesRead < progress.totalBytes),
    ).toBe(true);

    let cancelled = false;
    const attempt = await watchProgress(opened.importId, commitResult(core, opened), async (progress) => {
      if (!cancelled && progress.phase === 'writing' && progress.written > 0) {
        cancelled = true;
        expectOk(await core.registry.invoke('imports.cancel', { importId: opened.importId }));
      }
    });
    expect(cancelled).toBe(true);
    expect(attempt.result.ok ? 'imported' : attempt.result.error).toMatchObject({
      code: 'cancelled',
      message: 'The import was cancelled. Nothing was imported.',
    });
    expect(await recordsDigest(core)).toBe(before);
    expect(await schema()).toEqual(schemaBefore);
    // The cancelled write held only its worker's connection's automatic checkpoints, closed with it; never this one's.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await backgroundCheckpoints(0)).toHaveLength(0);
    expect(core.database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);

    const imported = await watchProgress(opened.importId, commitResult(core, opened));
    expect(imported.result.ok).toBe(true);
    expect(await countRows(core, 'cases')).toBe(ROWS);
    expect(await schema()).toEqual(schemaBefore);
    expect(core.database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    // The commit left the log for a worker to copy into the database file, off the main thread, then checkpoints resumed.
    const [afterImport] = await backgroundCheckpoints(1);
    expect(afterImport).toMatchObject({ message: 'Write-ahead log checkpointed in the background' });
    expect(afterImport?.['logPages']).toBeGreaterThan(1000);
    expect(afterImport?.['checkpointedPages']).toBe(afterImport?.['logPages']);
    expect(core.database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    // Then a worker gathers the planner's statistics for the filled tables, off the main thread too.
    await statisticsSettled(core.vault);
    const statistics = core.logger.entries.find((entry) => entry.message === 'Planner statistics gathered in the background');
    expect(String(statistics?.detail?.['tables'])).toMatch(/\bcases\b/);
    // Every case is numbered and findable by name, as the triggers on cases make it for any insert.
    const numbered = await sql<{ n: number }>`SELECT count(*) AS n FROM case_numbers`.execute(core.database.db);
    const named = await sql<{ n: number }>`SELECT count(*) AS n FROM case_names WHERE case_names MATCH 'person'`.execute(core.database.db);
    expect([numbered.rows[0]?.n, named.rows[0]?.n]).toEqual([ROWS, ROWS]);
    const phases = new Set(imported.seen.map((progress) => progress.phase));
    expect(phases).toContain('importing');
    expect(phases).toContain('writing');
    const writes = imported.seen.filter((progress) => progress.phase === 'writing').map((progress) => progress.written);
    expect(writes.some((written) => written > 0 && written < ROWS)).toBe(true);
  });
});
