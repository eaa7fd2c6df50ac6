import type { AssessmentRecord } from '../../../shared/contract/assessments';
import type { DecisionRecord } from '../../../shared/contract/decisions';
import { makeAssessmentInput } from '../../factories/assessments';
import { TEST_PASSWORD, type TestCore } from '../../support/testCore';
import { activeCaseCount, expectNoSeriousViolations } from '../support/care';
import { caseRows, expectCaseTotal, rowsInView, scrollCaseloadTo } from '../support/caseload';
import { expect, test } from '../support/fixtures';
import {
  addDays,
  answer,
  as,
  chooseSeverity,
  countRows,
  fillCriteria,
  fillDimensions,
  IOP_ASSESSMENT,
  mainNav,
  screenshot,
  seedApproval,
  seedSubmittedDecision,
  shownDate,
  signIn,
  today,
} from '../support/workflow';

const VARIANCE_TEXT = 'Starts a new job next week; IOP hours clash with the shift pattern. Weekly check-ins agreed.';

function decisionRow(core: TestCore, id: string): Record<string, unknown> {
  return core.database.sqlite.prepare('SELECT * FROM decisions WHERE id = ?').get(id) as Record<string, unknown>;
}

function episodesOf(core: TestCore, caseId: string): Record<string, unknown>[] {
  return core.database.sqlite
    .prepare('SELECT level, start_date, end_date, end_reason FROM episodes WHERE case_id = ? ORDER BY start_date')
    .all(caseId) as Record<string, unknown>[];
}

