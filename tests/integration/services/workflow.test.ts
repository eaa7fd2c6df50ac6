import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssessmentRecord } from '../../../shared/contract/assessments';
import type { CaseDetail } from '../../../shared/contract/caseDetail';
import type { CaseSummary } from '../../../shared/contract/cases';
import type { DecisionRecord } from '../../../shared/contract/decisions';
import { makeAssessmentInput } from '../../factories/assessments';
import { makeCaseInput } from '../../factories/cases';
import { expectOk } from '../../support/seed';
import { createTestCore, TEST_PASSWORD, type TestCore } from '../../support/testCore';
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

const asDana = async () => core.signInAs('dana', ['clinician']);
const asSam = async () => core.signInAs('sam', ['supervisor']);
const detail = async () => expectOk<CaseDetail>(await core.registry.invoke('cases.get', { caseId }));
const assess = async (overrides = {}) =>
  expectOk<AssessmentRecord>(await core.registry.invoke('assessments.save', makeAssessmentInput(caseId, overrides)));
const decide = async (input: Record<string, unknown>) =>
  expectOk<DecisionRecord>(await core.registry.invoke('decisions.save', { caseId, effectiveDate: '2026-11-29', ...input }));
const submit = async (decisionId: string) => expectOk<DecisionRecord>(await core.registry.invoke('decisions.submit', { decisionId }));
const approve = async (decisionId: string) => {
  await asSam();
  const approved = expectOk<DecisionRecord>(await core.registry.invoke('decisions.approve', { decisionId }));
  await asDana();
  return approved;
};

describe('assessments', () => {
  it('are evaluated by the main process and stored with the ruleset version', async () => {
    const saved = await assess();
    expect(saved.recommendation).toMatchObject({ level: 'iop', transition: 'admit', ruleIds: ['IOP-MODERATE'], rulesetVersion: '2026.1' });
    expect(saved.assessment.currentLevel).toBe('none');
    expect(saved.assessor?.displayName).toBe('Dana');
    expect((await detail()).summary.recommendedLevel).toBe('iop');
  });

  it('never accept a recommendation or current level sent by the renderer', async () => {
    for (const extra of [{ recommendation: { level: 'outpatient' } }, { currentLevel: 'inpatient' }, { level: 'outpatient' }]) {
      const result = await core.registry.invoke('assessments.save', { ...makeAssessmentInput(caseId), ...extra });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect((await detail()).assessments).toEqual([]);
  });

  it.each([
    [{ assessedOn: '2026-11-30' }, 'assessedOn', /in the future/],
    [{ dimensions: { withdrawal: 7 } }, 'dimensions.withdrawal', /from 0 \(none\) to 4/],
    [{ assessedOn: '2026-02-30' }, 'assessedOn', /real date/],
  ])('refuse invalid input beside the field and save nothing (%#)', async (overrides, field, message) => {
    const result = await core.registry.invoke('assessments.save', makeAssessmentInput(caseId, overrides));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.fields).toContainEqual({ path: field, message: expect.stringMatching(message) as unknown });
    expect((await detail()).assessments).toEqual([]);
  });

  it('are amended by a new version that links to the one it amends; both stay visible', async () => {
    const first = await assess();
    const amendment = await assess({
      amendsId: first.id,
      severity: 'mild',
      dimensions: { withdrawal: 0, biomedical: 0, psychiatric: 0, readiness: 0, relapse: 1, environment: 0 },
    });
    expect(amendment.amendsId).toBe(first.id);
    const history = (await detail()).assessments;
    expect(history.map((record) => [record.id, record.amendedById])).toEqual(
      expect.arrayContaining([
        [first.id, amendment.id],
        [amendment.id, null],
      ]),
    );
    expect((await detail()).summary.recommendedLevel).toBe('outpatient');
    expect(await core.registry.invoke('assessments.save', makeAssessmentInput(caseId, { amendsId: first.id }))).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });
});

