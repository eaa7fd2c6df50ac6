import { randomUUID } from 'node:crypto';
import { decisionFingerprint, packetDecisionOf } from '../../../electron/packets/decisionFingerprint';
import { sealPacket } from '../../../electron/packets/packetFile';
import type { DecisionRow } from '../../../electron/repositories/decisionsRepository';
import { makeSignOff, SUPERVISOR_INSTALLATION } from '../../factories/packets';
import { TEST_APP_VERSION, TEST_PASSWORD_KDF } from '../../support/testCore';
import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../../shared/contract/caseDetail';
import type { ExportSignOffOutput, ImportPacketOutput, PacketConflict, PacketsOverview } from '../../../shared/contract/packets';
import { expectOk } from '../../support/seed';
import { makeAssessmentInput } from '../../factories/assessments';
import { prepareCase } from '../support/caseFixture';
import {
  counts,
  decisionRow,
  expectRefused,
  lastSaved,
  openOn,
  PASSPHRASE,
  reviewOnB,
  sendRequest,
  submitStepDown,
  two,
  useTwoInstallations,
} from './twoInstallations';

useTwoInstallations();

describe('a sign-off that leaves the clinic', () => {
  it('is recorded as a disclosure per case with the export; one that stays in the clinic is not', async () => {
    const first = await prepareCase(two.clinic, 'dana');
    const second = await prepareCase(two.clinic, 'dana');
    const request = await sendRequest([await submitStepDown(first), await submitStepDown(second)]);
    const ids = (
      two.clinic.database.sqlite.prepare('SELECT decision_id FROM packets_sent ORDER BY decision_id').all() as { decision_id: string }[]
    ).map((row) => row.decision_id);
    await reviewOnB(request.bytes, Object.fromEntries(ids.map((id) => [id, 'approve' as const])));
    expect(two.supervisorSide.database.sqlite.prepare('SELECT count(*) AS n FROM disclosures').get()).toEqual({ n: 0 });
    const disclosure = { recipient: 'County review board', purpose: 'External quality review of placements.', consentReference: 'CONSENT-7' };
    expectOk<ExportSignOffOutput>(
      await two.supervisorSide.registry.invoke('packets.exportSignOff', { requestPacketId: request.packetId, passphrase: PASSPHRASE, disclosure }),
    );
    const rows = two.supervisorSide.database.sqlite.prepare('SELECT case_id, recipient FROM disclosures ORDER BY case_id').all();
    expect(rows).toEqual([
      { case_id: first.caseId, recipient: 'County review board' },
      { case_id: second.caseId, recipient: 'County review board' },
    ]);
    const exports = two.supervisorSide.database.sqlite.prepare("SELECT details FROM audit_events WHERE action = 'export'").all() as {
      details: string;
    }[];
    expect(exports.map((row) => JSON.parse(row.details) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ kind: 'review-sign-off', format: 'packet', outsideClinic: false }),
      expect.objectContaining({ kind: 'review-sign-off', format: 'packet', outsideClinic: true, cases: 2 }),
    ]);
  });

  it('refuses a short passphrase when sealing and saves nothing', async () => {
    const fixture = await prepareCase(two.clinic, 'dana');
    await submitStepDown(fixture);
    const decisionId = (two.clinic.database.sqlite.prepare('SELECT id FROM decisions').get() as { id: string }).id;
    const refused = await two.clinic.registry.invoke('packets.exportRequest', { decisionIds: [decisionId], passphrase: 'short' });
    expectRefused(refused, 'invalid_input', /.+/);
    if (!refused.ok) expect(refused.error.fields?.[0]?.message).toMatch(/at least 12 characters/);
    expect(two.clinic.savedFiles).toHaveLength(0);
  });
});

describe('who may review, by id across installations', () => {
  it('refuses a sign-off whose reviewer carries the id of a user here, such as the decision’s author', async () => {
    const fixture = await prepareCase(two.clinic, 'dana');
    const decisionId = await submitStepDown(fixture);
    const request = await sendRequest([decisionId]);
    const row = two.clinic.database.sqlite.prepare('SELECT * FROM decisions WHERE id = ?').get(decisionId) as DecisionRow;
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
    const before = counts(two.clinic);
    expectRefused(
      await openOn(two.clinic, 'dana', 'clinician', bytes, 'forged.stepwise-packet'),
      'conflict',
      /id belongs to a user of this installation/,
    );
    expect(counts(two.clinic)).toEqual(before);
  });
});

