import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../../shared/contract/caseDetail';
import type { DecisionRecord } from '../../../shared/contract/decisions';
import type { ExportSignOffOutput, ImportPacketOutput, PacketsOverview } from '../../../shared/contract/packets';
import { expectOk } from '../../support/seed';
import { makeAssessmentInput } from '../../factories/assessments';
import { createTestCore, sequentialIds, type TestCore } from '../../support/testCore';
import { prepareCase } from '../support/caseFixture';
import {
  counts,
  decisionRow,
  expectRefused,
  lastSaved,
  later,
  openOn,
  PASSPHRASE,
  reviewOnB,
  sendRequest,
  submitStepDown,
  two,
  useTwoInstallations,
} from './twoInstallations';

useTwoInstallations();

describe('the full round trip: clinician → supervisor → clinician', () => {
  it('applies the remote approval exactly as a local one, episodes included, in the remote reviewer’s name', async () => {
    const fixture = await prepareCase(two.clinic, 'dana');
    const decisionId = await submitStepDown(fixture);
    const request = await sendRequest([decisionId]);
    const signOff = await reviewOnB(request.bytes, { [decisionId]: 'approve' });
    // The sign-off never shows the patient either.
    expect(Buffer.from(signOff).includes(Buffer.from(fixture.fullName))).toBe(false);

    const applied = expectOk<ImportPacketOutput>(await openOn(two.clinic, 'dana', 'clinician', signOff, 'sign-off.stepwise-packet'));
    expect(applied).toMatchObject({ opened: true, kind: 'sign-off', approved: 1, returned: 0, conflicts: 0, reviewerName: 'Sam Okafor' });

    // As a local approval: approved by Sam's id, the review kept, the step-down applied to the episodes.
    expect(decisionRow(two.clinic, decisionId)).toMatchObject({
      status: 'approved',
      reviewer_id: 'user-sam',
      review_comment: 'Agree with the step-down.',
    });
    expect(decisionRow(two.clinic, decisionId)['applied_at']).not.toBeNull();
    const detail = expectOk<CaseDetail>(await two.clinic.registry.invoke('cases.get', { caseId: fixture.caseId }));
    expect(detail.episodes.map((episode) => [episode.level, episode.startDate, episode.endDate])).toEqual([
      ['iop', '2026-11-02', '2026-11-29'],
      ['outpatient', '2026-11-29', null],
    ]);
    // Sam is a remote user on A (cannot sign in) and the audit log names him as the approver, with who imported.
    const sam = two.clinic.database.sqlite.prepare('SELECT active, password_hash, remote_installation_id FROM users WHERE id = ?').get('user-sam');
    expect(sam).toMatchObject({ active: 0, password_hash: null });
    const audit = two.clinic.database.sqlite
      .prepare("SELECT user_id, details FROM audit_events WHERE action = 'decision-approved' AND record_id = ?")
      .all(decisionId) as { user_id: string; details: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]?.user_id).toBe('user-sam');
    expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({ importedBy: 'user-dana', caseId: fixture.caseId });
    // The request now shows its answer.
    const { sent } = expectOk<PacketsOverview>(await two.clinic.registry.invoke('packets.overview', {}));
    expect(sent).toEqual([expect.objectContaining({ packetId: request.packetId, decisions: 1, waiting: 0, signOffs: 1 })]);
  });

  it('applies a return with its comment; the clinician can edit and send the decision again', async () => {
    const fixture = await prepareCase(two.clinic, 'dana');
    const decisionId = await submitStepDown(fixture);
    const request = await sendRequest([decisionId]);
    const signOff = await reviewOnB(request.bytes, { [decisionId]: 'return' });
    const applied = expectOk<ImportPacketOutput>(await openOn(two.clinic, 'dana', 'clinician', signOff, 'sign-off.stepwise-packet'));
    expect(applied).toMatchObject({ returned: 1, approved: 0, conflicts: 0 });
    expect(decisionRow(two.clinic, decisionId)).toMatchObject({
      status: 'returned',
      reviewer_id: 'user-sam',
      review_comment: 'Check the housing first.',
    });
    // Episodes unchanged by a return.
    const detail = expectOk<CaseDetail>(await two.clinic.registry.invoke('cases.get', { caseId: fixture.caseId }));
    expect(detail.episodes.map((episode) => episode.level)).toEqual(['iop']);
    // Resubmitted under the same id, it travels again and B sets it back to waiting, the old review cleared.
    later(30);
    await two.clinic.signInAs('dana', ['clinician']);
    expectOk(await two.clinic.registry.invoke('decisions.submit', { decisionId }));
    const again = await sendRequest([decisionId]);
    const reimported = expectOk<ImportPacketOutput>(await openOn(two.supervisorSide, 'sam', 'supervisor', again.bytes, 'again.stepwise-packet'));
    expect(reimported).toMatchObject({ decisions: 1 });
    expect(decisionRow(two.supervisorSide, decisionId)).toMatchObject({
      status: 'submitted',
      reviewer_id: null,
      review_comment: null,
      reviewed_at: null,
    });
  });

  it('does not undo a return made on the supervisor’s side when the same version is sent again', async () => {
    const fixture = await prepareCase(two.clinic, 'dana');
    const decisionId = await submitStepDown(fixture);
    const request = await sendRequest([decisionId]);
    await reviewOnB(request.bytes, { [decisionId]: 'return' });
    // Before the sign-off arrives, Dana sends the same, unchanged decision again.
    const resent = await sendRequest([decisionId]);
    const before = counts(two.supervisorSide);
    expectRefused(
      await openOn(two.supervisorSide, 'sam', 'supervisor', resent.bytes, 'resent.stepwise-packet'),
      'conflict',
      new RegExp(`MRN ${fixture.mrn} was already returned here by Sam Okafor, and the packet carries it unchanged`),
    );
    expect(counts(two.supervisorSide)).toEqual(before);
    expect(decisionRow(two.supervisorSide, decisionId)).toMatchObject({ status: 'returned', review_comment: 'Check the housing first.' });
  });

  it('runs a second round on the same case after an approval changed its episodes on both sides', async () => {
    const fixture = await prepareCase(two.clinic, 'dana');
    const first = await submitStepDown(fixture);
    const firstRequest = await sendRequest([first]);
    expectOk(await openOn(two.clinic, 'dana', 'clinician', await reviewOnB(firstRequest.bytes, { [first]: 'approve' }), 'first.stepwise-packet'));
    // Both sides opened the outpatient episode under the same id.
    const openEpisode = (core: TestCore) =>
      core.database.sqlite.prepare('SELECT id, level FROM episodes WHERE case_id = ? AND end_date IS NULL').get(fixture.caseId);
    expect(openEpisode(two.clinic)).toEqual(openEpisode(two.supervisorSide));

    // Round two: a month later Dana steps the case up to IOP again.
    later(60 * 24 * 3);
    await two.clinic.signInAs('dana', ['clinician']);
    const assessment = expectOk<{ id: string }>(
      await two.clinic.registry.invoke('assessments.save', makeAssessmentInput(fixture.caseId, { assessedOn: '2026-12-02' })),
    );
    const second = expectOk<DecisionRecord>(
      await two.clinic.registry.invoke('decisions.save', {
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
      await openOn(two.supervisorSide, 'sam', 'supervisor', secondRequest.bytes, 'second-request.stepwise-packet'),
    );
    expect(imported).toMatchObject({ decisions: 1, cases: 1 });
    expectOk(await two.supervisorSide.registry.invoke('decisions.approve', { decisionId: second }));
    expectOk(
      await two.supervisorSide.registry.invoke('packets.exportSignOff', {
        requestPacketId: secondRequest.packetId,
        passphrase: PASSPHRASE,
        disclosure: null,
      }),
    );
    const applied = expectOk<ImportPacketOutput>(
      await openOn(two.clinic, 'dana', 'clinician', lastSaved(two.supervisorSide), 'second.stepwise-packet'),
    );
    expect(applied).toMatchObject({ approved: 1, conflicts: 0 });
    const levels = (core: TestCore) =>
      core.database.sqlite.prepare('SELECT id, level, start_date, end_date FROM episodes WHERE case_id = ? ORDER BY start_date').all(fixture.caseId);
    expect(levels(two.clinic).map((row) => (row as { level: string }).level)).toEqual(['iop', 'outpatient', 'iop']);
    // B's clock is still before 2 December, so there the step-up waits as planned; the history before it is the same.
    expect(levels(two.supervisorSide)).toEqual(
      levels(two.clinic)
        .slice(0, 2)
        .map((row, index) => (index === 1 ? { ...(row as object), end_date: null } : row)),
    );
  });

  it('names the decision a correction supersedes where each side records it, and no such id for a first decision', async () => {
    const fixture = await prepareCase(two.clinic, 'dana');
    const first = await submitStepDown(fixture);
    const firstRequest = await sendRequest([first]);
    expectOk(await openOn(two.clinic, 'dana', 'clinician', await reviewOnB(firstRequest.bytes, { [first]: 'approve' }), 'first.stepwise-packet'));

    // The step-down really happened a day earlier: Dana corrects the approved decision and sends the correction.
    later(60);
    await two.clinic.signInAs('dana', ['clinician']);
    const correction = expectOk<DecisionRecord>(
      await two.clinic.registry.invoke('decisions.save', {
        caseId: fixture.caseId,
        assessmentId: fixture.assessmentId,
        chosenLevel: 'outpatient',
        effectiveDate: '2026-11-28',
        varianceReason: 'clinical-judgement',
        varianceText: 'Stable for four weeks.',
        supersedesId: first,
        submit: true,
      }),
    ).id;
    const correctionRequest = await sendRequest([correction]);
    const signOff = await reviewOnB(correctionRequest.bytes, { [correction]: 'approve' });
    expectOk(await openOn(two.clinic, 'dana', 'clinician', signOff, 'correction.stepwise-packet'));

    const supersedes = (core: TestCore, action: string) =>
      (
        core.database.sqlite
          .prepare('SELECT record_id, details FROM audit_events WHERE action = ? AND record_type = ? ORDER BY seq')
          .all(action, 'decision') as { record_id: string; details: string }[]
      ).map((row) => [row.record_id, (JSON.parse(row.details) as { supersedesId?: string }).supersedesId ?? null]);
    expect(supersedes(two.supervisorSide, 'decision-received')).toEqual([
      [first, null],
      [correction, first],
    ]);
    // On the clinic's side, the approvals the sign-offs brought back in Sam's name.
    expect(supersedes(two.clinic, 'decision-approved')).toEqual([
      [first, null],
      [correction, first],
    ]);
  });

  it('changes nothing when the same sign-off is imported twice, and treats a re-sent sign-off as already applied', async () => {
    const fixture = await prepareCase(two.clinic, 'dana');
    const decisionId = await submitStepDown(fixture);
    const request = await sendRequest([decisionId]);
    const signOff = await reviewOnB(request.bytes, { [decisionId]: 'approve' });
    expectOk(await openOn(two.clinic, 'dana', 'clinician', signOff, 'sign-off.stepwise-packet'));
    const before = counts(two.clinic);
    expectRefused(
      await openOn(two.clinic, 'dana', 'clinician', signOff, 'sign-off.stepwise-packet'),
      'conflict',
      /already imported on 2026-11-29 by Dana Reyes; nothing changed/,
    );
    expect(counts(two.clinic)).toEqual(before);

    // Sam sends the sign-off again (a new packet, e.g. the first e-mail was lost): nothing is applied twice.
    await two.supervisorSide.signInAs('sam', ['supervisor']);
    expectOk(
      await two.supervisorSide.registry.invoke('packets.exportSignOff', {
        requestPacketId: request.packetId,
        passphrase: PASSPHRASE,
        disclosure: null,
      }),
    );
    const resent = expectOk<ImportPacketOutput>(
      await openOn(two.clinic, 'dana', 'clinician', lastSaved(two.supervisorSide), 'resent.stepwise-packet'),
    );
    expect(resent).toMatchObject({ approved: 0, alreadyApplied: 1, conflicts: 0 });
    expect(two.clinic.database.sqlite.prepare('SELECT count(*) AS n FROM decision_reviews').get()).toEqual({ n: 1 });
  });

  it('refuses a tampered, cut or wrong-passphrase sign-off and changes nothing', async () => {
    const fixture = await prepareCase(two.clinic, 'dana');
    const decisionId = await submitStepDown(fixture);
    const request = await sendRequest([decisionId]);
    const signOff = await reviewOnB(request.bytes, { [decisionId]: 'approve' });
    const before = counts(two.clinic);
    expectRefused(await openOn(two.clinic, 'dana', 'clinician', signOff, 's.stepwise-packet', 'a guess'), 'invalid_input', /passphrase is wrong/);
    const tampered = Uint8Array.from(signOff);
    tampered[tampered.length - 20] = (tampered[tampered.length - 20] ?? 0) ^ 0x80;
    expectRefused(await openOn(two.clinic, 'dana', 'clinician', tampered, 't.stepwise-packet'), 'invalid_input', /changed after it was made/);
    expectRefused(await openOn(two.clinic, 'dana', 'clinician', signOff.subarray(0, signOff.length - 7), 'c.stepwise-packet'), 'invalid_input', /./);
    expect(counts(two.clinic)).toEqual(before);
    expect(decisionRow(two.clinic, decisionId)).toMatchObject({ status: 'submitted' });
  });

  it('refuses a sign-off that answers a request this installation never sent', async () => {
    const fixture = await prepareCase(two.clinic, 'dana');
    const decisionId = await submitStepDown(fixture);
    const request = await sendRequest([decisionId]);
    const signOff = await reviewOnB(request.bytes, { [decisionId]: 'approve' });
    // A third installation, which never sent anything, is handed the sign-off.
    const other = await createTestCore(path.join(two.temp.dir, 'c'), { newId: sequentialIds('c') });
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
    const fixture = await prepareCase(two.clinic, 'dana');
    const decisionId = await submitStepDown(fixture);
    const request = await sendRequest([decisionId]);
    await two.supervisorSide.addUser('kai', ['clinician'], 'Kai Moss');
    expectRefused(await openOn(two.supervisorSide, 'kai', 'clinician', request.bytes, 'r.stepwise-packet'), 'forbidden', /a supervisor opens it/);
    const signOff = await reviewOnB(request.bytes, { [decisionId]: 'approve' });
    expectRefused(await openOn(two.supervisorSide, 'sam', 'supervisor', signOff, 's.stepwise-packet'), 'conflict', /made by this installation/);
  });

  it('leaves out decisions another supervisor reviewed and says how many still wait', async () => {
    const first = await prepareCase(two.clinic, 'dana');
    const second = await prepareCase(two.clinic, 'dana');
    const third = await prepareCase(two.clinic, 'dana');
    const ids = [await submitStepDown(first), await submitStepDown(second), await submitStepDown(third)];
    const request = await sendRequest(ids);
    expectOk(await openOn(two.supervisorSide, 'sam', 'supervisor', request.bytes, 'request.stepwise-packet'));
    expectOk(await two.supervisorSide.registry.invoke('decisions.approve', { decisionId: ids[0] ?? '' }));
    await two.supervisorSide.signInAs('ola', ['supervisor']);
    expectOk(await two.supervisorSide.registry.invoke('decisions.approve', { decisionId: ids[1] ?? '' }));
    await two.supervisorSide.signInAs('sam', ['supervisor']);
    const output = expectOk<ExportSignOffOutput>(
      await two.supervisorSide.registry.invoke('packets.exportSignOff', {
        requestPacketId: request.packetId,
        passphrase: PASSPHRASE,
        disclosure: null,
      }),
    );
    expect(output).toMatchObject({ saved: true, approved: 1, returned: 0, waiting: 1, reviewedByOthers: 1 });
    const { received } = expectOk<PacketsOverview>(await two.supervisorSide.registry.invoke('packets.overview', {}));
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
    await two.supervisorSide.addUser('max', ['supervisor'], 'Max Lund');
    await two.supervisorSide.signInAs('max', ['supervisor']);
    expectRefused(
      await two.supervisorSide.registry.invoke('packets.exportSignOff', {
        requestPacketId: request.packetId,
        passphrase: PASSPHRASE,
        disclosure: null,
      }),
      'conflict',
      /not reviewed any decision of this request yet \(1 waiting\)/,
    );
  });
});
