import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlers } from '../../../electron/ipc/handlers';
import { OUTSIDE_CASELOAD_MESSAGE } from '../../../electron/services/caseAccess';
import type { AuditAction } from '../../../shared/contract/audit';
import type { CaseDetail } from '../../../shared/contract/caseDetail';
import type { CasePage } from '../../../shared/contract/cases';
import { CHANNELS, type Channel } from '../../../shared/contract';
import { REDISCLOSURE_NOTICE } from '../../../shared/domain/confidentiality';
import { makeAssessmentInput } from '../../factories/assessments';
import { expectOk } from '../../support/seed';
import { makeTempDir } from '../../support/tempDir';
import { createTestCore, type TestCore } from '../../support/testCore';
import { auditRows, detailsOf, recordsSnapshot } from '../support/auditTrail';
import { addClinicUsers, draftDecision, prepareCase, type CaseFixture } from '../support/caseFixture';

const summaryOf = (caseId: string) => ({ kind: 'case-summary', caseIds: [caseId], disclosure: null });

interface CaseScopedCall {
  readonly channel: Channel;
  /** What the audit log records when the call is allowed. */
  readonly action: AuditAction;
  readonly input: (fixture: CaseFixture & { readonly draftId: string }) => Record<string, unknown>;
  /** Works on a draft decision, which the case's clinician prepares first. */
  readonly onDraft?: boolean;
}

/** Every channel about one case, with a call that succeeds for someone allowed to make it. */
const CASE_SCOPED: readonly CaseScopedCall[] = [
  { channel: 'cases.get', action: 'case-viewed', input: (f) => ({ caseId: f.caseId }) },
  {
    channel: 'cases.update',
    action: 'case-updated',
    input: (f) => ({ caseId: f.caseId, mrn: f.mrn, fullName: 'Renamed Person', dateOfBirth: f.dateOfBirth }),
  },
  { channel: 'assessments.save', action: 'assessment-saved', input: (f) => makeAssessmentInput(f.caseId, { assessedOn: '2026-11-28' }) },
  {
    channel: 'decisions.save',
    action: 'decision-saved',
    input: (f) => ({ caseId: f.caseId, assessmentId: f.assessmentId, chosenLevel: 'iop', effectiveDate: '2026-11-29' }),
  },
  { channel: 'decisions.submit', action: 'decision-submitted', onDraft: true, input: (f) => ({ decisionId: f.draftId }) },
  { channel: 'decisions.withdraw', action: 'decision-withdrawn', onDraft: true, input: (f) => ({ decisionId: f.draftId }) },
  { channel: 'care.discharge', action: 'discharge-recorded', input: (f) => ({ caseId: f.caseId, dischargeDate: '2026-11-28', reason: 'completed' }) },
  {
    channel: 'care.correctEpisode',
    action: 'episode-corrected',
    input: (f) => ({ caseId: f.caseId, episodeId: f.episodeId, startDate: '2026-11-03', reason: 'Admitted on the 3rd.' }),
  },
  { channel: 'care.recordAttendance', action: 'attendance-recorded', input: (f) => ({ caseId: f.caseId, sessionDate: '2026-11-18', hours: 2 }) },
  { channel: 'care.removeAttendance', action: 'attendance-removed', input: (f) => ({ attendanceId: f.attendanceId }) },
  {
    channel: 'care.saveAuthorization',
    action: 'authorization-saved',
    input: (f) => ({ caseId: f.caseId, payer: 'Medicaid', level: 'iop', fromDate: '2026-11-01', toDate: '2027-01-31' }),
  },
  { channel: 'care.removeAuthorization', action: 'authorization-removed', input: (f) => ({ authorizationId: f.authorizationId }) },
  { channel: 'disclosures.list', action: 'case-viewed', input: (f) => ({ caseId: f.caseId }) },
  {
    channel: 'files.saveText',
    action: 'export',
    input: (f) => ({ suggestedName: 'summary.csv', content: `${REDISCLOSURE_NOTICE}\r\nlevel\r\nIOP\r\n`, record: summaryOf(f.caseId) }),
  },
  { channel: 'files.savePdf', action: 'export', input: (f) => ({ suggestedName: 'summary.pdf', record: summaryOf(f.caseId) }) },
];

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;
let danas: CaseFixture;
let lees: CaseFixture;

