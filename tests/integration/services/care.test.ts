import { REDISCLOSURE_NOTICE } from '../../../shared/domain/confidentiality';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssessmentRecord } from '../../../shared/contract/assessments';
import type { CaseDetail } from '../../../shared/contract/caseDetail';
import type { CasePage, CaseSummary } from '../../../shared/contract/cases';
import type { DecisionRecord } from '../../../shared/contract/decisions';
import type { MetricsReport } from '../../../shared/contract/reports';
import { makeAssessmentInput } from '../../factories/assessments';
import { makeCaseInput } from '../../factories/cases';
import { expectOk, placeCase } from '../../support/seed';
import { createTestCore, type TestCore } from '../../support/testCore';
import { makeTempDir } from '../../support/tempDir';

let temp: ReturnType<typeof makeTempDir>;
let core: TestCore;
let caseId: string;

beforeEach(async () => {
  temp = makeTempDir();
  core = await createTestCore(temp.dir);
  await core.addUser('sam', ['supervisor'], 'Sam Reviewer');
  await core.signInAs('dana', ['clinician']);
  caseId = expectOk<CaseSummary>(await core.registry.invoke('cases.create', makeCaseInput({ fullName: 'Jane Doe' }))).id;
});
afterEach(() => {
  core.close();
  temp.cleanup();
});

const detail = async () => expectOk<CaseDetail>(await core.registry.invoke('cases.get', { caseId }));
const summary = async () => (await detail()).summary;
const listWith = async (query: Record<string, unknown>) =>
  expectOk<CasePage>(await core.registry.invoke('cases.list', { clinician: 'all', ...query })).rows.map((row) => row.id);

/** Admits at IOP on the date through the real workflow: assessment, decision, approval. */
async function admit(level: 'iop' | 'inpatient' | 'outpatient', on: string, assessedOn = on): Promise<void> {
  await core.signInAs('dana', ['clinician']);
  const assessment = expectOk<AssessmentRecord>(await core.registry.invoke('assessments.save', makeAssessmentInput(caseId, { assessedOn })));
  const variance = assessment.recommendation.level === level ? {} : { varianceReason: 'clinical-judgement', varianceText: 'Test placement.' };
  const decision = expectOk<DecisionRecord>(
    await core.registry.invoke('decisions.save', {
      caseId,
      assessmentId: assessment.id,
      chosenLevel: level,
      effectiveDate: on,
      submit: true,
      ...variance,
    }),
  );
  await core.signInAs('sam', ['supervisor']);
  expectOk(await core.registry.invoke('decisions.approve', { decisionId: decision.id }));
  await core.signInAs('dana', ['clinician']);
}

