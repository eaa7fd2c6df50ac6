import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditHash, type AuditRow } from '../../../electron/audit/auditChain';
import type { AssessmentRecord } from '../../../shared/contract/assessments';
import type { AuditVerdict } from '../../../shared/contract/audit';
import type { CaseSummary } from '../../../shared/contract/cases';
import type { DecisionRecord } from '../../../shared/contract/decisions';
import { makeAssessmentInput } from '../../factories/assessments';
import { makeCaseInput } from '../../factories/cases';
import { expectOk } from '../../support/seed';
import { makeTempDir } from '../../support/tempDir';
import { createTestCore, TEST_PASSWORD, type TestCore } from '../../support/testCore';
import {
  auditRows,
  detailsOf,
  dropAuditTriggers,
  expectKeyFileHeadToFollowLog,
  MINUTE,
  movableClock,
  type MovableClock,
} from '../support/auditTrail';

const PATIENT = { mrn: 'ZQ-48213', fullName: 'Juniper Quillfeather', dateOfBirth: '1971-04-23' };
const RENAMED = 'Juniper Quillfeather-Vasquez';
/** Everything that would identify the patient; none of it may appear in any column of the audit log. */
const IDENTIFIERS = ['Juniper', 'Quillfeather', 'Vasquez', PATIENT.mrn, PATIENT.dateOfBirth];

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;
let clock: MovableClock;

beforeEach(async () => {
  temp = makeTempDir('stepwise-audit-');
  clock = movableClock();
  core = await createTestCore(temp.dir, { clock });
  await core.addUser('dana', ['clinician'], 'Dana Reyes');
  await core.addUser('sam', ['supervisor'], 'Sam Okafor');
  await core.addUser('root', ['admin'], 'Robin Admin');
  // Start as the app does: the database locked, nobody signed in.
  core.close();
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

const signIn = (username: string, password = TEST_PASSWORD) => core.registry.invoke('auth.signIn', { username, password });
const invoke = async <T>(channel: string, input: unknown): Promise<T> => {
  clock.advance(MINUTE);
  return expectOk<T>(await core.registry.invoke(channel, input));
};

/** A clinician's morning and a supervisor's approval, all through the registry; returns the ids involved. */
async function clinicianSession(): Promise<{ caseId: string; assessmentId: string; decisionId: string }> {
  expectOk(await signIn('dana'));
  const { id: caseId } = await invoke<CaseSummary>('cases.create', makeCaseInput(PATIENT));
  await invoke('cases.get', { caseId });
  await invoke('cases.update', { caseId, ...makeCaseInput(PATIENT), fullName: RENAMED });
  const { id: assessmentId } = await invoke<AssessmentRecord>('assessments.save', makeAssessmentInput(caseId));
  const { id: decisionId } = await invoke<DecisionRecord>('decisions.save', {
    caseId,
    assessmentId,
    chosenLevel: 'iop',
    effectiveDate: clock.today(),
  });
  await invoke('decisions.submit', { decisionId });
  await invoke('auth.signOut', {});
  clock.advance(MINUTE);
  expectOk(await signIn('sam'));
  await invoke('decisions.approve', { decisionId, comment: 'Agree with IOP.' });
  await invoke('auth.signOut', {});
  return { caseId, assessmentId, decisionId };
}

const summarize = (row: AuditRow) => [row.seq, row.action, row.user_id, row.record_type, row.record_id, row.outcome];

describe("a clinician's session in the audit log", () => {
  it('records each step with who, when and which record, in a chain that verifies', async () => {
    const { caseId, assessmentId, decisionId } = await clinicianSession();
    const rows = auditRows(core);
    expect(rows.map(summarize)).toEqual([
      [1, 'sign-in', 'user-dana', 'user', 'user-dana', 'ok'],
      [2, 'case-created', 'user-dana', 'case', caseId, 'ok'],
      [3, 'case-viewed', 'user-dana', 'case', caseId, 'ok'],
      [4, 'case-updated', 'user-dana', 'case', caseId, 'ok'],
      [5, 'assessment-saved', 'user-dana', 'assessment', assessmentId, 'ok'],
      [6, 'decision-saved', 'user-dana', 'decision', decisionId, 'ok'],
      [7, 'decision-submitted', 'user-dana', 'decision', decisionId, 'ok'],
      [8, 'sign-out', 'user-dana', 'user', 'user-dana', 'ok'],
      [9, 'sign-in', 'user-sam', 'user', 'user-sam', 'ok'],
      [10, 'decision-approved', 'user-sam', 'decision', decisionId, 'ok'],
      [11, 'sign-out', 'user-sam', 'user', 'user-sam', 'ok'],
    ]);
    expect(rows.map((row) => row.username)).toEqual([...Array<string>(8).fill('dana'), 'sam', 'sam', 'sam']);
    expect(rows.map(detailsOf).slice(2, 7)).toEqual([{ access: 'assigned' }, {}, { caseId }, { caseId }, { caseId }]);
    // Each event carries the core's clock at the time, one minute apart as the test moved it.
    expect(new Set(rows.map((row) => row.at)).size).toBeGreaterThanOrEqual(9);
    expect(rows.every((row, index) => index === 0 || row.at >= (rows[index - 1]?.at ?? ''))).toBe(true);

    await core.signInAs('root', ['admin']);
    expect(await core.registry.invoke('audit.verify', {})).toEqual({
      ok: true,
      value: { intact: true, events: 11, checkedAt: clock.now().toISOString() },
    });
  });

  it('holds ids only: no column of any row names the patient, their MRN or date of birth', async () => {
    await clinicianSession();
    const rows = auditRows(core);
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        for (const identifier of IDENTIFIERS) {
          expect(String(value).toLowerCase(), `row ${row.seq}, column ${column}`).not.toContain(identifier.toLowerCase());
        }
      }
    }
  });

  it('keeps the length and last hash of the log in the key file after every change', async () => {
    expect(core.vault.keyring()?.audit).toBeUndefined();
    expectOk(await signIn('dana'));
    expectKeyFileHeadToFollowLog(core);
    const { id: caseId } = await invoke<CaseSummary>('cases.create', makeCaseInput());
    expectKeyFileHeadToFollowLog(core);
    await invoke('cases.get', { caseId });
    expectKeyFileHeadToFollowLog(core);
    await invoke('auth.signOut', {});
    expect(core.vault.keyring()?.audit?.count).toBe(4);
    expectKeyFileHeadToFollowLog(core);
  });
});