describe('placement decisions', () => {
  it('run draft -> submitted -> approved and open the first episode', async () => {
    const assessment = await assess();
    const draft = await decide({ assessmentId: assessment.id, chosenLevel: 'iop' });
    expect(draft).toMatchObject({ status: 'draft', recommendedLevel: 'iop', varianceReason: null, author: { displayName: 'Dana' } });
    expect((await detail()).summary.decisionStatus).toBe('draft');
    await submit(draft.id);
    const approved = await approve(draft.id);
    expect(approved).toMatchObject({ status: 'approved', reviewer: { displayName: 'Sam Reviewer' }, reviews: [{ outcome: 'approved' }] });
    const after = await detail();
    expect(after.summary).toMatchObject({ level: 'iop', levelSince: '2026-11-29', mismatch: false, decisionStatus: 'approved' });
    expect(after.episodes).toMatchObject([{ level: 'iop', startDate: '2026-11-29', endDate: null, openedByDecisionId: draft.id }]);
  });

  it('require a variance reason and text when the chosen level departs from the recommendation', async () => {
    const assessment = await assess();
    const refused = await core.registry.invoke('decisions.save', {
      caseId,
      assessmentId: assessment.id,
      chosenLevel: 'outpatient',
      effectiveDate: '2026-11-29',
    });
    expect(refused).toMatchObject({ ok: false, error: { fields: [{ path: 'varianceReason' }, { path: 'varianceText' }] } });
    const ok = await decide({
      assessmentId: assessment.id,
      chosenLevel: 'outpatient',
      varianceReason: 'patient-preference',
      varianceText: 'Works nights.',
    });
    expect(ok).toMatchObject({ varianceReason: 'patient-preference', varianceText: 'Works nights.' });
  });

  it('require a variance when the assessment is incomplete and the rules could not recommend', async () => {
    const incomplete = await assess({ dimensions: { withdrawal: 1 } });
    expect(incomplete.recommendation.level).toBeNull();
    const refused = await core.registry.invoke('decisions.save', {
      caseId,
      assessmentId: incomplete.id,
      chosenLevel: 'iop',
      effectiveDate: '2026-11-29',
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { fields: [{ path: 'varianceReason', message: expect.stringMatching(/incomplete/) as unknown }, { path: 'varianceText' }] },
    });
  });

  it('cannot be approved by their author, even one who is also a supervisor', async () => {
    await core.signInAs('pat', ['clinician', 'supervisor']);
    const assessment = await assess();
    const draft = await decide({ assessmentId: assessment.id, chosenLevel: 'iop' });
    await submit(draft.id);
    const self = await core.registry.invoke('decisions.approve', { decisionId: draft.id });
    expect(self).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'You wrote this decision; another supervisor must review it.' } });
    expect(await core.registry.invoke('decisions.return', { decisionId: draft.id, comment: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect((await detail()).episodes).toEqual([]);
    expect(() => core.database.sqlite.prepare('UPDATE decisions SET reviewer_id = author_id WHERE id = ?').run(draft.id)).toThrow(/CHECK/);
  });

  it('are immutable once approved: no edit, no withdrawal, not even by direct SQL', async () => {
    const assessment = await assess();
    const draft = await decide({ assessmentId: assessment.id, chosenLevel: 'iop' });
    await submit(draft.id);
    await approve(draft.id);
    const edit = await core.registry.invoke('decisions.save', {
      decisionId: draft.id,
      caseId,
      assessmentId: assessment.id,
      chosenLevel: 'inpatient',
      effectiveDate: '2026-11-29',
      varianceReason: 'other',
      varianceText: 'x',
    });
    expect(edit).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await core.registry.invoke('decisions.withdraw', { decisionId: draft.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(() => core.database.sqlite.prepare("UPDATE decisions SET chosen_level = 'inpatient' WHERE id = ?").run(draft.id)).toThrow(
      /cannot be changed/,
    );
    expect(() => core.database.sqlite.prepare('DELETE FROM decisions WHERE id = ?').run(draft.id)).toThrow(/cannot be deleted/);
  });

  it('lock their assessment once submitted; returned decisions are revised and resubmitted', async () => {
    const assessment = await assess();
    const draft = await decide({ assessmentId: assessment.id, chosenLevel: 'iop' });
    await submit(draft.id);
    expect((await detail()).assessments[0]?.locked).toBe(true);
    await asSam();
    const returned = expectOk<DecisionRecord>(
      await core.registry.invoke('decisions.return', { decisionId: draft.id, comment: 'Check the relapse rating.' }),
    );
    expect(returned).toMatchObject({ status: 'returned', reviewComment: 'Check the relapse rating.' });
    expect(await core.registry.invoke('decisions.return', { decisionId: draft.id, comment: '' })).toMatchObject({ ok: false });
    await asDana();
    const revised = await decide({ decisionId: draft.id, assessmentId: assessment.id, chosenLevel: 'iop', effectiveDate: '2026-11-28' });
    expect(revised.status).toBe('draft');
    await submit(draft.id);
    const approved = await approve(draft.id);
    expect(approved.reviews.map((review) => review.outcome)).toEqual(['returned', 'approved']);
  });

  it('allow one decision in progress per case', async () => {
    const assessment = await assess();
    await decide({ assessmentId: assessment.id, chosenLevel: 'iop' });
    const second = await core.registry.invoke('decisions.save', {
      caseId,
      assessmentId: assessment.id,
      chosenLevel: 'iop',
      effectiveDate: '2026-11-29',
    });
    expect(second).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/Jane Doe already has a draft decision by Dana/) as unknown },
    });
  });

  it('step down: close the open episode and open the next on the same day', async () => {
    const first = await assess({ assessedOn: '2026-10-30' });
    const admit = await decide({ assessmentId: first.id, chosenLevel: 'iop', effectiveDate: '2026-11-01' });
    await submit(admit.id);
    await approve(admit.id);
    const later = await assess({
      assessedOn: '2026-11-25',
      severity: 'mild',
      dimensions: { withdrawal: 0, biomedical: 0, psychiatric: 0, readiness: 1, relapse: 1, environment: 0 },
    });
    expect(later.recommendation).toMatchObject({ level: 'outpatient', transition: 'step-down' });
    const stepDown = await decide({ assessmentId: later.id, chosenLevel: 'outpatient', effectiveDate: '2026-11-26' });
    await submit(stepDown.id);
    await approve(stepDown.id);
    expect((await detail()).episodes).toMatchObject([
      { level: 'iop', startDate: '2026-11-01', endDate: '2026-11-26', endReason: 'stepped-down' },
      { level: 'outpatient', startDate: '2026-11-26', endDate: null },
    ]);
  });

  it('refuse, beside the date, a decision dated before the current episode began; nothing is saved', async () => {
    const first = await assess();
    const admit = await decide({ assessmentId: first.id, chosenLevel: 'iop', effectiveDate: '2026-11-25' });
    await submit(admit.id);
    await approve(admit.id);
    const later = await assess({
      assessedOn: '2026-11-20',
      severity: 'mild',
      dimensions: { withdrawal: 0, biomedical: 0, psychiatric: 0, readiness: 0, relapse: 0, environment: 0 },
    });
    const refused = await core.registry.invoke('decisions.save', {
      caseId,
      assessmentId: later.id,
      chosenLevel: 'outpatient',
      effectiveDate: '2026-11-21',
    });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        fields: [{ path: 'effectiveDate', message: expect.stringMatching(/before the current IOP episode from 2026-11-25/) as unknown }],
      },
    });
    expect((await detail()).decisions).toHaveLength(1);
  });

  it('save and submit in one step, in one transaction', async () => {
    const assessment = await assess();
    const submitted = expectOk<DecisionRecord>(
      await core.registry.invoke('decisions.save', {
        caseId,
        assessmentId: assessment.id,
        chosenLevel: 'iop',
        effectiveDate: '2026-11-29',
        submit: true,
      }),
    );
    expect(submitted.status).toBe('submitted');
    const invalid = await core.registry.invoke('decisions.save', {
      caseId,
      assessmentId: assessment.id,
      chosenLevel: 'outpatient',
      effectiveDate: '2026-11-29',
      submit: true,
    });
    expect(invalid.ok).toBe(false);
    expect((await detail()).decisions).toHaveLength(1);
  });

  it('can be withdrawn by the clinician the case was reassigned to, so a case is never stuck', async () => {
    const assessment = await assess();
    const draft = await decide({ assessmentId: assessment.id, chosenLevel: 'iop' });
    await core.signInAs('lee', ['clinician']);
    expect(await core.registry.invoke('decisions.withdraw', { decisionId: draft.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    core.database.sqlite.prepare("UPDATE cases SET clinician_id = 'user-lee' WHERE id = ?").run(caseId);
    expect(await core.registry.invoke('decisions.withdraw', { decisionId: draft.id })).toMatchObject({ ok: true, value: { status: 'withdrawn' } });
  });

  it('refuse approval when the assessment was amended after submission', async () => {
    const assessment = await assess();
    const decision = await decide({ assessmentId: assessment.id, chosenLevel: 'iop' });
    await submit(decision.id);
    await assess({ amendsId: assessment.id, criteria: { ...makeAssessmentInput(caseId).criteria, lifeThreateningUse: true } });
    await asSam();
    const refused = await core.registry.invoke('decisions.approve', { decisionId: decision.id });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/amended after it was submitted/) as unknown },
    });
  });

  it('keep a correction a correction when it is edited after being returned', async () => {
    const first = await assess({ assessedOn: '2026-10-30' });
    const admit = await decide({ assessmentId: first.id, chosenLevel: 'iop', effectiveDate: '2026-11-01' });
    await submit(admit.id);
    await approve(admit.id);
    const correction = await decide({ assessmentId: first.id, chosenLevel: 'iop', effectiveDate: '2026-11-02', supersedesId: admit.id });
    const edited = await decide({ decisionId: correction.id, assessmentId: first.id, chosenLevel: 'iop', effectiveDate: '2026-11-03' });
    expect(edited.supersedesId).toBe(admit.id);
  });
});