describe('discharge and readmission', () => {
  it('closes the open episode with its reason, marks the case discharged, and a later decision readmits it', async () => {
    await admit('iop', '2026-11-01');
    const after = expectOk<CaseDetail>(
      await core.registry.invoke('care.discharge', { caseId, dischargeDate: '2026-11-20', reason: 'completed', note: 'Finished the programme.' }),
    );
    expect(after.episodes).toMatchObject([{ level: 'iop', startDate: '2026-11-01', endDate: '2026-11-20', endReason: 'completed' }]);
    expect(after.summary).toMatchObject({ status: 'discharged', level: null, nextReviewDue: null });
    expect(after.careEvents).toMatchObject([
      { kind: 'discharge', eventDate: '2026-11-20', endReason: 'completed', reason: 'Finished the programme.', recordedBy: { displayName: 'Dana' } },
    ]);
    expect(await listWith({})).not.toContain(caseId);
    expect(await listWith({ includeDischarged: true })).toContain(caseId);

    await admit('iop', '2026-11-28', '2026-11-27');
    const readmitted = await detail();
    expect(readmitted.summary).toMatchObject({ status: 'active', level: 'iop', levelSince: '2026-11-28' });
    expect(readmitted.episodes.map((episode) => [episode.startDate, episode.endDate])).toEqual([
      ['2026-11-01', '2026-11-20'],
      ['2026-11-28', null],
    ]);
    expect(readmitted.careEvents.map((event) => event.kind)).toEqual(['discharge', 'readmission']);
    expect(readmitted.careEvents[1]?.episodeId).toBe(readmitted.episodes[1]?.id);
  });

  it.each([
    [{ dischargeDate: '2026-10-01', reason: 'completed' }, 'dischargeDate', /before the current IOP episode/],
    [{ dischargeDate: '2026-12-01', reason: 'completed' }, 'dischargeDate', /in the future/],
    [{ dischargeDate: '2026-11-20', reason: 'stepped-down' }, 'reason', /reason/],
  ])('refuses an invalid discharge beside the field and changes nothing (%#)', async (input, field, message) => {
    await admit('iop', '2026-11-01');
    const before = await detail();
    const result = await core.registry.invoke('care.discharge', { caseId, ...input });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.fields).toContainEqual({ path: field, message: expect.stringMatching(message) as unknown });
    expect(await detail()).toEqual(before);
  });

  it('refuses a discharge while a decision is pending, naming it', async () => {
    await admit('iop', '2026-11-01');
    const assessment = expectOk<AssessmentRecord>(
      await core.registry.invoke('assessments.save', makeAssessmentInput(caseId, { assessedOn: '2026-11-25' })),
    );
    expectOk(
      await core.registry.invoke('decisions.save', {
        caseId,
        assessmentId: assessment.id,
        chosenLevel: 'iop',
        effectiveDate: '2026-11-26',
        submit: true,
      }),
    );
    const refused = await core.registry.invoke('care.discharge', { caseId, dischargeDate: '2026-11-27', reason: 'completed' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/submitted decision to IOP; withdraw or complete it/) as unknown },
    });
  });

  it('refuses a discharge when nothing is open', async () => {
    expect(await core.registry.invoke('care.discharge', { caseId, dischargeDate: '2026-11-20', reason: 'completed' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'The case has no open episode to discharge from.' },
    });
  });
});

describe('episode date corrections', () => {
  it('move the neighbouring boundary with them and are recorded with who and why', async () => {
    await admit('inpatient', '2026-11-01', '2026-10-30');
    await admit('iop', '2026-11-10', '2026-11-09');
    const [inpatient, iop] = (await detail()).episodes;
    const corrected = expectOk<CaseDetail>(
      await core.registry.invoke('care.correctEpisode', {
        caseId,
        episodeId: iop?.id,
        startDate: '2026-11-08',
        reason: 'Step-down happened on the 8th.',
      }),
    );
    expect(corrected.episodes).toMatchObject([
      { id: inpatient?.id, startDate: '2026-11-01', endDate: '2026-11-08' },
      { id: iop?.id, startDate: '2026-11-08', endDate: null },
    ]);
    expect(corrected.careEvents.filter((event) => event.kind === 'episode-correction')).toMatchObject([
      { episodeId: iop?.id, reason: 'Step-down happened on the 8th.', before: { startDate: '2026-11-10' }, after: { startDate: '2026-11-08' } },
      { episodeId: inpatient?.id, before: { endDate: '2026-11-10' }, after: { endDate: '2026-11-08' } },
    ]);
    expect(corrected.summary.levelSince).toBe('2026-11-08');
  });

  it('refuse a correction that would still break an invariant, naming the conflicting episode', async () => {
    await admit('inpatient', '2026-11-01', '2026-10-30');
    await admit('iop', '2026-11-10', '2026-11-09');
    const [, iop] = (await detail()).episodes;
    const before = await detail();
    const result = await core.registry.invoke('care.correctEpisode', { caseId, episodeId: iop?.id, startDate: '2026-10-20', reason: 'Typo.' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/Inpatient episode from 2026-11-01/) as unknown },
    });
    expect(await detail()).toEqual(before);
    expect(await core.registry.invoke('care.correctEpisode', { caseId, episodeId: iop?.id, startDate: '2026-11-09' })).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'reason' }] },
    });
  });
});

