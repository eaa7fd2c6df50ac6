import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { statisticsSettled } from '../../../electron/jobs/backgroundStatistics';
import { createWorkerJobRunner } from '../../../electron/jobs/jobRunner';
import { createAppCore } from '../../../electron/core/createAppCore';
import { newRecordId } from '../../../electron/core/recordIds';
import { createEncryptedDatabase } from '../../../electron/core/vault';
import { openDatabase } from '../../../electron/db/openDatabase';
import { rebuildsCaseIndexes } from '../../../electron/import/writeCases';
import { createMemoryLogger, type MemoryLogger } from '../../../electron/log/logger';
import { insertUser, syntheticUserRow } from '../../../electron/repositories/usersRepository';
import { createKeyring } from '../../../electron/security/keyring';
import type { SessionUser } from '../../../shared/contract/auth';
import type { ImportFile, ImportReport, ImportResult } from '../../../shared/contract/imports';
import type { Result } from '../../../shared/contract/result';
import { benchShell } from '../benchContext';
import type { Job, JobRequest } from '../job';
import { importCases } from '../importCases';
import { markAppPeak, measure, timed, timedWithBlocking } from '../measure';

const BENCH_PASSWORD = 'bench password, not a secret';

function valueOf<T>(result: Result<unknown>, what: string): T {
  if (!result.ok) throw new Error(`${what} failed: ${result.error.message}`);
  return result.value as T;
}

/** A supervisor's first start: the encrypted database with its keyring and the supervisor, then signed in. */
async function signedInCore(dataDir: string, file: string, logger: MemoryLogger) {
  const core = await createAppCore({
    dataDir,
    appVersion: '0.0.0-bench',
    logger,
    // The app's built worker: the check and the import run on worker threads, as in the app.
    jobs: createWorkerJobRunner(path.resolve(__dirname, '../../../out/main/jobWorker.js')),
    shell: benchShell(file),
  });
  const user: SessionUser = {
    id: randomUUID(),
    username: 'bench-supervisor',
    displayName: 'Bench Supervisor',
    roles: ['supervisor'],
    mustChangePassword: false,
  };
  const { keyring, dataKey } = await createKeyring({ userId: user.id, username: user.username }, BENCH_PASSWORD);
  const now = new Date().toISOString();
  await createEncryptedDatabase(core.vault, keyring, dataKey, (created) =>
    insertUser(created.db, syntheticUserRow({ ...user, active: true }, now), user.roles),
  );
  core.vault.openEncrypted(dataKey);
  core.session.begin(user);
  return core;
}

/** What the background checkpoint after the import logged, once it has (electron/jobs/backgroundCheckpoint.ts). */
async function backgroundCheckpoint(logger: MemoryLogger): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const entry = logger.entries.find((logged) => logged.message.includes('checkpoint'));
    if (entry) return { message: entry.message, ...entry.detail };
    if (Date.now() > deadline) throw new Error('The background checkpoint after the import did not finish within a minute');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The CSV file, written by a process of its own (scripts/bench/importCsvChild.ts). */