describe('planned transitions and corrections', () => {
  it('apply a future effective date at the first sign-in on or after that date (the database opens only then)', async () => {
    const assessment = await assess();
    const planned = await decide({ assessmentId: assessment.id, chosenLevel: 'iop', effectiveDate: '2026-12-03' });
    await submit(planned.id);
    await approve(planned.id);
    expect((await detail()).summary).toMatchObject({ level: null, plannedLevel: 'iop', plannedOn: '2026-12-03' });
    core.close();
    const { fixedClock } = await import('../../../electron/services/context');
    core = await createTestCore(temp.dir, { clock: fixedClock(new Date('2026-12-02T09:00:00Z')) });
    expectOk(await core.registry.invoke('auth.signIn', { username: 'dana', password: TEST_PASSWORD }));
    expect((await detail()).episodes).toEqual([]);
    core.close();
    core = await createTestCore(temp.dir, { clock: fixedClock(new Date('2026-12-04T09:00:00Z')) });
    expectOk(await core.registry.invoke('auth.signIn', { username: 'dana', password: TEST_PASSWORD }));
    const after = await detail();
    expect(after.episodes).toMatchObject([{ level: 'iop', startDate: '2026-12-03', endDate: null }]);
    expect(after.summary).toMatchObject({ level: 'iop', plannedLevel: null });
  });

  it('supersede an approved decision and move the boundary it created, keeping both visible', async () => {
    const first = await assess({ assessedOn: '2026-10-30' });
    const admit = await decide({ assessmentId: first.id, chosenLevel: 'iop', effectiveDate: '2026-11-01' });
    await submit(admit.id);
    await approve(admit.id);
    const later = await assess({
      assessedOn: '2026-11-20',
      severity: 'mild',
      dimensions: { withdrawal: 0, biomedical: 0, psychiatric: 0, readiness: 0, relapse: 1, environment: 0 },
    });
    const stepDown = await decide({ assessmentId: later.id, chosenLevel: 'outpatient', effectiveDate: '2026-11-24' });
    await submit(stepDown.id);
    await approve(stepDown.id);
    // The step-down really happened on the 22nd: a correction moves both sides of the boundary.
    const correction = await decide({ assessmentId: later.id, chosenLevel: 'outpatient', effectiveDate: '2026-11-22', supersedesId: stepDown.id });
    await submit(correction.id);
    await approve(correction.id);
    const after = await detail();
    expect(after.episodes).toMatchObject([
      { level: 'iop', startDate: '2026-11-01', endDate: '2026-11-22', endReason: 'stepped-down' },
      { level: 'outpatient', startDate: '2026-11-22', endDate: null, openedByDecisionId: correction.id },
    ]);
    const decisions = new Map(after.decisions.map((decision) => [decision.id, decision]));
    expect(decisions.get(stepDown.id)).toMatchObject({ status: 'approved', supersededById: correction.id });
    expect(decisions.get(correction.id)).toMatchObject({ status: 'approved', supersedesId: stepDown.id });
    const twice = await core.registry.invoke('decisions.save', {
      caseId,
      assessmentId: later.id,
      chosenLevel: 'outpatient',
      effectiveDate: '2026-11-23',
      supersedesId: stepDown.id,
    });
    expect(twice).toMatchObject({ ok: false, error: { fields: [{ path: 'supersedesId' }] } });
  });

  it('refuse a correction that would break an invariant, naming the conflicting episode', async () => {
    const first = await assess({ assessedOn: '2026-10-30' });
    const admit = await decide({ assessmentId: first.id, chosenLevel: 'iop', effectiveDate: '2026-11-01' });
    await submit(admit.id);
    await approve(admit.id);
    const later = await assess({
      assessedOn: '2026-11-20',
      severity: 'mild',
      dimensions: { withdrawal: 0, biomedical: 0, psychiatric: 0, readiness: 0, relapse: 1, environment: 0 },
    });
    const stepDown = await decide({ assessmentId: later.id, chosenLevel: 'outpatient', effectiveDate: '2026-11-24' });
    await submit(stepDown.id);
    await approve(stepDown.id);
    const refused = await core.registry.invoke('decisions.save', {
      caseId,
      assessmentId: first.id,
      chosenLevel: 'outpatient',
      effectiveDate: '2026-10-30',
      supersedesId: stepDown.id,
      varianceReason: 'other',
      varianceText: 'Date typo.',
    });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        fields: [{ path: 'effectiveDate', message: expect.stringMatching(/before the IOP episode from 2026-11-01/) as unknown }],
      },
    });
    expect((await detail()).episodes).toMatchObject([
      { level: 'iop', endDate: '2026-11-24' },
      { level: 'outpatient', startDate: '2026-11-24', endDate: null },
    ]);
  });
});