describe('continued-stay reviews', () => {
  it('fall due one interval after the episode start or the last review, and follow the settings', async () => {
    await placeCase(core, caseId, 'iop', '2026-10-01');
    expect((await summary()).nextReviewDue).toBe('2026-10-31');
    expect((await summary()).reviewOverdue).toBe(true);
    expect(await listWith({ flag: 'review-overdue' })).toEqual([caseId]);
    await core.registry.invoke('assessments.save', makeAssessmentInput(caseId, { assessedOn: '2026-11-20' }));
    expect(await summary()).toMatchObject({ nextReviewDue: '2026-12-20', reviewOverdue: false });
    expect(await listWith({ flag: 'review-overdue' })).toEqual([]);
    await core.signInAs('root', ['admin']);
    expect(await core.registry.invoke('settings.update', { reviewIntervals: { inpatient: 7, iop: 5, outpatient: 90 } })).toMatchObject({ ok: true });
    await core.signInAs('dana', ['clinician']);
    expect((await summary()).nextReviewDue).toBe('2026-11-25');
    await core.signInAs('root', ['admin']);
    expect(await core.registry.invoke('settings.update', { reviewIntervals: { inpatient: 0, iop: 5, outpatient: 90 } })).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'reviewIntervals.inpatient' }] },
    });
  });
});

describe('IOP attendance', () => {
  it('flags a case at IOP the whole of last week with fewer than 9 hours, and lists weekly hours', async () => {
    // Today is Sunday 2026-11-29 in the test clock: last complete week is 16-22 November.
    await placeCase(core, caseId, 'iop', '2026-11-02');
    for (const [day, hours] of [
      ['2026-11-17', 3],
      ['2026-11-19', 3],
    ] as const) {
      expectOk(await core.registry.invoke('care.recordAttendance', { caseId, sessionDate: day, hours }));
    }
    expect(await summary()).toMatchObject({ iopHoursLastWeek: 6, iopBelowIntensity: true });
    expect(await listWith({ flag: 'iop-hours' })).toEqual([caseId]);
    const weeks = (await detail()).weeklyHours;
    expect(weeks.find((week) => week.weekStart === '2026-11-16')).toEqual({
      weekStart: '2026-11-16',
      hours: 6,
      fullWeekAtIop: true,
      belowIntensity: true,
    });
    const session = expectOk<CaseDetail>(await core.registry.invoke('care.recordAttendance', { caseId, sessionDate: '2026-11-21', hours: 3.5 }));
    expect(session.summary).toMatchObject({ iopHoursLastWeek: 9.5, iopBelowIntensity: false });
    const removed = session.attendance.find((entry) => entry.hours === 3.5);
    expect((await core.registry.invoke('care.removeAttendance', { attendanceId: removed?.id ?? '' })).ok).toBe(true);
    expect((await summary()).iopBelowIntensity).toBe(true);
  });

  it.each([
    [{ hours: 0 }, /more than 0/],
    [{ hours: 25 }, /at most 24/],
    [{ hours: 1.1 }, /quarter hour/],
    [{ sessionDate: '2026-12-01' }, /in the future/],
  ])('refuses an invalid session beside the field (%#)', async (input, message) => {
    const result = await core.registry.invoke('care.recordAttendance', { caseId, sessionDate: '2026-11-20', hours: 3, ...input });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.fields?.[0]?.message).toMatch(message);
    expect((await detail()).attendance).toEqual([]);
  });
});

