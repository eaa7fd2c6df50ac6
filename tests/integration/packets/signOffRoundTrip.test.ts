import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../../shared/contract/caseDetail';
import type { DecisionRecord } from '../../../shared/contract/decisions';
import type {
  ExportReviewRequestOutput,
  ExportSignOffOutput,
  ImportPacketOutput,
  PacketConflict,
  PacketsOverview,
} from '../../../shared/contract/packets';
import type { Result } from '../../../shared/contract/result';
import { expectOk } from '../../support/seed';
import { makeTempDir } from '../../support/tempDir';
import type { Clock } from '../../../electron/services/context';
import { createTestCore, sequentialIds, TEST_APP_VERSION, TEST_NOW, TEST_PASSWORD_KDF, type TestCore } from '../../support/testCore';
import { decisionFingerprint, packetDecisionOf } from '../../../electron/packets/decisionFingerprint';
import { sealPacket } from '../../../electron/packets/packetFile';
import type { DecisionRow } from '../../../electron/repositories/decisionsRepository';
import { makeAssessmentInput } from '../../factories/assessments';
import { makeSignOff, SUPERVISOR_INSTALLATION } from '../../factories/packets';
import { prepareCase, type CaseFixture } from '../support/caseFixture';

const PASSPHRASE = 'our clinic shares this passphrase';
const TABLES = ['users', 'cases', 'episodes', 'decisions', 'decision_reviews', 'packets_seen', 'packet_conflicts', 'audit_events', 'disclosures'];

let temp: ReturnType<typeof makeTempDir>;
/** The clinic's clock, moved on by the tests: a resubmission happens later than the submission it replaces. */
let clinicNow = TEST_NOW.getTime();
const clinicClock: Clock = { now: () => new Date(clinicNow), today: () => new Date(clinicNow).toISOString().slice(0, 10) };
function later(minutes: number): void {
  clinicNow += minutes * 60_000;
}
let clinic: TestCore;
let supervisorSide: TestCore;

beforeEach(async () => {
  temp = makeTempDir();
  clinicNow = TEST_NOW.getTime();
  clinic = await createTestCore(path.join(temp.dir, 'a'), { newId: sequentialIds('a'), clock: clinicClock });
  supervisorSide = await createTestCore(path.join(temp.dir, 'b'), { newId: sequentialIds('b') });
  await clinic.addUser('dana', ['clinician'], 'Dana Reyes');
  await clinic.addUser('lee', ['supervisor'], 'Lee Chan');
  await supervisorSide.addUser('sam', ['supervisor'], 'Sam Okafor');
  await supervisorSide.addUser('ola', ['supervisor'], 'Ola Berg');
});
afterEach(() => {
  clinic.close();
  supervisorSide.close();
  temp.cleanup();
});

function counts(core: TestCore): Record<string, number> {
  return Object.fromEntries(
    TABLES.map((table) => [table, (core.database.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]),
  );
}

function file(name: string, bytes: Uint8Array): string {
  const target = path.join(temp.dir, name);
  writeFileSync(target, bytes);
  return target;
}

function lastSaved(core: TestCore): Uint8Array {
  const saved = core.savedFiles.at(-1);
  if (!saved?.bytes) throw new Error('no packet was saved');
  return saved.bytes;
}

function expectRefused(result: Result<unknown>, code: string, pattern: RegExp): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe(code);
  expect(result.error.message).toMatch(pattern);
}