test.describe('clinician and supervisor workflow', () => {
  test('out-of-range treatment hours and ratings are refused by field, and nothing is saved', async ({ app }) => {
    const { page, core } = app;
    const dana = await core.addUser('dana', ['clinician'], 'Dana Whitfield');
    const sam = await core.addUser('sam', ['supervisor'], 'Sam Okafor');
    const placed = await seedSubmittedDecision(core, dana, { mrn: 'A-10234', fullName: 'Jane Doe' }, { assessedOn: addDays(today(), -10) });
    await seedApproval(core, sam, placed.decisionId);
    const assessmentsBefore = countRows(core, 'assessments');
    await app.openAs('dana', ['clinician']);

    await page.getByRole('row', { name: /Jane Doe/ }).click();
    await page.getByRole('button', { name: 'New assessment' }).click();
    // The case is in IOP today, so last week's treatment hours apply.
    await expect(page.getByRole('status', { name: 'Current level on that date' })).toHaveText(/IOP/);
    await chooseSeverity(page, IOP_ASSESSMENT.severity);
    await fillDimensions(page, IOP_ASSESSMENT.dimensions);
    await fillCriteria(page, IOP_ASSESSMENT.criteria);
    const hours = page.getByLabel('Treatment hours attended last week (optional)');
    const message =
      /^Hours of treatment at the current level in the past week\. IOP usually means at least 9\. The weekly treatment hours must be a number from 0 to \d+; leave it empty if unknown\.$/;
    for (const wrong of ['500', '-2', 'nine']) {
      await hours.fill(wrong);
      await page.getByRole('button', { name: 'Save assessment' }).click();
      await expect(hours).toHaveAccessibleDescription(message);
      await expect(page.getByRole('alert')).toHaveText('The assessment was not saved: 1 answer needs attention. Nothing was saved.');
      await expect(hours).toBeFocused();
      expect(countRows(core, 'assessments')).toBe(assessmentsBefore);
    }
    // The form offers only 0-4; a rating out of range sent straight to the bridge is refused by field as well.
    const outOfRange = await page.evaluate(
      (input) => window.stepwise?.invoke('assessments.save', input),
      makeAssessmentInput(placed.caseId, { assessedOn: today(), dimensions: { ...IOP_ASSESSMENT.dimensions, withdrawal: 7 } }),
    );
    expect(outOfRange).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: [expect.objectContaining({ path: 'dimensions.withdrawal' })] },
    });
    expect(countRows(core, 'assessments')).toBe(assessmentsBefore);

    await hours.fill('10');
    await expect(hours).toHaveAttribute('aria-invalid', 'false');
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await expect(page.getByRole('heading', { name: /^Saved the assessment of Jane Doe/ })).toBeVisible();
    expect(countRows(core, 'assessments')).toBe(assessmentsBefore + 1);
  });

  test('a supervisor signs in, takes the oldest decision first and approves a step-down from the keyboard; the episodes follow', async ({ app }) => {
    const { page, core } = app;
    const dana = await core.addUser('dana', ['clinician'], 'Dana Whitfield');
    const sam = await core.addUser('sam', ['supervisor'], 'Sam Okafor');
    const started = addDays(today(), -19);
    // Jane Doe has been in IOP for 19 days; Dana now proposes outpatient against the recommendation.
    const placed = await seedSubmittedDecision(
      core,
      dana,
      { mrn: 'A-10234', fullName: 'Jane Doe' },
      { assessedOn: addDays(today(), -20), effectiveDate: started },
    );
    await seedApproval(core, sam, placed.decisionId);
    const stepDown = await as(core, dana, async (invoke) => {
      const assessment = (await invoke(
        'assessments.save',
        makeAssessmentInput(placed.caseId, { assessedOn: today(), weeklyTreatmentHours: 10 }),
      )) as AssessmentRecord;
      expect(assessment.recommendation).toMatchObject({ level: 'iop', transition: 'continue' });
      const saved = (await invoke('decisions.save', {
        caseId: placed.caseId,
        assessmentId: assessment.id,
        chosenLevel: 'outpatient',
        effectiveDate: today(),
        varianceReason: 'patient-preference',
        varianceText: VARIANCE_TEXT,
      })) as DecisionRecord;
      return (await invoke('decisions.submit', { decisionId: saved.id })) as DecisionRecord;
    });
    // Omar's decision was submitted two days earlier, so it heads the queue although it was written later.
    const omar = await seedSubmittedDecision(core, dana, { mrn: 'B-555', fullName: 'Omar Haddad' });
    core.database.sqlite
      .prepare('UPDATE decisions SET submitted_at = ? WHERE id = ?')
      .run(new Date(Date.now() - 2 * 86_400_000).toISOString(), omar.decisionId);

    // Sign in through the screen.
    await app.open();
    await screenshot(page, '06-sign-in');
    await signIn(page, 'sam', TEST_PASSWORD);
    await expect(page.getByRole('heading', { name: 'Caseload', level: 1 })).toBeVisible();
    const queueLink = mainNav(page).getByRole('button', { name: /Review queue/ });
    await expect(queueLink).toHaveText(/2\s*pending/);
    await queueLink.click();

    const queue = page.getByRole('grid', { name: 'Decisions awaiting review' });
    const rows = queue.locator('tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText('Omar Haddad');
    await expect(rows.nth(1)).toContainText('Jane Doe');
    await expect(rows.nth(1)).toContainText('Patient preference');
    await expect(page.getByText(/A approve · R return with a comment/)).toBeVisible();
    await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');

    await page.keyboard.press('j');
    await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(rows.nth(1)).toBeFocused();
    await expect(page.getByRole('heading', { name: `The step-down of Jane Doe to outpatient from ${shownDate(today())}` })).toBeVisible();
    await page.keyboard.press('a');
    const confirm = page.getByRole('dialog', { name: 'Approve the step-down of Jane Doe to outpatient?' });
    await expect(confirm).toBeVisible();
    await expect(confirm.getByRole('button', { name: 'Approve decision' })).toBeFocused();
    await screenshot(page, '11-review-queue-confirm');
    expect(decisionRow(core, stepDown.id)).toMatchObject({ status: 'submitted' });
    await page.keyboard.press('Enter');

    await expect(confirm).toBeHidden();
    await expect(page.getByRole('status')).toHaveText('Approved the step-down of Jane Doe to outpatient.');
    await expect(rows).toHaveCount(1);
    await expect(rows.nth(0)).toContainText('Omar Haddad');
    expect(decisionRow(core, stepDown.id)).toMatchObject({ status: 'approved', reviewer_id: sam.id });
    expect(decisionRow(core, omar.decisionId)).toMatchObject({ status: 'submitted', reviewer_id: null });
    expect(episodesOf(core, placed.caseId)).toEqual([
      { level: 'iop', start_date: started, end_date: today(), end_reason: 'stepped-down' },
      { level: 'outpatient', start_date: today(), end_date: null, end_reason: null },
    ]);
    expect(core.database.sqlite.prepare('SELECT level, level_since FROM cases WHERE id = ?').get(placed.caseId)).toEqual({
      level: 'outpatient',
      level_since: today(),
    });

    // The case shows the new level, both episodes and the review.
    await mainNav(page).getByRole('button', { name: 'Caseload' }).click();
    await page.getByRole('row', { name: /Jane Doe/ }).click();
    await expect(page.getByRole('heading', { name: 'Jane Doe', level: 1 })).toBeVisible();
    await expect(page.locator('.case-level-now')).toContainText('Outpatient');
    await expect(page.locator('.case-level-now')).toContainText('Started outpatient today');
    const episodes = page.getByRole('table', { name: 'Episodes of care' }).locator('tbody tr');
    await expect(episodes).toHaveCount(2);
    await expect(episodes.nth(0)).toContainText('Outpatient');
    await expect(episodes.nth(0)).toContainText('Open');
    await expect(episodes.nth(1)).toContainText('IOP');
    await expect(episodes.nth(1)).toContainText('Stepped down');
    await expect(episodes.nth(1)).toContainText('19 days');
    const history = page.getByRole('table', { name: 'Placement decisions' });
    await expect(history.locator('tbody tr').first()).toContainText('Approved');
    await expect(history.locator('tbody tr').first()).toContainText('Sam Okafor');
    await expect(history).toContainText(`Variance: Patient preference — ${VARIANCE_TEXT}`);
    await screenshot(page, '08-case-detail');

    // The overview counts Dana's decisions: one of two approved ones followed the recommendation.
    await mainNav(page).getByRole('button', { name: 'Overview' }).click();
    const danaRow = page.getByRole('table', { name: 'Decisions by clinician' }).getByRole('row', { name: /Dana Whitfield/ });
    await expect(danaRow.locator('td')).toHaveText(['Dana Whitfield', '3', '0', '1', '2', '0', /50%\s*\(1 of 2\)/, /Patient preference\s*1/]);
    await screenshot(page, '12-supervisor-overview');
  });

  test('no one approves their own decision, even holding both roles: the queue says so and the main process refuses', async ({ app }) => {
    const { page, core } = app;
    const maya = await core.addUser('maya', ['clinician', 'supervisor'], 'Maya Chen');
    const own = await seedSubmittedDecision(core, maya, { mrn: 'C-31', fullName: 'Lee Morgan' });
    const before = decisionRow(core, own.decisionId);
    await app.openAs('maya', ['clinician', 'supervisor']);

    await mainNav(page)
      .getByRole('button', { name: /Review queue/ })
      .click();
    const row = page.getByRole('grid', { name: 'Decisions awaiting review' }).locator('tbody tr');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Lee Morgan');
    await expect(row).toContainText('You');
    await expect(page.getByRole('note')).toHaveText('You wrote this decision; another supervisor must review it.');
    await expect(page.getByRole('button', { name: /^Approve/ })).toBeDisabled();
    await expect(page.getByRole('button', { name: /^Return/ })).toBeDisabled();
    await row.focus();
    await page.keyboard.press('a');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    const approve = await page.evaluate((decisionId) => window.stepwise?.invoke('decisions.approve', { decisionId }), own.decisionId);
    expect(approve).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'You wrote this decision; another supervisor must review it.' },
    });
    const giveBack = await page.evaluate(
      (decisionId) => window.stepwise?.invoke('decisions.return', { decisionId, comment: 'Mine.' }),
      own.decisionId,
    );
    expect(giveBack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(decisionRow(core, own.decisionId)).toEqual(before);
    expect(countRows(core, 'decision_reviews')).toBe(0);
    expect(countRows(core, 'episodes')).toBe(0);
  });

  test('an approved decision cannot be edited, on screen or through the bridge', async ({ app }) => {
    const { page, core } = app;
    const dana = await core.addUser('dana', ['clinician'], 'Dana Whitfield');
    const sam = await core.addUser('sam', ['supervisor'], 'Sam Okafor');
    const approved = await seedSubmittedDecision(core, dana, { mrn: 'A-10234', fullName: 'Jane Doe' });
    await seedApproval(core, sam, approved.decisionId);
    // A later draft on the same case shows what an editable decision looks like.
    const draft = await as(
      core,
      dana,
      async (invoke) =>
        (await invoke('decisions.save', {
          caseId: approved.caseId,
          assessmentId: approved.assessmentId,
          chosenLevel: 'iop',
          effectiveDate: today(),
        })) as DecisionRecord,
    );
    const before = decisionRow(core, approved.decisionId);
    const episodesBefore = episodesOf(core, approved.caseId);
    await app.openAs('dana', ['clinician']);

    await page.getByRole('row', { name: /Jane Doe/ }).click();
    await expect(page.getByRole('heading', { name: 'Jane Doe', level: 1 })).toBeVisible();
    const approvedRow = page.locator(`[id="decision-${approved.decisionId}"]`);
    const draftRow = page.locator(`[id="decision-${draft.id}"]`);
    await expect(approvedRow).toContainText('Approved');
    await expect(approvedRow).toContainText('Sam Okafor');
    await expect(draftRow).toContainText('Draft');
    await expect(draftRow.getByRole('button', { name: 'Edit' })).toBeVisible();
    // No Edit, Submit or Withdraw: the only way to change an approved decision is a correction, which is a new decision.
    await expect(approvedRow.getByRole('button')).toHaveText(['Record a correction']);

    const edit = await page.evaluate((input) => window.stepwise?.invoke('decisions.save', input), {
      decisionId: approved.decisionId,
      caseId: approved.caseId,
      assessmentId: approved.assessmentId,
      chosenLevel: 'inpatient',
      effectiveDate: today(),
      varianceReason: 'clinical-judgement',
      varianceText: 'Changed my mind.',
    });
    expect(edit).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('approved and cannot be changed') } });
    expect(decisionRow(core, approved.decisionId)).toEqual(before);
    expect(episodesOf(core, approved.caseId)).toEqual(episodesBefore);
    expect(countRows(core, 'decisions')).toBe(2);
  });

  test('a clinician sees no review queue, and the main process refuses them the supervisor channels', async ({ app }) => {
    const { page, core } = app;
    const lee = await core.addUser('lee', ['clinician'], 'Lee Park');
    const pending = await seedSubmittedDecision(core, lee, { mrn: 'D-7', fullName: 'Ann Example' });
    const before = decisionRow(core, pending.decisionId);
    await app.openAs('dana', ['clinician']);

    // Reports are for everyone, review packets for clinicians too; the review queue and the supervisor overview are not.
    await expect(mainNav(page).getByRole('button')).toHaveText(['Caseload', 'Packets', 'Reports', 'Rules', 'About']);
    for (const [channel, input] of [
      ['decisions.queue', {}],
      ['decisions.queueCount', {}],
      ['decisions.approve', { decisionId: pending.decisionId }],
      ['decisions.return', { decisionId: pending.decisionId, comment: 'No.' }],
      ['reports.overview', {}],
    ] as const) {
      const result = await page.evaluate(([name, payload]) => window.stepwise?.invoke(name, payload), [channel, input] as const);
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(decisionRow(core, pending.decisionId)).toEqual(before);
    expect(countRows(core, 'decision_reviews')).toBe(0);
  });

  test('a wrong password gets a clear message, and after three failures the message says to wait', async ({ app }) => {
    const { page, core } = app;
    await core.addUser('dana', ['clinician'], 'Dana Whitfield');
    // Counted in the key file: before the password unwraps the key, the database cannot be read.
    const failures = () => core.vault.keyring()?.users.find((entry) => entry.username === 'dana')?.failedSignIns ?? -1;
    await app.open();

    const alert = page.getByRole('alert');
    const password = page.getByLabel('Password');
    const signInButton = page.getByRole('button', { name: 'Sign in', exact: true });
    await signIn(page, 'dana', 'not the password');
    await expect(alert).toHaveText('The username or password is not correct.');
    await expect(password).toBeFocused();
    await expect(password).toHaveValue('not the password');
    for (const attempt of [2, 3]) {
      await expect(signInButton).toBeEnabled();
      await password.fill('still not it');
      await signInButton.click();
      await expect.poll(failures).toBe(attempt);
    }
    await expect(alert).toHaveText('The username or password is not correct. After 3 failed attempts, wait 5 seconds before trying again.');
    await expect(page.getByLabel('Username')).toHaveValue('dana');

    // While the wait runs, even the right password is refused, and the message says how long to wait.
    await expect(signInButton).toBeEnabled();
    await password.fill(TEST_PASSWORD);
    await signInButton.click();
    await expect(alert).toHaveText(/^Too many failed attempts\. Wait [1-5] seconds? and try again\.$/);
    await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
    expect(core.session.user).toBeNull();
    await screenshot(page, '07-sign-in-wait');
  });

  test('the caseload with the demo cases, the assessment form and the review queue have no serious accessibility violations', async ({ app }) => {
    const { page, core } = app;
    await core.signInAs('ada', ['admin']);
    await core.registry.invoke('demo.load', {});
    const pending = Number(core.database.sqlite.prepare("SELECT count(*) FROM decisions WHERE status = 'submitted'").pluck().get());
    expect(pending).toBeGreaterThan(0);
    await app.openAs('sam', ['supervisor']);

    const rows = caseRows(page);
    // The demo includes discharged cases, which the caseload leaves out until "Show discharged" is ticked.
    const active = activeCaseCount(core);
    await expectCaseTotal(page, active);
    await rowsInView(page);
    await expectNoSeriousViolations(page, 'caseload');
    // Scrolled to the end, with rows out of view replaced by spacers, the table is still clean.
    await scrollCaseloadTo(page, 'end');
    expect((await rowsInView(page)).at(-1)?.position).toBe(active);
    await expectNoSeriousViolations(page, 'caseload scrolled to the end');
    await scrollCaseloadTo(page, 0);
    await rowsInView(page);

    await rows.first().click();
    await page.getByRole('button', { name: 'New assessment' }).click();
    await expect(page.getByRole('heading', { name: /^New assessment/, level: 1 })).toBeVisible();
    await chooseSeverity(page, 'severe');
    await answer(page, 'lifeThreateningUse', 'Yes');
    await expect(page.getByRole('complementary', { name: 'Recommendation preview' })).toContainText('recommended');
    await expectNoSeriousViolations(page, 'assessment form');

    await mainNav(page)
      .getByRole('button', { name: /Review queue/ })
      .click();
    await expect(page.getByRole('grid', { name: 'Decisions awaiting review' }).locator('tbody tr')).toHaveCount(pending);
    await expectNoSeriousViolations(page, 'review queue');
    await page.keyboard.press('a');
    await expect(page.getByRole('dialog', { name: /^Approve / })).toBeVisible();
    await expectNoSeriousViolations(page, 'approval dialog');
  });
});