describe('review queue and supervisor overview', () => {
  it('lists submitted decisions oldest first, filters variances, and reports concordance per clinician', async () => {
    const assessment = await assess();
    const departing = await decide({
      assessmentId: assessment.id,
      chosenLevel: 'outpatient',
      varianceReason: 'payer-authorization',
      varianceText: 'Payer covers outpatient only.',
    });
    await submit(departing.id);
    const other = expectOk<CaseSummary>(await core.registry.invoke('cases.create', makeCaseInput({ fullName: 'Omar Haddad' })));
    const otherAssessment = expectOk<AssessmentRecord>(await core.registry.invoke('assessments.save', makeAssessmentInput(other.id)));
    const concordant = expectOk<DecisionRecord>(
      await core.registry.invoke('decisions.save', {
        caseId: other.id,
        assessmentId: otherAssessment.id,
        chosenLevel: 'iop',
        effectiveDate: '2026-11-29',
      }),
    );
    await submit(concordant.id);
    await asSam();
    const queue = expectOk<{ items: { decision: DecisionRecord; caseName: string; decisionTransition: string | null }[] }>(
      await core.registry.invoke('decisions.queue', {}),
    );
    expect(queue.items.map((item) => [item.caseName, item.decisionTransition])).toEqual([
      ['Jane Doe', 'admit'],
      ['Omar Haddad', 'admit'],
    ]);
    const variances = expectOk<{ items: { caseName: string }[] }>(await core.registry.invoke('decisions.queue', { varianceOnly: true }));
    expect(variances.items.map((item) => item.caseName)).toEqual(['Jane Doe']);
    expect(await core.registry.invoke('decisions.queueCount', {})).toEqual({ ok: true, value: { pending: 2 } });
    await core.registry.invoke('decisions.approve', { decisionId: departing.id });
    expect(await core.registry.invoke('decisions.queueCount', {})).toEqual({ ok: true, value: { pending: 1 } });
    await core.registry.invoke('decisions.approve', { decisionId: concordant.id });
    const overview = expectOk<{
      clinicians: { clinician: { displayName: string }; approved: number; concordance: unknown; variances: Record<string, number> }[];
    }>(await core.registry.invoke('reports.overview', {}));
    const dana = overview.clinicians.find((row) => row.clinician.displayName === 'Dana');
    expect(dana).toMatchObject({ approved: 2, concordance: { placedAsRecommended: 1, eligible: 2, share: 0.5 } });
    expect(dana?.variances['payer-authorization']).toBe(1);
  });
});