/** Dana steps a case down from IOP to outpatient today and submits it for review. */
async function submitStepDown(fixture: CaseFixture): Promise<string> {
  await clinic.signInAs('dana', ['clinician']);
  const decision = expectOk<DecisionRecord>(
    await clinic.registry.invoke('decisions.save', {
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

async function sendRequest(decisionIds: string[]): Promise<{ packetId: string; bytes: Uint8Array }> {
  await clinic.signInAs('dana', ['clinician']);
  const output = expectOk<ExportReviewRequestOutput>(
    await clinic.registry.invoke('packets.exportRequest', { decisionIds, passphrase: PASSPHRASE, disclosure: null }),
  );
  return { packetId: output.packetId, bytes: lastSaved(clinic) };
}

async function openOn(core: TestCore, who: string, role: 'clinician' | 'supervisor', bytes: Uint8Array, name: string, passphrase = PASSPHRASE) {
  await core.signInAs(who, [role]);
  core.chooseImportFile(file(name, bytes));
  return core.registry.invoke('packets.import', { passphrase });
}

/** On B: import the request, review each decision, send the sign-off. */
async function reviewOnB(request: Uint8Array, outcomes: Record<string, 'approve' | 'return'>, reviewer = 'sam'): Promise<Uint8Array> {
  const imported = expectOk<ImportPacketOutput>(await openOn(supervisorSide, reviewer, 'supervisor', request, 'request.stepwise-packet'));
  for (const [decisionId, outcome] of Object.entries(outcomes)) {
    const result =
      outcome === 'approve'
        ? await supervisorSide.registry.invoke('decisions.approve', { decisionId, comment: 'Agree with the step-down.' })
        : await supervisorSide.registry.invoke('decisions.return', { decisionId, comment: 'Check the housing first.' });
    expectOk<DecisionRecord>(result);
  }
  expectOk<ExportSignOffOutput>(
    await supervisorSide.registry.invoke('packets.exportSignOff', {
      requestPacketId: imported.packetId ?? '',
      passphrase: PASSPHRASE,
      disclosure: null,
    }),
  );
  return lastSaved(supervisorSide);
}

function decisionRow(core: TestCore, id: string): Record<string, unknown> {
  return core.database.sqlite
    .prepare('SELECT status, reviewer_id, review_comment, reviewed_at, applied_at FROM decisions WHERE id = ?')
    .get(id) as Record<string, unknown>;
}

describe('the full round trip: clinician → supervisor → clinician', () => {
  it('applies the remote approval exactly as a local one, episodes included, in the remote reviewer’s name', async () => {
    const fixture = await prepareCase(clinic, 'dana');
    const decisionId = await submitStepDown(fixture);
    const request = await sendRequest([decisionId]);
    const signOff = await reviewOnB(request.bytes, { [decisionId]: 'approve' });
    // The sign-off never shows the patient either.
    expect(Buffer.from(signOff).includes(Buffer.from(fixture.fullName))).toBe(false);

    const applied = expectOk<ImportPacketOutput>(await openOn(clinic, 'dana', 'clinician', signOff, 'sign-off.stepwise-packet'));
    expect(applied).toMatchObject({ opened: true, kind: 'sign-off', approved: 1, returned: 0, conflicts: 0, reviewerName: 'Sam Okafor' });

    // As a local approval: approved by Sam's id, the review kept, the step-down applied to the episodes.
    expect(decisionRow(clinic, decisionId)).toMatchObject({
      status: 'approved',
      reviewer_id: 'user-sam',
      review_comment: 'Agree with the step-down.',
    });
    expect(decisionRow(clinic, decisionId)['applied_at']).not.toBeNull();
    const detail = expectOk<CaseDetail>(await clinic.registry.invoke('cases.get', { caseId: fixture.caseId }));
    expect(detail.episodes.map((episode) => [episode.level, episode.startDate, episode.endDate])).toEqual([
      ['iop', '2026-11-02', '2026-11-29'],
      ['outpatient', '2026-11-29', null],
    ]);
    // Sam is a remote user on A (cannot sign in) and the audit log names him as the approver, with who imported.
    const sam = clinic.database.sqlite.prepare('SELECT active, password_hash, remote_installation_id FROM users WHERE id = ?').get('user-sam');
    expect(sam).toMatchObject({ active: 0, password_hash: null });
    const audit = clinic.database.sqlite
      .prepare("SELECT user_id, details FROM audit_events WHERE action = 'decision-approved' AND record_id = ?")
      .all(decisionId) as { user_id: string; details: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]?.user_id).toBe('user-sam');
    expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({ importedBy: 'user-dana', caseId: fixture.caseId });
    // The request now shows its answer.
    const { sent } = expectOk<PacketsOverview>(await clinic.registry.invoke('packets.overview', {}));
    expect(sent).toEqual([expect.objectContaining({ packetId: request.packetId, decisions: 1, waiting: 0, signOffs: 1 })]);
  });

  it('applies a return with its comment; the clinician can edit and send the decision again', async () => {
    const fixture = await prepareCase(clinic, 'dana');
    const decisionId = await submitStepDown(fixture);
    const request = await sendRequest([decisionId]);
    const signOff = await reviewOnB(request.bytes, { [decisionId]: 'return' });
    const applied = expectOk<ImportPacketOutput>(await openOn(clinic, 'dana', 'clinician', signOff, 'sign-off.stepwise-packet'));
    expect(applied).toMatchObject({ returned: 1, approved: 0, conflicts: 0 });
    expect(decisionRow(clinic, decisionId)).toMatchObject({
      status: 'returned',
      reviewer_id: 'user-sam',
      review_comment: 'Check the housing first.',
    });
    // Episodes unchanged by a return.
    const detail = expectOk<CaseDetail>(await clinic.registry.invoke('cases.get', { caseId: fixture.caseId }));
    expect(detail.episodes.map((episode) => episode.level)).toEqual(['iop']);
    // Resubmitted under the same id, it travels again and B sets it back to waiting, the old review cleared.
    later(30);
    await clinic.signInAs('dana', ['clinician']);
    expectOk(await clinic.registry.invoke('decisions.submit', { decisionId }));
    const again = await sendRequest([decisionId]);
    const reimported = expectOk<ImportPacketOutput>(await openOn(supervisorSide, 'sam', 'supervisor', again.bytes, 'again.stepwise-packet'));
    expect(reimported).toMatchObject({ decisions: 1 });
    expect(decisionRow(supervisorSide, decisionId)).toMatchObject({
      status: 'submitted',
      reviewer_id: null,
      review_comment: null,
      reviewed_at: null,
    });
  });

  it('does not undo a return made on the supervisor’s side when the same version is sent again', async () => {
    const fixture = await prepareCase(clinic, 'dana');
    const decisionId = await submitStepDown(fixture);
    const request = await sendRequest([decisionId]);
    await reviewOnB(request.bytes, { [decisionId]: 'return' });
    // Before the sign-off arrives, Dana sends the same, unchanged decision again.
    const resent = await sendRequest([decisionId]);
    const before = counts(supervisorSide);
    expectRefused(
      await openOn(supervisorSide, 'sam', 'supervisor', resent.bytes, 'resent.stepwise-packet'),
      'conflict',
      new RegExp(`MRN ${fixture.mrn} was already returned here by Sam Okafor, and the packet carries it unchanged`),
    );
    expect(counts(supervisorSide)).toEqual(before);
    expect(decisionRow(supervisorSide, decisionId)).toMatchObject({ status: 'returned', review_comment: 'Check the housing first.' });
  });

  it('runs a second round on the same case after an approval changed its episodes on both sides', async () => {
    const fixture = await prepareCase(clinic, 'dana');
    const first = await submitStepDown(fixture);
    const firstRequest = await sendRequest([first]);
    expectOk(await openOn(clinic, 'dana', 'clinician', await reviewOnB(firstRequest.bytes, { [first]: 'approve' }), 'first.stepwise-packet'));
    // Both sides opened the outpatient episode under the same id.
    const openEpisode = (core: TestCore) =>
      core.database.sqlite.prepare('SELECT id, level FROM episodes WHERE case_id = ? AND end_date IS NULL').get(fixture.caseId);
    expect(openEpisode(clinic)).toEqual(openEpisode(supervisorSide));

    // Round two: a month later Dana steps the case up to IOP again.
    later(60 * 24 * 3);
    await clinic.signInAs('dana', ['clinician']);
    const assessment = expectOk<{ id: string }>(
      await clinic.registry.invoke('assessments.save', makeAssessmentInput(fixture.caseId, { assessedOn: '2026-12-02' })),
    );
    const second = expectOk<DecisionRecord>(
      await clinic.registry.invoke('decisions.save', {
        caseId: fixture.caseId,
        assessmentId: assessment.id,
        chosenLevel: 'iop',
        effectiveDate: '2026-12-02',
        varianceReason: 'clinical-judgement',
        varianceText: 'Relapse risk rose.',
        submit: true,
      }),
    ).id;
    const secondRequest = await sendRequest([second]);
    const imported = expectOk<ImportPacketOutput>(
      await openOn(supervisorSide, 'sam', 'supervisor', secondRequest.bytes, 'second-request.stepwise-packet'),
    );
    expect(imported).toMatchObject({ decisions: 1, cases: 1 });
    expectOk(await supervisorSide.registry.invoke('decisions.approve', { decisionId: second }));
    expectOk(
      await supervisorSide.registry.invoke('packets.exportSignOff', {
        requestPacketId: secondRequest.packetId,
        passphrase: PASSPHRASE,
        disclosure: null,
      }),
    );
    const applied = expectOk<ImportPacketOutput>(await openOn(clinic, 'dana', 'clinician', lastSaved(supervisorSide), 'second.stepwise-packet'));
    expect(applied).toMatchObject({ approved: 1, conflicts: 0 });
    const levels = (core: TestCore) =>
      core.database.sqlite.prepare('SELECT id, level, start_date, end_date FROM episodes WHERE case_id = ? ORDER BY start_date').all(fixture.caseId);
    expect(levels(clinic).map((row) => (row as { level: string }).level)).toEqual(['iop', 'outpatient', 'iop']);
    // B's clock is still before 2 December, so there the step-up waits as planned; the history before it is the same.
    expect(levels(supervisorSide)).toEqual(
      levels(clinic)
        .slice(0, 2)
        .map((row, index) => (index === 1 ? { ...(row as object), end_date: null } : row)),
    );
  });

  it('changes nothing when the same sign-off is imported twice, and treats a re-sent sign-off as already applied', async () => {
    const fixture = await prepareCase(clinic, 'dana');
    const decisionId = await submitStepDown(fixture);
    const request = await sendRequest([decisionId]);
    const signOff = await reviewOnB(request.bytes, { [decisionId]: 'approve' });
    expectOk(await openOn(clinic, 'dana', 'clinician', signOff, 'sign-off.stepwise-packet'));
    const before = counts(clinic);
    expectRefused(
      await openOn(clinic, 'dana', 'clinician', signOff, 'sign-off.stepwise-packet'),
      'conflict',
      /already imported on 2026-11-29 by Dana Reyes; nothing changed/,
    );
    expect(counts(clinic)).toEqual(before);

    // Sam sends the sign-off again (a new packet, e.g. the first e-mail was lost): nothing is applied twice.
    await supervisorSide.signInAs('sam', ['supervisor']);
    expectOk(
      await supervisorSide.registry.invoke('packets.exportSignOff', { requestPacketId: request.packetId, passphrase: PASSPHRASE, disclosure: null }),
    );
    const resent = expectOk<ImportPacketOutput>(await openOn(clinic, 'dana', 'clinician', lastSaved(supervisorSide), 'resent.stepwise-packet'));
    expect(resent).toMatchObject({ approved: 0, alreadyApplied: 1, conflicts: 0 });
    expect(clinic.database.sqlite.prepare('SELECT count(*) AS n FROM decision_reviews').get()).toEqual({ n: 1 });
  });

  it('refuses a tampered, cut or wrong-passphrase sign-off and changes nothing', async () => {
    const fixture = await prepareCase(clinic, 'dana');
    const decisionId = await submitStepDown(fixture);
    const request = await sendRequest([decisionId]);
    const signOff = await reviewOnB(request.bytes, { [decisionId]: 'approve' });
    const before = counts(clinic);
    expectRefused(await openOn(clinic, 'dana', 'clinician', signOff, 's.stepwise-packet', 'a guess'), 'invalid_input', /passphrase is wrong/);
    const tampered = Uint8Array.from(signOff);
    tampered[tampered.length - 20] = (tampered[tampered.length - 20] ?? 0) ^ 0x80;
    expectRefused(await openOn(clinic, 'dana', 'clinician', tampered, 't.stepwise-packet'), 'invalid_input', /changed after it was made/);
    expectRefused(await openOn(clinic, 'dana', 'clinician', signOff.subarray(0, signOff.length - 7), 'c.stepwise-packet'), 'invalid_input', /./);
    expect(counts(clinic)).toEqual(before);
    expect(decisionRow(clinic, decisionId)).toMatchObject({ status: 'submitted' });
  });

  it('refuses a sign-off that answers a request this installation never sent', async () => {
    const fixture = await prepareCase(clinic, 'dana');
    const decisionId = await submitStepDown(fixture);
    const request = await sendRequest([decisionId]);
    const signOff = await reviewOnB(request.bytes, { [decisionId]: 'approve' });
    // A third installation, which never sent anything, is handed the sign-off.
    const other = await createTestCore(path.join(temp.dir, 'c'), { newId: sequentialIds('c') });
    try {
      await other.addUser('kim', ['clinician'], 'Kim Park');
      const before = counts(other);
      expectRefused(await openOn(other, 'kim', 'clinician', signOff, 'x.stepwise-packet'), 'conflict', /not sent from this installation/);
      expect(counts(other)).toEqual(before);
    } finally {
      other.close();
    }
  });

  it('refuses a review request opened by a clinician, and a sign-off opened by the supervisor side that made it', async () => {
    const fixture = await prepareCase(clinic, 'dana');
    const decisionId = await submitStepDown(fixture);
    const request = await sendRequest([decisionId]);
    await supervisorSide.addUser('kai', ['clinician'], 'Kai Moss');
    expectRefused(await openOn(supervisorSide, 'kai', 'clinician', request.bytes, 'r.stepwise-packet'), 'forbidden', /a supervisor opens it/);
    const signOff = await reviewOnB(request.bytes, { [decisionId]: 'approve' });
    expectRefused(await openOn(supervisorSide, 'sam', 'supervisor', signOff, 's.stepwise-packet'), 'conflict', /made by this installation/);
  });

  it('leaves out decisions another supervisor reviewed and says how many still wait', async () => {
    const first = await prepareCase(clinic, 'dana');
    const second = await prepareCase(clinic, 'dana');
    const third = await prepareCase(clinic, 'dana');
    const ids = [await submitStepDown(first), await submitStepDown(second), await submitStepDown(third)];
    const request = await sendRequest(ids);
    expectOk(await openOn(supervisorSide, 'sam', 'supervisor', request.bytes, 'request.stepwise-packet'));
    expectOk(await supervisorSide.registry.invoke('decisions.approve', { decisionId: ids[0] ?? '' }));
    await supervisorSide.signInAs('ola', ['supervisor']);
    expectOk(await supervisorSide.registry.invoke('decisions.approve', { decisionId: ids[1] ?? '' }));
    await supervisorSide.signInAs('sam', ['supervisor']);
    const output = expectOk<ExportSignOffOutput>(
      await supervisorSide.registry.invoke('packets.exportSignOff', { requestPacketId: request.packetId, passphrase: PASSPHRASE, disclosure: null }),
    );
    expect(output).toMatchObject({ saved: true, approved: 1, returned: 0, waiting: 1, reviewedByOthers: 1 });
    const { received } = expectOk<PacketsOverview>(await supervisorSide.registry.invoke('packets.overview', {}));
    expect(received).toEqual([
      expect.objectContaining({
        packetId: request.packetId,
        decisions: 3,
        waiting: 1,
        reviewedByYou: 1,
        reviewedByOthers: 1,
        signOffsSent: 1,
        authors: ['Dana Reyes'],
      }),
    ]);
    // Nothing reviewed by Ola is in Sam's packet; a supervisor with nothing reviewed is told so.
    await supervisorSide.addUser('max', ['supervisor'], 'Max Lund');
    await supervisorSide.signInAs('max', ['supervisor']);
    expectRefused(
      await supervisorSide.registry.invoke('packets.exportSignOff', { requestPacketId: request.packetId, passphrase: PASSPHRASE, disclosure: null }),
      'conflict',
      /not reviewed any decision of this request yet \(1 waiting\)/,
    );
  });
});

describe('a sign-off that leaves the clinic', () => {
  it('is recorded as a disclosure per case with the export; one that stays in the clinic is not', async () => {
    const first = await prepareCase(clinic, 'dana');
    const second = await prepareCase(clinic, 'dana');
    const request = await sendRequest([await submitStepDown(first), await submitStepDown(second)]);
    const ids = (clinic.database.sqlite.prepare('SELECT decision_id FROM packets_sent ORDER BY decision_id').all() as { decision_id: string }[]).map(
      (row) => row.decision_id,
    );
    await reviewOnB(request.bytes, Object.fromEntries(ids.map((id) => [id, 'approve' as const])));
    expect(supervisorSide.database.sqlite.prepare('SELECT count(*) AS n FROM disclosures').get()).toEqual({ n: 0 });
    const disclosure = { recipient: 'County review board', purpose: 'External quality review of placements.', consentReference: 'CONSENT-7' };
    expectOk<ExportSignOffOutput>(
      await supervisorSide.registry.invoke('packets.exportSignOff', { requestPacketId: request.packetId, passphrase: PASSPHRASE, disclosure }),
    );
    const rows = supervisorSide.database.sqlite.prepare('SELECT case_id, recipient FROM disclosures ORDER BY case_id').all();
    expect(rows).toEqual([
      { case_id: first.caseId, recipient: 'County review board' },
      { case_id: second.caseId, recipient: 'County review board' },
    ]);
    const exports = supervisorSide.database.sqlite.prepare("SELECT details FROM audit_events WHERE action = 'export'").all() as { details: string }[];
    expect(exports.map((row) => JSON.parse(row.details) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ kind: 'review-sign-off', format: 'packet', outsideClinic: false }),
      expect.objectContaining({ kind: 'review-sign-off', format: 'packet', outsideClinic: true, cases: 2 }),
    ]);
  });

  it('refuses a short passphrase when sealing and saves nothing', async () => {
    const fixture = await prepareCase(clinic, 'dana');
    await submitStepDown(fixture);
    const decisionId = (clinic.database.sqlite.prepare('SELECT id FROM decisions').get() as { id: string }).id;
    const refused = await clinic.registry.invoke('packets.exportRequest', { decisionIds: [decisionId], passphrase: 'short' });
    expectRefused(refused, 'invalid_input', /.+/);
    if (!refused.ok) expect(refused.error.fields?.[0]?.message).toMatch(/at least 12 characters/);
    expect(clinic.savedFiles).toHaveLength(0);
  });
});

describe('who may review, by id across installations', () => {
  it('refuses a sign-off whose reviewer carries the id of a user here, such as the decision’s author', async () => {
    const fixture = await prepareCase(clinic, 'dana');
    const decisionId = await submitStepDown(fixture);
    const request = await sendRequest([decisionId]);
    const row = clinic.database.sqlite.prepare('SELECT * FROM decisions WHERE id = ?').get(decisionId) as DecisionRow;
    const current = packetDecisionOf(row);
    if (!current) throw new Error('the decision is not waiting for review');
    // A faulty or hostile program signs as Dana (same id) from another installation.
    const forged = makeSignOff({
      packetId: randomUUID(),
      appVersion: TEST_APP_VERSION,
      inReplyTo: request.packetId,
      reviewer: { id: 'user-dana', username: 'dana-elsewhere', displayName: 'Dana Reyes', installationId: SUPERVISOR_INSTALLATION },
      outcomes: [
        { decisionId, outcome: 'approved', comment: null, reviewedAt: '2026-11-29T09:00:00.000Z', decisionFingerprint: decisionFingerprint(current) },
      ],
    });
    const bytes = await sealPacket(forged, PASSPHRASE, { kdf: TEST_PASSWORD_KDF });
    const before = counts(clinic);
    expectRefused(
      await openOn(clinic, 'dana', 'clinician', bytes, 'forged.stepwise-packet'),
      'conflict',
      /id belongs to a user of this installation/,
    );
    expect(counts(clinic)).toEqual(before);
  });
});

describe('a decision changed on the clinician’s side after it was sent', () => {
  it('holds the remote outcome as a conflict, never overwriting a withdrawal, until someone resolves it', async () => {
    const fixture = await prepareCase(clinic, 'dana');
    const decisionId = await submitStepDown(fixture);
    const request = await sendRequest([decisionId]);
    expectOk(await clinic.registry.invoke('decisions.withdraw', { decisionId }));
    const signOff = await reviewOnB(request.bytes, { [decisionId]: 'approve' });

    const applied = expectOk<ImportPacketOutput>(await openOn(clinic, 'dana', 'clinician', signOff, 'sign-off.stepwise-packet'));
    expect(applied).toMatchObject({ approved: 0, conflicts: 1 });
    expect(decisionRow(clinic, decisionId)).toMatchObject({ status: 'withdrawn', reviewer_id: null });
    const detail = expectOk<CaseDetail>(await clinic.registry.invoke('cases.get', { caseId: fixture.caseId }));
    expect(detail.episodes.map((episode) => episode.level)).toEqual(['iop']);

    const { conflicts } = expectOk<PacketsOverview>(await clinic.registry.invoke('packets.overview', {}));
    expect(conflicts).toEqual([
      expect.objectContaining({
        decisionId,
        caseMrn: fixture.mrn,
        outcome: 'approved',
        reviewerName: 'Sam Okafor',
        decisionStatus: 'withdrawn',
        reason: 'The decision was withdrawn here after it was sent for review.',
        canApplyReturn: false,
      }),
    ]);
    const conflictId = conflicts[0]?.id ?? '';
    // An approval is never applied to a changed decision, even when asked.
    expectRefused(
      await clinic.registry.invoke('packets.resolveConflict', { conflictId, resolution: 'returned' }),
      'conflict',
      /not applied to a changed decision/,
    );
    const kept = expectOk<PacketConflict>(await clinic.registry.invoke('packets.resolveConflict', { conflictId, resolution: 'kept-local' }));
    expect(kept.decisionStatus).toBe('withdrawn');
    expect(expectOk<PacketsOverview>(await clinic.registry.invoke('packets.overview', {})).conflicts).toEqual([]);
    expectRefused(
      await clinic.registry.invoke('packets.resolveConflict', { conflictId, resolution: 'kept-local' }),
      'conflict',
      /already resolved on 2026-11-29 by Dana Reyes/,
    );
    const audit = clinic.database.sqlite
      .prepare("SELECT action FROM audit_events WHERE record_id = ? AND action LIKE 'packet-conflict%'")
      .all(decisionId);
    expect(audit).toEqual([{ action: 'packet-conflict-found' }, { action: 'packet-conflict-resolved' }]);
  });

  it('holds an outcome for a decision approved here meanwhile, and one the clinician edited and resubmitted', async () => {
    const approvedHere = await prepareCase(clinic, 'dana');
    const edited = await prepareCase(clinic, 'dana');
    const firstId = await submitStepDown(approvedHere);
    const secondId = await submitStepDown(edited);
    const request = await sendRequest([firstId, secondId]);
    // Lee, the local supervisor, approves the first while the packet is away; Lee returns the second, Dana edits and resubmits.
    await clinic.signInAs('lee', ['supervisor']);
    expectOk(await clinic.registry.invoke('decisions.approve', { decisionId: firstId }));
    expectOk(await clinic.registry.invoke('decisions.return', { decisionId: secondId, comment: 'Use the newer date.' }));
    await clinic.signInAs('dana', ['clinician']);
    expectOk(
      await clinic.registry.invoke('decisions.save', {
        decisionId: secondId,
        caseId: edited.caseId,
        assessmentId: edited.assessmentId,
        chosenLevel: 'outpatient',
        effectiveDate: '2026-11-28',
        varianceReason: 'clinical-judgement',
        varianceText: 'Stable for four weeks.',
        submit: true,
      }),
    );
    const signOff = await reviewOnB(request.bytes, { [firstId]: 'return', [secondId]: 'return' });
    const before = decisionRow(clinic, firstId);
    const applied = expectOk<ImportPacketOutput>(await openOn(clinic, 'dana', 'clinician', signOff, 'sign-off.stepwise-packet'));
    expect(applied).toMatchObject({ returned: 0, conflicts: 2 });
    expect(decisionRow(clinic, firstId)).toEqual(before);
    const { conflicts } = expectOk<PacketsOverview>(await clinic.registry.invoke('packets.overview', {}));
    const byDecision = new Map(conflicts.map((conflict) => [conflict.decisionId, conflict]));
    expect(byDecision.get(firstId)).toMatchObject({ reason: 'The decision was approved here after it was sent for review.', canApplyReturn: false });
    expect(byDecision.get(secondId)?.reason).toMatch(/changed and submitted again here/);
    expect(byDecision.get(secondId)?.canApplyReturn).toBe(true);
    // Dana chooses to apply Sam's return to the resubmitted decision: explicitly, recorded.
    const resolved = expectOk<PacketConflict>(
      await clinic.registry.invoke('packets.resolveConflict', { conflictId: byDecision.get(secondId)?.id ?? '', resolution: 'returned' }),
    );
    expect(resolved.decisionStatus).toBe('returned');
    expect(decisionRow(clinic, secondId)).toMatchObject({ status: 'returned', reviewer_id: 'user-sam', review_comment: 'Check the housing first.' });
  });

  it('counts a sign-off sent again after a conflict as already held, never as a second conflict', async () => {
    const fixture = await prepareCase(clinic, 'dana');
    const decisionId = await submitStepDown(fixture);
    const request = await sendRequest([decisionId]);
    expectOk(await clinic.registry.invoke('decisions.withdraw', { decisionId }));
    const signOff = await reviewOnB(request.bytes, { [decisionId]: 'approve' });
    expect(expectOk<ImportPacketOutput>(await openOn(clinic, 'dana', 'clinician', signOff, 'first.stepwise-packet'))).toMatchObject({ conflicts: 1 });
    const { conflicts } = expectOk<PacketsOverview>(await clinic.registry.invoke('packets.overview', {}));
    expectOk(await clinic.registry.invoke('packets.resolveConflict', { conflictId: conflicts[0]?.id ?? '', resolution: 'kept-local' }));
    // Sam sends it again: the same outcome, already decided here.
    await supervisorSide.signInAs('sam', ['supervisor']);
    expectOk(
      await supervisorSide.registry.invoke('packets.exportSignOff', { requestPacketId: request.packetId, passphrase: PASSPHRASE, disclosure: null }),
    );
    const again = expectOk<ImportPacketOutput>(await openOn(clinic, 'dana', 'clinician', lastSaved(supervisorSide), 'again.stepwise-packet'));
    expect(again).toMatchObject({ conflicts: 0, alreadyApplied: 1, approved: 0 });
    expect(clinic.database.sqlite.prepare('SELECT count(*) AS n FROM packet_conflicts').get()).toEqual({ n: 1 });
  });

  it('shows a clinician only the conflicts of cases in their caseload, and names a case no longer theirs when refusing', async () => {
    await clinic.addUser('root', ['admin'], 'Robin Admin');
    await clinic.addUser('kim', ['clinician'], 'Kim Park');
    const fixture = await prepareCase(clinic, 'dana');
    const decisionId = await submitStepDown(fixture);
    const request = await sendRequest([decisionId]);
    const signOff = await reviewOnB(request.bytes, { [decisionId]: 'approve' });
    // The case moves to Kim before the sign-off comes back.
    await clinic.signInAs('root', ['admin']);
    expectOk(await clinic.registry.invoke('cases.reassign', { fromClinicianId: 'user-dana', toClinicianId: 'user-kim', caseIds: [fixture.caseId] }));
    const before = counts(clinic);
    expectRefused(
      await openOn(clinic, 'dana', 'clinician', signOff, 'sign-off.stepwise-packet'),
      'conflict',
      new RegExp(`case with MRN ${fixture.mrn}, which is no longer in your caseload`),
    );
    expect(counts(clinic)).toEqual(before);
    // Withdrawn meanwhile by Kim, then applied by Kim: the conflict is Kim's to see, not Dana's.
    await clinic.signInAs('kim', ['clinician']);
    expectOk(await clinic.registry.invoke('decisions.withdraw', { decisionId }));
    expect(expectOk<ImportPacketOutput>(await openOn(clinic, 'kim', 'clinician', signOff, 'sign-off.stepwise-packet'))).toMatchObject({
      conflicts: 1,
    });
    expect(expectOk<PacketsOverview>(await clinic.registry.invoke('packets.overview', {})).conflicts).toHaveLength(1);
    await clinic.signInAs('dana', ['clinician']);
    const danas = expectOk<PacketsOverview>(await clinic.registry.invoke('packets.overview', {}));
    expect(danas.conflicts).toEqual([]);
    expect(danas.sendable).toEqual([]);
  });

  it('holds an approval that can no longer be carried out here, with the refusal as its reason, and applies nothing of it', async () => {
    const fixture = await prepareCase(clinic, 'dana');
    const decisionId = await submitStepDown(fixture);
    const request = await sendRequest([decisionId]);
    // Meanwhile Dana amends the assessment the decision rests on: the decision is unchanged, but approving it now
    // would approve a placement made on an outdated assessment, which a local approval refuses too.
    expectOk(
      await clinic.registry.invoke(
        'assessments.save',
        makeAssessmentInput(fixture.caseId, { assessedOn: '2026-11-21', amendsId: fixture.assessmentId }),
      ),
    );
    const episodesBefore = clinic.database.sqlite.prepare('SELECT * FROM episodes ORDER BY id').all();
    const signOff = await reviewOnB(request.bytes, { [decisionId]: 'approve' });
    const applied = expectOk<ImportPacketOutput>(await openOn(clinic, 'dana', 'clinician', signOff, 'sign-off.stepwise-packet'));
    expect(applied).toMatchObject({ approved: 0, conflicts: 1 });
    // The approval's writes were undone whole: the decision still waits, no review row, the episodes as they were.
    expect(decisionRow(clinic, decisionId)).toMatchObject({ status: 'submitted', reviewer_id: null, applied_at: null });
    expect(clinic.database.sqlite.prepare('SELECT count(*) AS n FROM decision_reviews').get()).toEqual({ n: 0 });
    expect(clinic.database.sqlite.prepare('SELECT * FROM episodes ORDER BY id').all()).toEqual(episodesBefore);
    const { conflicts } = expectOk<PacketsOverview>(await clinic.registry.invoke('packets.overview', {}));
    expect(conflicts.map((conflict) => conflict.decisionId)).toEqual([decisionId]);
    expect(conflicts[0]?.reason).toMatch(/assessment behind the decision was amended here after it was sent/);
  });
});