function writeCsvApart(file: string, request: JobRequest): void {
  const jiti = path.resolve(__dirname, '../../../node_modules/jiti/lib/jiti-cli.mjs');
  const child = path.resolve(__dirname, '../importCsvChild.ts');
  const written = spawnSync(process.execPath, [jiti, child, file, String(request.seed), String(request.cases), request.today], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (written.status !== 0) throw new Error(`Writing the import file failed (exit code ${written.status ?? written.signal ?? 'unknown'}).`);
}

/**
 * A CSV file of as many new cases as the reference caseload holds, imported through the app's own path (the IPC
 * registry: open, check, commit in one transaction on a worker thread, as a supervisor does it) into a new encrypted database, against a
 * prepared-insert loop of the same rows (the app's kind of ids) in one transaction on a raw connection to another new
 * encrypted database, every index and trigger in place. The app's path may build the cases' indexes again once instead
 * (`rebuildsCaseIndexes`), which the baseline does not: the detail says when it did.
 */
export const importJob: Job = async ({ request }) => {
  const file = path.join(request.workDir, 'import-cases.csv');
  writeCsvApart(file, request);

  const appDir = path.join(request.workDir, 'import-app');
  const logger = createMemoryLogger();
  const core = await signedInCore(appDir, file, logger);
  let opened: ImportFile;
  let check: { ms: number; longestBlockMs: number };
  let commit: { value: ImportResult; ms: number; longestBlockMs: number };
  let checkpoint: Record<string, unknown>;
  let statistics: Record<string, unknown> | null;
  try {
    opened = valueOf<ImportFile>(await core.registry.invoke('imports.open', { kind: 'cases' }), 'Opening the file');
    const choices = { importId: opened.importId, columns: opened.columns, dateFormat: opened.dateFormat, existing: 'stop' };
    const checked = await timedWithBlocking(async () => valueOf<ImportReport>(await core.registry.invoke('imports.check', choices), 'The check'));
    if (checked.value.blockers.length > 0) throw new Error(`The check found blockers: ${checked.value.blockers.join(' ')}`);
    check = checked;
    commit = await timedWithBlocking(async () => valueOf<ImportResult>(await core.registry.invoke('imports.commit', choices), 'The import'));
    checkpoint = await backgroundCheckpoint(logger);
    // Then, on a worker thread too, the planner's statistics for the filled tables; the raw loop below must not share the cores with it.
    await statisticsSettled(core.vault);
    const gathered = logger.entries.find((logged) => logged.message === 'Planner statistics gathered in the background');
    statistics = gathered ? { ...gathered.detail } : null;
  } finally {
    core.close();
  }
  markAppPeak();

  const rows = importCases(request);
  const rawDatabase = openDatabase({ file: path.join(request.workDir, 'import-raw.db'), key: Buffer.alloc(32, 1) });
  const raw = await timed(() => {
    const insert = rawDatabase.sqlite.prepare(
      `INSERT INTO cases (id, mrn, full_name, date_of_birth, level, status, program, synthetic, created_at, updated_at, clinician_id, payer)
       VALUES (?, ?, ?, ?, NULL, 'active', ?, 0, ?, ?, NULL, ?)`,
    );
    const now = new Date().toISOString();
    rawDatabase.sqlite.transaction(() => {
      for (const row of rows)
        insert.run(newRecordId(), row.mrn, row.name, row.dateOfBirth, row.program, now, now, row.payer === '' ? null : row.payer);
    })();
  });
  rawDatabase.close();

  const rate = (ms: number): number => rows.length / (ms / 1000);
  return [
    measure(request.cases, {
      name: 'import.cases',
      value: rate(commit.ms),
      unit: 'rows/s',
      baseline: rate(raw.ms),
      bound: { atLeast: 50_000, ratioAtMost: 3 },
      higherIsBetter: true,
      detail: {
        rows: rows.length,
        created: commit.value.create,
        // A new database: the app drops the cases' non-unique secondary indexes and builds them once after the rows.
        appRebuiltCaseIndexes: rebuildsCaseIndexes(0, commit.value.create),
        baselineMethod: 'row-by-row prepared INSERT, every index and trigger live, one transaction',
        commitMs: Math.round(commit.ms),
        checkMs: Math.round(check.ms),
        // After the commit, on a worker thread: the log copied into the database file (not in the figure; in the peak).
        backgroundCheckpoint: checkpoint,
        // After the checkpoint, on a worker thread: the planner's statistics for the filled tables (not in the figure).
        backgroundStatistics: statistics,
        checkAndCommitRowsPerSecond: Math.round(rate(check.ms + commit.ms)),
        baselineMs: Math.round(raw.ms),
        fileMB: Math.round(fs.statSync(file).size / 1e5) / 10,
        // The main process's event loop while the workers check and write: what the window would feel.
        longestEventLoopBlockMs: { check: Math.round(check.longestBlockMs), commit: Math.round(commit.longestBlockMs) },
      },
    }),
  ];
};
