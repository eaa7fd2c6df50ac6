import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import type { DecisionRecord } from '../../../shared/contract/decisions';
import type { ExportReviewRequestOutput, ExportSignOffOutput, ImportPacketOutput } from '../../../shared/contract/packets';
import type { Result } from '../../../shared/contract/result';
import type { Clock } from '../../../electron/services/context';
import { expectOk } from '../../support/seed';
import { makeTempDir } from '../../support/tempDir';
import { createTestCore, sequentialIds, TEST_NOW, type TestCore } from '../../support/testCore';
import type { CaseFixture } from '../support/caseFixture';

/**
 * Two Stepwise installations side by side for the review packet tests (docs/PACKETS.md): the clinic's and the
 * supervisor's, and the steps that carry a packet from one to the other.
 */
export const PASSPHRASE = 'our clinic shares this passphrase';
const TABLES = ['users', 'cases', 'episodes', 'decisions', 'decision_reviews', 'packets_seen', 'packet_conflicts', 'audit_events', 'disclosures'];

/** The two installations of a test: the clinic's (Dana, clinician; Lee, supervisor) and the supervisor's (Sam, Ola). */
export interface TwoInstallations {
  temp: ReturnType<typeof makeTempDir>;
  clinic: TestCore;
  supervisorSide: TestCore;
}

export const two = {} as TwoInstallations;

/** The clinic's clock, moved on by the tests: a resubmission happens later than the submission it replaces. */
let clinicNow = TEST_NOW.getTime();
const clinicClock: Clock = { now: () => new Date(clinicNow), today: () => new Date(clinicNow).toISOString().slice(0, 10) };
export function later(minutes: number): void {
  clinicNow += minutes * 60_000;
}

/** Fresh installations, each with its own data directory, for every test of the file that calls this. */
export function useTwoInstallations(): void {
  beforeEach(async () => {
    two.temp = makeTempDir();
    clinicNow = TEST_NOW.getTime();
    two.clinic = await createTestCore(path.join(two.temp.dir, 'a'), { newId: sequentialIds('a'), clock: clinicClock });
    two.supervisorSide = await createTestCore(path.join(two.temp.dir, 'b'), { newId: sequentialIds('b') });
    await two.clinic.addUser('dana', ['clinician'], 'Dana Reyes');
    await two.clinic.addUser('lee', ['supervisor'], 'Lee Chan');
    await two.supervisorSide.addUser('sam', ['supervisor'], 'Sam Okafor');
    await two.supervisorSide.addUser('ola', ['supervisor'], 'Ola Berg');
  });
  afterEach(() => {
    two.clinic.close();
    two.supervisorSide.close();
    two.temp.cleanup();
  });
}

export function counts(core: TestCore): Record<string, number> {
  return Object.fromEntries(
    TABLES.map((table) => [table, (core.database.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]),
  );
}

export function file(name: string, bytes: Uint8Array): string {
  const target = path.join(two.temp.dir, name);
  writeFileSync(target, bytes);
  return target;
}

export function lastSaved(core: TestCore): Uint8Array {
  const saved = core.savedFiles.at(-1);
  if (!saved?.bytes) throw new Error('no packet was saved');
  return saved.bytes;
}

export function expectRefused(result: Result<unknown>, code: string, pattern: RegExp): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe(code);
  expect(result.error.message).toMatch(pattern);
}

/** Dana steps a case down from IOP to outpatient today and submits it for review. */
export async function submitStepDown(fixture: CaseFixture): Promise<string> {
  await two.clinic.signInAs('dana', ['clinician']);
  const decision = expectOk<DecisionRecord>(
    await two.clinic.registry.invoke('decisions.save', {
      caseId: fixture.caseId,
      assessmentId: fixture.assessmentId,
      chosenLevel: 'outpatient',
      effectiveDate: '2026-11-29',
      varianceReason: 'clinical-judgement',
      varianceText: 'Stable for four weeks.',
      submit: true,
    }),
  );
  return decision.id;
}

export async function sendRequest(decisionIds: string[]): Promise<{ packetId: string; bytes: Uint8Array }> {
  await two.clinic.signInAs('dana', ['clinician']);
  const output = expectOk<ExportReviewRequestOutput>(
    await two.clinic.registry.invoke('packets.exportRequest', { decisionIds, passphrase: PASSPHRASE, disclosure: null }),
  );
  return { packetId: output.packetId, bytes: lastSaved(two.clinic) };
}

export async function openOn(
  core: TestCore,
  who: string,
  role: 'clinician' | 'supervisor',
  bytes: Uint8Array,
  name: string,
  passphrase = PASSPHRASE,
) {
  await core.signInAs(who, [role]);
  core.chooseImportFile(file(name, bytes));
  return core.registry.invoke('packets.import', { passphrase });
}

/** On B: import the request, review each decision, send the sign-off. */
export async function reviewOnB(request: Uint8Array, outcomes: Record<string, 'approve' | 'return'>, reviewer = 'sam'): Promise<Uint8Array> {
  const imported = expectOk<ImportPacketOutput>(await openOn(two.supervisorSide, reviewer, 'supervisor', request, 'request.stepwise-packet'));
  for (const [decisionId, outcome] of Object.entries(outcomes)) {
    const result =
      outcome === 'approve'
        ? await two.supervisorSide.registry.invoke('decisions.approve', { decisionId, comment: 'Agree with the step-down.' })
        : await two.supervisorSide.registry.invoke('decisions.return', { decisionId, comment: 'Check the housing first.' });
    expectOk<DecisionRecord>(result);
  }
  expectOk<ExportSignOffOutput>(
    await two.supervisorSide.registry.invoke('packets.exportSignOff', {
      requestPacketId: imported.packetId ?? '',
      passphrase: PASSPHRASE,
      disclosure: null,
    }),
  );
  return lastSaved(two.supervisorSide);
}

export function decisionRow(core: TestCore, id: string): Record<string, unknown> {
  return core.database.sqlite
    .prepare('SELECT status, reviewer_id, review_comment, reviewed_at, applied_at FROM decisions WHERE id = ?')
    .get(id) as Record<string, unknown>;
}