describe('a decision changed on the clinician’s side after it was sent', () => {
  it('holds the remote outcome as a conflict, never overwriting a withdrawal, until someone resolves it', async () => {
    const fixture = await prepareCase(two.clinic, 'dana');
    const decisionId = await submitStepDown(fixture);
    const request = await sendRequest([decisionId]);
    expectOk(await two.clinic.registry.invoke('decisions.withdraw', { decisionId }));
    const signOff = await reviewOnB(request.bytes, { [decisionId]: 'approve' });

    const applied = expectOk<ImportPacketOutput>(await openOn(two.clinic, 'dana', 'clinician', signOff, 'sign-off.stepwise-packet'));
    expect(applied).toMatchObject({ approved: 0, conflicts: 1 });
    expect(decisionRow(two.clinic, decisionId)).toMatchObject({ status: 'withdrawn', reviewer_id: null });
    const detail = expectOk<CaseDetail>(await two.clinic.registry.invoke('cases.get', { caseId: fixture.caseId }));
    expect(detail.episodes.map((episode) => episode.level)).toEqual(['iop']);

    const { conflicts } = expectOk<PacketsOverview>(await two.clinic.registry.invoke('packets.overview', {}));
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
      await two.clinic.registry.invoke('packets.resolveConflict', { conflictId, resolution: 'returned' }),
      'conflict',
      /not applied to a changed decision/,
    );
    const kept = expectOk<PacketConflict>(await two.clinic.registry.invoke('packets.resolveConflict', { conflictId, resolution: 'kept-local' }));
    expect(kept.decisionStatus).toBe('withdrawn');
    expect(expectOk<PacketsOverview>(await two.clinic.registry.invoke('packets.overview', {})).conflicts).toEqual([]);
    expectRefused(
      await two.clinic.registry.invoke('packets.resolveConflict', { conflictId, resolution: 'kept-local' }),
      'conflict',
      /already resolved on 2026-11-29 by Dana Reyes/,
    );
    const audit = two.clinic.database.sqlite
      .prepare("SELECT action FROM audit_events WHERE record_id = ? AND action LIKE 'packet-conflict%'")
      .all(decisionId);
    expect(audit).toEqual([{ action: 'packet-conflict-found' }, { action: 'packet-conflict-resolved' }]);
  });

  it('holds an outcome for a decision approved here meanwhile, and one the clinician edited and resubmitted', async () => {
    const approvedHere = await prepareCase(two.clinic, 'dana');
    const edited = await prepareCase(two.clinic, 'dana');
    const firstId = await submitStepDown(approvedHere);
    const secondId = await submitStepDown(edited);
    const request = await sendRequest([firstId, secondId]);
    // Lee, the local supervisor, approves the first while the packet is away; Lee returns the second, Dana edits and resubmits.
    await two.clinic.signInAs('lee', ['supervisor']);
    expectOk(await two.clinic.registry.invoke('decisions.approve', { decisionId: firstId }));
    expectOk(await two.clinic.registry.invoke('decisions.return', { decisionId: secondId, comment: 'Use the newer date.' }));
    await two.clinic.signInAs('dana', ['clinician']);
    expectOk(
      await two.clinic.registry.invoke('decisions.save', {
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
    const before = decisionRow(two.clinic, firstId);
    const applied = expectOk<ImportPacketOutput>(await openOn(two.clinic, 'dana', 'clinician', signOff, 'sign-off.stepwise-packet'));
    expect(applied).toMatchObject({ returned: 0, conflicts: 2 });
    expect(decisionRow(two.clinic, firstId)).toEqual(before);
    const { conflicts } = expectOk<PacketsOverview>(await two.clinic.registry.invoke('packets.overview', {}));
    const byDecision = new Map(conflicts.map((conflict) => [conflict.decisionId, conflict]));
    expect(byDecision.get(firstId)).toMatchObject({ reason: 'The decision was approved here after it was sent for review.', canApplyReturn: false });
    expect(byDecision.get(secondId)?.reason).toMatch(/changed and submitted again here/);
    expect(byDecision.get(secondId)?.canApplyReturn).toBe(true);
    // Dana chooses to apply Sam's return to the resubmitted decision: explicitly, recorded.
    const resolved = expectOk<PacketConflict>(
      await two.clinic.registry.invoke('packets.resolveConflict', { conflictId: byDecision.get(secondId)?.id ?? '', resolution: 'returned' }),
    );
    expect(resolved.decisionStatus).toBe('returned');
    expect(decisionRow(two.clinic, secondId)).toMatchObject({
      status: 'returned',
      reviewer_id: 'user-sam',
      review_comment: 'Check the housing first.',
    });
  });

  it('counts a sign-off sent again after a conflict as already held, never as a second conflict', async () => {
    const fixture = await prepareCase(two.clinic, 'dana');
    const decisionId = await submitStepDown(fixture);
    const request = await sendRequest([decisionId]);
    expectOk(await two.clinic.registry.invoke('decisions.withdraw', { decisionId }));
    const signOff = await reviewOnB(request.bytes, { [decisionId]: 'approve' });
    expect(expectOk<ImportPacketOutput>(await openOn(two.clinic, 'dana', 'clinician', signOff, 'first.stepwise-packet'))).toMatchObject({
      conflicts: 1,
    });
    const { conflicts } = expectOk<PacketsOverview>(await two.clinic.registry.invoke('packets.overview', {}));
    expectOk(await two.clinic.registry.invoke('packets.resolveConflict', { conflictId: conflicts[0]?.id ?? '', resolution: 'kept-local' }));
    // Sam sends it again: the same outcome, already decided here.
    await two.supervisorSide.signInAs('sam', ['supervisor']);
    expectOk(
      await two.supervisorSide.registry.invoke('packets.exportSignOff', {
        requestPacketId: request.packetId,
        passphrase: PASSPHRASE,
        disclosure: null,
      }),
    );
    const again = expectOk<ImportPacketOutput>(await openOn(two.clinic, 'dana', 'clinician', lastSaved(two.supervisorSide), 'again.stepwise-packet'));
    expect(again).toMatchObject({ conflicts: 0, alreadyApplied: 1, approved: 0 });
    expect(two.clinic.database.sqlite.prepare('SELECT count(*) AS n FROM packet_conflicts').get()).toEqual({ n: 1 });
  });

  it('shows a clinician only the conflicts of cases in their caseload, and names a case no longer theirs when refusing', async () => {
    await two.clinic.addUser('root', ['admin'], 'Robin Admin');
    await two.clinic.addUser('kim', ['clinician'], 'Kim Park');
    const fixture = await prepareCase(two.clinic, 'dana');
    const decisionId = await submitStepDown(fixture);
    const request = await sendRequest([decisionId]);
    const signOff = await reviewOnB(request.bytes, { [decisionId]: 'approve' });
    // The case moves to Kim before the sign-off comes back.
    await two.clinic.signInAs('root', ['admin']);
    expectOk(
      await two.clinic.registry.invoke('cases.reassign', { fromClinicianId: 'user-dana', toClinicianId: 'user-kim', caseIds: [fixture.caseId] }),
    );
    const before = counts(two.clinic);
    expectRefused(
      await openOn(two.clinic, 'dana', 'clinician', signOff, 'sign-off.stepwise-packet'),
      'conflict',
      new RegExp(`case with MRN ${fixture.mrn}, which is no longer in your caseload`),
    );
    expect(counts(two.clinic)).toEqual(before);
    // Withdrawn meanwhile by Kim, then applied by Kim: the conflict is Kim's to see, not Dana's.
    await two.clinic.signInAs('kim', ['clinician']);
    expectOk(await two.clinic.registry.invoke('decisions.withdraw', { decisionId }));
    expect(expectOk<ImportPacketOutput>(await openOn(two.clinic, 'kim', 'clinician', signOff, 'sign-off.stepwise-packet'))).toMatchObject({
      conflicts: 1,
    });
    expect(expectOk<PacketsOverview>(await two.clinic.registry.invoke('packets.overview', {})).conflicts).toHaveLength(1);
    await two.clinic.signInAs('dana', ['clinician']);
    const danas = expectOk<PacketsOverview>(await two.clinic.registry.invoke('packets.overview', {}));
    expect(danas.conflicts).toEqual([]);
    expect(danas.sendable).toEqual([]);
  });

  it('holds an approval that can no longer be carried out here, with the refusal as its reason, and applies nothing of it', async () => {
    const fixture = await prepareCase(two.clinic, 'dana');
    const decisionId = await submitStepDown(fixture);
    const request = await sendRequest([decisionId]);
    // Meanwhile Dana amends the assessment the decision rests on: the decision is unchanged, but approving it now
    // would approve a placement made on an outdated assessment, which a local approval refuses too.
    expectOk(
      await two.clinic.registry.invoke(
        'assessments.save',
        makeAssessmentInput(fixture.caseId, { assessedOn: '2026-11-21', amendsId: fixture.assessmentId }),
      ),
    );
    const episodesBefore = two.clinic.database.sqlite.prepare('SELECT * FROM episodes ORDER BY id').all();
    const signOff = await reviewOnB(request.bytes, { [decisionId]: 'approve' });
    const applied = expectOk<ImportPacketOutput>(await openOn(two.clinic, 'dana', 'clinician', signOff, 'sign-off.stepwise-packet'));
    expect(applied).toMatchObject({ approved: 0, conflicts: 1 });
    // The approval's writes were undone whole: the decision still waits, no review row, the episodes as they were.
    expect(decisionRow(two.clinic, decisionId)).toMatchObject({ status: 'submitted', reviewer_id: null, applied_at: null });
    expect(two.clinic.database.sqlite.prepare('SELECT count(*) AS n FROM decision_reviews').get()).toEqual({ n: 0 });
    expect(two.clinic.database.sqlite.prepare('SELECT * FROM episodes ORDER BY id').all()).toEqual(episodesBefore);
    const { conflicts } = expectOk<PacketsOverview>(await two.clinic.registry.invoke('packets.overview', {}));
    expect(conflicts.map((conflict) => conflict.decisionId)).toEqual([decisionId]);
    expect(conflicts[0]?.reason).toMatch(/assessment behind the decision was amended here after it was sent/);
  });
});