describe('payer authorizations', () => {
  beforeEach(async () => {
    await placeCase(core, caseId, 'iop', '2026-11-01');
  });

  it('flag one ending within 7 days, and one that does not cover the current level', async () => {
    const saved = expectOk<CaseDetail>(
      await core.registry.invoke('care.saveAuthorization', {
        caseId,
        payer: 'Medicaid',
        level: 'iop',
        fromDate: '2026-11-01',
        toDate: '2026-12-04',
        units: 12,
      }),
    );
    expect(saved.summary).toMatchObject({ authorizationFlag: 'ending-soon', authorizationEndsOn: '2026-12-04' });
    expect(await listWith({ flag: 'authorization' })).toEqual([caseId]);
    const authorization = saved.authorizations[0];
    const extended = expectOk<CaseDetail>(
      await core.registry.invoke('care.saveAuthorization', {
        authorizationId: authorization?.id,
        caseId,
        payer: 'Medicaid',
        level: 'outpatient',
        fromDate: '2026-11-01',
        toDate: '2027-02-01',
      }),
    );
    expect(extended.summary).toMatchObject({ authorizationFlag: 'level-mismatch', authorizationEndsOn: null });
    expect(extended.authorizations).toHaveLength(1);
    expect((await core.registry.invoke('care.removeAuthorization', { authorizationId: authorization?.id ?? '' })).ok).toBe(true);
    expect((await summary()).authorizationFlag).toBeNull();
  });

  it('do not report an authorization as ending when a renewal follows it', async () => {
    await core.registry.invoke('care.saveAuthorization', { caseId, payer: 'Medicaid', level: 'iop', fromDate: '2026-11-01', toDate: '2026-12-02' });
    expect((await summary()).authorizationFlag).toBe('ending-soon');
    await core.registry.invoke('care.saveAuthorization', { caseId, payer: 'Medicaid', level: 'iop', fromDate: '2026-12-03', toDate: '2027-01-31' });
    expect(await summary()).toMatchObject({ authorizationFlag: null, authorizationEndsOn: '2027-01-31' });
  });

  it('refuse an authorization whose end is before its start', async () => {
    const result = await core.registry.invoke('care.saveAuthorization', {
      caseId,
      payer: 'Medicaid',
      level: 'iop',
      fromDate: '2026-12-01',
      toDate: '2026-11-01',
    });
    expect(result).toMatchObject({ ok: false, error: { fields: [{ path: 'toDate', message: 'The last authorized day is before the first.' }] } });
  });
});

describe('metrics report', () => {
  it('computes the transition metrics over the cases filtered by clinician and range', async () => {
    await admit('inpatient', '2026-11-01', '2026-10-30');
    await admit('iop', '2026-11-10', '2026-11-09');
    await core.registry.invoke('care.discharge', { caseId, dischargeDate: '2026-11-20', reason: 'completed' });
    const report = expectOk<MetricsReport>(await core.registry.invoke('reports.metrics', { from: '2026-10-01', to: '2026-11-29' }));
    expect(report).toMatchObject({
      cases: 1,
      episodes: 2,
      transitions: { 'inpatient->iop': 1, 'iop->discharged': 1 },
      lengthOfStay: { inpatient: { n: 1, median: 9, min: 9, max: 9 }, iop: { n: 1, median: 10 } },
      continuityAfterInpatient: { n: 1, within7: 1, within30: 1 },
      dropoutRate: { inpatient: 0, iop: 0, outpatient: null },
      concordance: { eligible: 2 },
    });
    expect(report.census.find((day) => day.day === '2026-11-05')).toEqual({ day: '2026-11-05', inpatient: 1, iop: 0, outpatient: 0 });
    const other = expectOk<MetricsReport>(await core.registry.invoke('reports.metrics', { clinicianId: 'user-nobody' }));
    expect(other).toMatchObject({ cases: 0, episodes: 0, transitions: {} });
    expect(await core.registry.invoke('reports.metrics', { from: '2026-11-29', to: '2026-11-01' })).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'from' }] },
    });
  });

  it('saves files only through the shell, and only with the redisclosure notice', async () => {
    const content = `"${REDISCLOSURE_NOTICE}"\na,b\n1,2\n`;
    const record = { kind: 'outcome-report' };
    expect(await core.registry.invoke('files.saveText', { suggestedName: 'report.csv', content, record })).toEqual({
      ok: true,
      value: { saved: true, fileName: 'report.csv' },
    });
    expect(await core.registry.invoke('files.saveText', { suggestedName: '../../etc/passwd', content, record })).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'suggestedName' }] },
    });
    expect(await core.registry.invoke('files.saveText', { suggestedName: 'bare.csv', content: 'a,b\n1,2\n', record })).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'content' }] },
    });
    expect(core.savedFiles).toEqual([{ name: 'report.csv', content }]);
  });
});
