import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditVerdict } from '../../../shared/contract/audit';
import { writeBigCasesCsv } from '../../support/bigCsv';
import { importFile, writeFile } from '../../support/importFlow';
import { expectOk } from '../../support/seed';
import { createTestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';

const ROOT = path.resolve(__dirname, '../../..');
const CHILD = path.join(ROOT, 'tests/support/importChild.ts');
const JITI = path.join(ROOT, 'node_modules/jiti/lib/jiti-cli.mjs');
const ROWS = 100_000;
const BASELINE_CASES = 3;
const SPREAD_KILLS = 15;
const COMMIT_KILLS = 6;

let temp: ReturnType<typeof makeTempDir>;
let pristine: string;
let csv: string;

/** A small seeded generator, so every run kills at the same moments. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

interface ChildRun {
  readonly signal: NodeJS.Signals | null;
  readonly code: number | null;
  /** Milliseconds from start to each marker the child printed before it ended. */
  readonly markers: Readonly<Record<string, number>>;
}

/** Runs the import in a child on a fresh copy of the pristine folder; `kill` decides, per marker or time, when to SIGKILL it. */
function runChild(dir: string, killAfterMs: number | null, killAfterMarker: { marker: string; delayMs: number } | null): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const markers: Record<string, number> = {};
    const child = spawn(process.execPath, [JITI, CHILD, dir, csv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const kill = () => child.kill('SIGKILL');
    const timer = killAfterMs === null ? null : setTimeout(kill, killAfterMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      for (const marker of chunk.split('\n').filter(Boolean)) {
        markers[marker] = Date.now() - started;
        if (killAfterMarker && marker === killAfterMarker.marker) setTimeout(kill, killAfterMarker.delayMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (code !== 0 && signal === null) reject(new Error(`the import child failed: ${stderr.slice(-2000)}`));
      else resolve({ code, signal, markers });
    });
  });
}

function freshCopy(name: string): string {
  const dir = path.join(temp.dir, name);
  fs.cpSync(pristine, dir, { recursive: true });
  return dir;
}

/** After a crash: the database opens with the key, passes integrity_check, holds all of the import or none, and its audit chain verifies. */
async function inspect(dir: string): Promise<{ cases: number; integrity: string; audit: AuditVerdict }> {
  const core = await createTestCore(dir);
  try {
    await core.signInAs('admin', ['admin']);
    const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(core.database.db);
    const counted = await sql<{ n: number }>`select count(*) as n from cases`.execute(core.database.db);
    const audit = expectOk<AuditVerdict>(await core.registry.invoke('audit.verify', {}));
    return { cases: Number(counted.rows[0]?.n), integrity: integrity.rows.map((row) => row.integrity_check).join(' '), audit };
  } finally {
    core.close();
  }
}

beforeAll(async () => {
  temp = makeTempDir('stepwise-import-crash-');
  pristine = path.join(temp.dir, 'pristine');
  fs.mkdirSync(pristine);
  const core = await createTestCore(pristine);
  // Imports of clinical records need the supervisor role; the same person later verifies the audit log as administrator.
  await core.signInAs('admin', ['admin', 'supervisor']);
  await core.addUser('sam', ['supervisor']);
  await importFile(
    core,
    'cases',
    writeFile(temp.dir, 'base.csv', 'mrn,name,date_of_birth\nK-1,Kim One,1980-01-01\nK-2,Kim Two,1981-01-01\nK-3,Kim Three,1982-01-01\n'),
  );
  core.close();
  csv = path.join(temp.dir, 'big.csv');
  writeBigCasesCsv(csv, ROWS, 'CRASH');
}, 60_000);
afterAll(() => temp.cleanup());

describe(`an import of ${ROWS.toLocaleString('en-US')} rows killed with SIGKILL`, () => {
  it('leaves a database that opens, passes integrity_check and holds the whole import or none of it, every time', { timeout: 900_000 }, async () => {
    const calibration = await runChild(freshCopy('calibration'), null, null);
    expect(calibration.code).toBe(0);
    const committed = calibration.markers.committed ?? 0;
    const commitStarted = calibration.markers['commit-started'];
    const commitEnded = calibration.markers['commit-ended'];
    expect(committed).toBeGreaterThan(0);
    expect(commitStarted).toBeDefined();
    expect(commitEnded).toBeGreaterThanOrEqual(commitStarted ?? Infinity);
    // How long SQLite's COMMIT of the whole import took, uninterrupted.
    const commitWindow = (commitEnded ?? 0) - (commitStarted ?? 0);

    const random = seeded(20261129);
    const outcomes: { moment: string; cases: number }[] = [];
    let commitKills = 0;
    let spreadKills = 0;
    for (let attempt = 0; spreadKills < SPREAD_KILLS || commitKills < COMMIT_KILLS; attempt += 1) {
      expect(attempt).toBeLessThan(60);
      const inCommit = spreadKills >= SPREAD_KILLS || (commitKills < COMMIT_KILLS && attempt % 3 === 2);
      const dir = freshCopy(`run-${attempt}`);
      // Spread kills fall anywhere from start-up to the end; commit kills aim inside SQLite's COMMIT of the import.
      const run = inCommit
        ? await runChild(dir, null, { marker: 'commit-started', delayMs: Math.floor(random() * Math.max(1, commitWindow * 0.9)) })
        : await runChild(dir, Math.floor(random() * committed), null);
      const state = await inspect(dir);
      expect(state.integrity).toBe('ok');
      expect(state.audit.intact).toBe(true);
      expect([BASELINE_CASES, BASELINE_CASES + ROWS]).toContain(state.cases);
      // A commit kill counts only when it landed while the COMMIT was under way (the load on the machine varies, so
      // one that came after it is tried again); a spread kill counts wherever it landed.
      const duringCommit = run.markers['commit-started'] !== undefined && run.markers['commit-ended'] === undefined;
      if (run.signal === 'SIGKILL' && (!inCommit || duringCommit)) {
        if (inCommit) commitKills += 1;
        else spreadKills += 1;
        outcomes.push({ moment: duringCommit ? 'commit' : (Object.keys(run.markers).at(-1) ?? 'start-up'), cases: state.cases });
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(spreadKills + commitKills).toBeGreaterThanOrEqual(20);
    expect(commitKills).toBeGreaterThanOrEqual(5);
    // The kills reached every stage: before the check ended, while reading for the import, while writing, and at the commit.
    expect(new Set(outcomes.map((outcome) => outcome.moment)).size).toBeGreaterThanOrEqual(3);
  });
});