beforeEach(async () => {
  temp = makeTempDir('stepwise-case-access-');
  core = await createTestCore(temp.dir);
  await addClinicUsers(core);
  danas = await prepareCase(core, 'dana');
  lees = await prepareCase(core, 'lee', { fullName: 'Marisol Penhallow', mrn: 'LEE-0001', dateOfBirth: '1990-02-14' });
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

const asDana = () => core.signInAs('dana', ['clinician']);
const list = async (query: Record<string, unknown> = {}) => expectOk<CasePage>(await core.registry.invoke('cases.list', query));
const newAuditRows = (since: number) => auditRows(core).slice(since);

it('covers every channel that declares a case scope', () => {
  const declared = CHANNELS.filter((channel) => handlers[channel].caseOf !== undefined);
  expect(CASE_SCOPED.map((call) => call.channel).sort()).toEqual([...declared].sort());
});

describe.each(CASE_SCOPED)('$channel for a clinician', (call) => {
  const withDraft = async (owner: string, fixture: CaseFixture) => ({
    ...fixture,
    draftId: call.onDraft ? await draftDecision(core, owner, fixture) : '',
  });

  it("is refused on another clinician's case: forbidden, nothing changed, the attempt recorded with the case id", async () => {
    const target = await withDraft('lee', lees);
    await asDana();
    const before = recordsSnapshot(core);
    const logged = auditRows(core).length;
    const result = await core.registry.invoke(call.channel, call.input(target));
    expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: OUTSIDE_CASELOAD_MESSAGE } });
    expect(recordsSnapshot(core)).toEqual(before);
    expect(core.savedFiles).toEqual([]);
    const added = newAuditRows(logged);
    expect(added).toMatchObject([{ action: 'access-denied', outcome: 'denied', user_id: 'user-dana', record_type: 'case', record_id: lees.caseId }]);
    expect(added[0] && detailsOf(added[0])).toEqual({ channel: call.channel });
  });

  it('is allowed on her own case, and recorded as what it did', async () => {
    const target = await withDraft('dana', danas);
    await asDana();
    const logged = auditRows(core).length;
    const result = await core.registry.invoke(call.channel, call.input(target));
    expect(result).toMatchObject({ ok: true });
    expect(newAuditRows(logged)).toMatchObject([{ action: call.action, outcome: 'ok', user_id: 'user-dana' }]);
  });
});

describe('ids of another case passed alongside her own case id', () => {
  it.each([
    [
      'a decision of that case',
      'decisions.save',
      (own: CaseFixture, other: string) => ({
        decisionId: other,
        caseId: own.caseId,
        assessmentId: own.assessmentId,
        chosenLevel: 'iop',
        effectiveDate: '2026-11-29',
      }),
    ],
    [
      'an episode of that case',
      'care.correctEpisode',
      (own: CaseFixture) => ({ caseId: own.caseId, episodeId: lees.episodeId, startDate: '2026-11-03', reason: 'Try it.' }),
    ],
    [
      'an authorization of that case',
      'care.saveAuthorization',
      (own: CaseFixture) => ({
        caseId: own.caseId,
        authorizationId: lees.authorizationId,
        payer: 'X',
        level: 'iop',
        fromDate: '2026-11-01',
        toDate: '2026-11-30',
      }),
    ],
    ['an assessment of that case', 'assessments.save', (own: CaseFixture) => makeAssessmentInput(own.caseId, { amendsId: lees.assessmentId })],
  ] as const)('cannot reach %s', async (_what, channel, input) => {
    const leesDraft = await draftDecision(core, 'lee', lees);
    await asDana();
    const before = recordsSnapshot(core);
    const result = await core.registry.invoke(channel, input(danas, leesDraft));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(recordsSnapshot(core)).toEqual(before);
  });
});

describe("a clinician's caseload", () => {
  it('lists only her own cases, whatever clinician filter she sends', async () => {
    await asDana();
    for (const clinician of ['all', 'mine', 'user-lee', 'unassigned']) {
      const page = await list({ clinician });
      expect(page.rows.every((row) => row.id === danas.caseId)).toBe(true);
      expect(page.rows.some((row) => row.id === lees.caseId)).toBe(false);
    }
    expect((await list()).total).toBe(1);
  });
});

describe('supervisors and administrators', () => {
  it('see every case, and a supervisor may act on any of them', async () => {
    await core.signInAs('sam', ['supervisor']);
    expect(expectOk<CaseDetail>(await core.registry.invoke('cases.get', { caseId: lees.caseId })).access).toBe('all-cases');
    expect(await core.registry.invoke('care.recordAttendance', { caseId: lees.caseId, sessionDate: '2026-11-18', hours: 1 })).toMatchObject({
      ok: true,
    });
    expect((await list()).rows.map((row) => row.id).sort()).toEqual([danas.caseId, lees.caseId].sort());
    expect((await list({ search: lees.mrn })).outsideCaseload).toBeNull();

    await core.signInAs('root', ['admin']);
    expect(expectOk<CaseDetail>(await core.registry.invoke('cases.get', { caseId: danas.caseId })).access).toBe('all-cases');
    expect(await core.registry.invoke('disclosures.list', { caseId: lees.caseId })).toMatchObject({ ok: true, value: { caseId: lees.caseId } });
    expect((await list()).total).toBe(2);
    expect(auditRows(core).filter((row) => row.action === 'access-denied')).toEqual([]);
  });
});