describe('a corrected decision in the audit log', () => {
  it('names the approved decision each step of the correction supersedes; the first decision names none', async () => {
    const { caseId, assessmentId, decisionId } = await clinicianSession();
    expectOk(await signIn('dana'));
    const { id: correctionId } = await invoke<DecisionRecord>('decisions.save', {
      caseId,
      assessmentId,
      chosenLevel: 'iop',
      effectiveDate: clock.today(),
      supersedesId: decisionId,
    });
    await invoke('decisions.submit', { decisionId: correctionId });
    await invoke('auth.signOut', {});
    expectOk(await signIn('sam'));
    await invoke('decisions.approve', { decisionId: correctionId, comment: 'Corrected date.' });

    const decisionEvents = (id: string) =>
      auditRows(core)
        .filter((row) => row.record_type === 'decision' && row.record_id === id)
        .map((row) => [row.action, detailsOf(row)]);
    expect(decisionEvents(decisionId)).toEqual([
      ['decision-saved', { caseId }],
      ['decision-submitted', { caseId }],
      ['decision-approved', { caseId }],
    ]);
    expect(decisionEvents(correctionId)).toEqual([
      ['decision-saved', { caseId, supersedesId: decisionId }],
      ['decision-submitted', { caseId, supersedesId: decisionId }],
      ['decision-approved', { caseId, supersedesId: decisionId }],
    ]);
  });
});

describe('the append-only table', () => {
  beforeEach(async () => {
    await clinicianSession();
  });

  it('refuses UPDATE and DELETE through SQL', () => {
    const sqlite = core.database.sqlite;
    expect(() => sqlite.prepare("UPDATE audit_events SET user_id = 'user-sam' WHERE seq = 2").run()).toThrow(
      'The audit log is append-only: its rows cannot be changed.',
    );
    expect(() => sqlite.prepare('DELETE FROM audit_events WHERE seq = 11').run()).toThrow(
      'The audit log is append-only: its rows cannot be deleted.',
    );
    expect(() => sqlite.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
    expect(auditRows(core)).toHaveLength(11);
  });

  const verify = async () => {
    await core.signInAs('root', ['admin']);
    return expectOk<AuditVerdict>(await core.registry.invoke('audit.verify', {}));
  };

  it.each([
    [
      'an edited middle row',
      "UPDATE audit_events SET record_id = 'case-of-someone-else' WHERE seq = 3",
      { firstBrokenRow: 3, events: 2, problem: 'Row 3 was changed after it was written.' },
    ],
    [
      'a deleted middle row',
      'DELETE FROM audit_events WHERE seq = 5',
      { firstBrokenRow: 5, events: 4, problem: 'Row 5 is missing (the next row is 6).' },
    ],
    [
      'the last rows deleted',
      'DELETE FROM audit_events WHERE seq >= 10',
      { firstBrokenRow: 10, events: 9, problem: 'The log ends at row 9, but 11 rows were recorded: rows 10 to 11 were deleted.' },
    ],
    ['an edited last row', "UPDATE audit_events SET at = '2026-01-01T00:00:00.000Z' WHERE seq = 11", { firstBrokenRow: 11, events: 10 }],
  ])('reports %s at its row through audit.verify', async (_what, tampering, expected) => {
    dropAuditTriggers(core);
    core.database.sqlite.exec(tampering);
    expect(await verify()).toMatchObject({ intact: false, ...expected });
  });

  it('reports a last row replaced by one that links and hashes correctly, through the head in the key file', async () => {
    dropAuditTriggers(core);
    const sqlite = core.database.sqlite;
    const last = auditRows(core).at(-1);
    if (!last) throw new Error('empty log');
    const forged = { ...last, action: 'lock', details: '{"reason":"inactivity"}' };
    sqlite
      .prepare('UPDATE audit_events SET action = ?, details = ?, hash = ? WHERE seq = ?')
      .run(forged.action, forged.details, auditHash(forged), last.seq);
    expect(await verify()).toMatchObject({
      intact: false,
      firstBrokenRow: 11,
      problem: 'Row 11 does not match the last hash recorded outside the log.',
    });
  });

  it('records the verification itself, with its verdict', async () => {
    dropAuditTriggers(core);
    core.database.sqlite.exec('DELETE FROM audit_events WHERE seq = 4');
    await verify();
    const recorded = auditRows(core).at(-1);
    expect(recorded).toMatchObject({ action: 'audit-verified', user_id: 'user-root', outcome: 'ok' });
    expect(recorded && detailsOf(recorded)).toEqual({ intact: false, firstBrokenRow: 4 });
  });
});

describe('failed sign-ins while the database is locked', () => {
  const UNKNOWN_NAME = 'hunter2-typed-in-the-name-box';

  it('wait in the key file, are written to the log at the next sign-in, and the waiting list is emptied', async () => {
    expect(await signIn('dana', 'not the password')).toMatchObject({ ok: false });
    clock.advance(MINUTE);
    expect(await signIn(UNKNOWN_NAME, 'whatever')).toMatchObject({ ok: false });
    expect(core.vault.isOpen).toBe(false);
    const pending = core.vault.keyring()?.pendingAudit ?? [];
    expect(pending).toEqual([
      { at: '2026-11-29T10:00:00.000Z', username: 'dana', action: 'sign-in-failed', reason: 'invalid_input' },
      { at: '2026-11-29T10:01:00.000Z', username: null, action: 'sign-in-failed', reason: 'unknown-user' },
    ]);
    // A name that matches no account may be a password typed in the wrong box: it is not kept anywhere.
    expect(fs.readFileSync(core.vault.keyringFile, 'utf8')).not.toContain(UNKNOWN_NAME);

    clock.advance(MINUTE);
    expectOk(await signIn('sam'));
    const rows = auditRows(core);
    expect(rows.map((row) => [row.action, row.user_id, row.username, row.outcome, row.at])).toEqual([
      ['sign-in-failed', null, 'dana', 'failed', '2026-11-29T10:00:00.000Z'],
      ['sign-in-failed', null, null, 'failed', '2026-11-29T10:01:00.000Z'],
      ['sign-in', 'user-sam', 'sam', 'ok', '2026-11-29T10:02:00.000Z'],
    ]);
    expect(rows[0] && detailsOf(rows[0])).toEqual({ reason: 'invalid_input' });
    expect(rows[1] && detailsOf(rows[1])).toEqual({ reason: 'unknown-user' });
    expect(JSON.stringify(rows)).not.toContain(UNKNOWN_NAME);
    expect(core.vault.keyring()?.pendingAudit).toEqual([]);
    expectKeyFileHeadToFollowLog(core);
  });

  it('include a wrong recovery key, and are written once only', async () => {
    const recover = await core.registry.invoke('auth.recover', {
      username: 'dana',
      recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH',
      newPassword: 'a new long password',
    });
    expect(recover).toMatchObject({ ok: false });
    expectOk(await signIn('dana'));
    await invoke('auth.signOut', {});
    expectOk(await signIn('dana'));
    expect(auditRows(core).map((row) => [row.action, row.username])).toEqual([
      ['recovery-failed', 'dana'],
      ['sign-in', 'dana'],
      ['sign-out', 'dana'],
      ['sign-in', 'dana'],
    ]);
  });
});
