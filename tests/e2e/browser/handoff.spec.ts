import { currentRuleset } from '../../../shared/rules/registry';
import { TEST_PASSWORD } from '../../support/testCore';
import { expect, test } from '../support/fixtures';
import {
  addDays,
  answer,
  chooseSeverity,
  countRows,
  fillCriteria,
  fillDimensions,
  IOP_ASSESSMENT,
  mainNav,
  screenshot,
  shownDate,
  signIn,
  signOut,
  today,
} from '../support/workflow';

// The whole hand-off on one installation: the clinician's case, assessment and decision, then the supervisor's review.

const VARIANCE_TEXT = 'Starts a new job next week; IOP hours clash with the shift pattern. Weekly check-ins agreed.';

test.describe('from a new case to an approved placement', () => {
  test('a clinician creates a case, assesses with a live preview, overrides the recommendation with a variance and submits; a supervisor signs in, finds it in the queue and approves it; the case is placed', async ({
    app,
  }) => {
    const { page, core } = app;
    const dana = await core.addUser('dana', ['clinician'], 'Dana Whitfield');
    const sam = await core.addUser('sam', ['supervisor'], 'Sam Okafor');
    await app.openAs('dana', ['clinician']);

    // The case.
    await expect(page.getByRole('heading', { name: 'No cases yet' })).toBeVisible();
    await page.keyboard.press('n');
    const dialog = page.getByRole('dialog', { name: 'New case' });
    await dialog.getByLabel('MRN').fill('A-10234');
    await dialog.getByLabel('Full name').fill('Jane Doe');
    await dialog.getByLabel('Date of birth').fill('1988-04-12');
    await dialog.getByLabel('Payer (optional)').fill('Medicaid');
    await dialog.getByRole('button', { name: 'Create case' }).click();
    await expect(page.getByRole('heading', { name: 'Jane Doe', level: 1 })).toBeVisible();
    await expect(page.getByText('No approved placement yet')).toBeVisible();
    await expect(page.getByText('No episodes yet.')).toBeVisible();
    const caseId = String(core.database.sqlite.prepare("SELECT id FROM cases WHERE mrn = 'A-10234'").pluck().get());
    expect(core.database.sqlite.prepare('SELECT clinician_id, level FROM cases WHERE id = ?').get(caseId)).toEqual({
      clinician_id: dana.id,
      level: null,
    });

    // The assessment: the preview follows every answer.
    await page.getByRole('button', { name: 'New assessment' }).click();
    await expect(page.getByRole('heading', { name: /^New assessment/, level: 1 })).toBeVisible();
    const preview = page.getByRole('complementary', { name: 'Recommendation preview' });
    await expect(preview).toContainText('No level recommended yet: the rules need more information');
    await answer(page, 'lifeThreateningUse', 'Yes');
    await expect(preview).toContainText('Admission to inpatient care recommended');
    await expect(preview.getByRole('listitem').filter({ hasText: 'Substance use is life-threatening.' })).toBeVisible();
    await answer(page, 'lifeThreateningUse', 'No');
    await expect(preview).toContainText('No level recommended yet');
    await chooseSeverity(page, IOP_ASSESSMENT.severity);
    await fillDimensions(page, IOP_ASSESSMENT.dimensions);
    await fillCriteria(page, IOP_ASSESSMENT.criteria);
    await expect(preview).toContainText('Admission to IOP recommended');
    await expect(preview).toContainText('Has a moderate substance use disorder that can be treated while living at home.');
    await expect(preview).toContainText('Every field is answered.');
    await expect(preview).toContainText(`ruleset ${currentRuleset.version}`);

    // A future date, then a missing one: the message sits beside the date and nothing is saved.
    const date = page.getByLabel('Assessment date');
    await date.fill(addDays(today(), 1));
    await expect(date).toHaveAccessibleDescription('The assessment date is in the future.');
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await expect(page.getByRole('alert')).toHaveText('The assessment was not saved: 1 answer needs attention. Nothing was saved.');
    await expect(date).toBeFocused();
    await date.fill('');
    await expect(date).toHaveAccessibleDescription('Enter the assessment date.');
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await expect(date).toHaveAttribute('aria-invalid', 'true');
    expect(countRows(core, 'assessments')).toBe(0);
    // Nothing typed was lost.
    await expect(page.getByRole('radiogroup', { name: 'Has a safe, sober place to live' }).getByRole('radio', { name: 'Yes' })).toBeChecked();

    await date.fill(today());
    await expect(date).toHaveAttribute('aria-invalid', 'false');
    await page.getByRole('heading', { name: /^New assessment/, level: 1 }).scrollIntoViewIfNeeded();
    await screenshot(page, '09-assessment-form-with-preview');
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await expect(page.getByRole('heading', { name: `Saved the assessment of Jane Doe on ${shownDate(today())}.` })).toBeVisible();
    const stored = core.database.sqlite
      .prepare('SELECT id, assessed_on, recommended_level, ruleset_version, assessor_id FROM assessments WHERE case_id = ?')
      .all(caseId) as { id: string }[];
    expect(stored).toEqual([
      { id: expect.any(String), assessed_on: today(), recommended_level: 'iop', ruleset_version: currentRuleset.version, assessor_id: dana.id },
    ]);

    // The decision departs from the recommendation: a variance reason and an explanation are required.
    await page.getByRole('button', { name: 'Decide placement now' }).click();
    await expect(page.getByRole('heading', { name: /^Decide placement/, level: 1 })).toBeVisible();
    const levels = page.getByRole('group', { name: 'Level of care' });
    await expect(levels.getByRole('radio', { name: /^IOP/ })).toBeChecked();
    await expect(page.getByText('The chosen level follows the recommendation, so no variance reason is needed.')).toBeVisible();
    await levels.getByRole('radio', { name: /^Outpatient/ }).check();
    await expect(page.getByText('Admits Jane Doe to outpatient; approval opens the first episode of care.')).toBeVisible();
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await expect(page.getByRole('alert')).toHaveText('The decision was not saved: 2 fields need attention.');
    const reason = page.getByLabel('Variance reason');
    const explanation = page.getByLabel('Explanation');
    await expect(reason).toHaveAccessibleDescription('Choose a variance reason: the chosen level differs from the recommendation.');
    await expect(explanation).toHaveAccessibleDescription('Explain the variance in a sentence for the reviewing supervisor.');
    await expect(reason).toBeFocused();
    await screenshot(page, '10-decision-form-variance');
    expect(countRows(core, 'decisions')).toBe(0);

    await reason.selectOption({ label: 'Patient preference' });
    await expect(reason).toHaveAttribute('aria-invalid', 'false');
    await expect(explanation).toHaveAttribute('aria-invalid', 'true');
    await explanation.fill(VARIANCE_TEXT);
    await page.getByRole('button', { name: 'Submit for review' }).click();

    // Back on the case: the decision awaits review with its variance, and the assessment is locked.
    await expect(page.getByRole('heading', { name: 'Jane Doe', level: 1 })).toBeVisible();
    const decisions = page.getByRole('table', { name: 'Placement decisions' });
    await expect(decisions.locator('tbody tr').first()).toContainText('Awaiting review');
    await expect(decisions.locator('tbody tr').first()).toContainText('Variance');
    await expect(decisions).toContainText(`Variance: Patient preference — ${VARIANCE_TEXT}`);
    await expect(page.getByRole('table', { name: 'Assessments' })).toContainText('Locked: used by a submitted decision');
    expect(core.database.sqlite.prepare('SELECT * FROM decisions').all()).toEqual([
      expect.objectContaining({
        case_id: caseId,
        assessment_id: stored[0]?.id,
        recommended_level: 'iop',
        chosen_level: 'outpatient',
        effective_date: today(),
        status: 'submitted',
        variance_reason: 'patient-preference',
        variance_text: VARIANCE_TEXT,
        author_id: dana.id,
        reviewer_id: null,
      }),
    ]);
    expect(countRows(core, 'episodes')).toBe(0);

    await signOut(page, 'Dana Whitfield');
    expect(core.session.user).toBeNull();

    // The supervisor signs in on the same installation and finds Dana's decision waiting, with its variance.
    await signIn(page, 'sam', TEST_PASSWORD);
    await expect(page.getByRole('heading', { name: 'Caseload', level: 1 })).toBeVisible();
    const queueLink = mainNav(page).getByRole('button', { name: /Review queue/ });
    await expect(queueLink).toHaveText(/1\s*pending/);
    await queueLink.click();
    const rows = page.getByRole('grid', { name: 'Decisions awaiting review' }).locator('tbody tr');
    await expect(rows).toHaveCount(1);
    await expect(rows.nth(0)).toContainText('Jane Doe');
    await expect(rows.nth(0)).toContainText('Dana Whitfield');
    await expect(rows.nth(0)).toContainText('Patient preference');
    await rows.nth(0).click();
    await expect(page.getByText(VARIANCE_TEXT)).toBeVisible();
    await page.getByRole('button', { name: /^Approve\s*A$/ }).click();
    const confirm = page.getByRole('dialog', { name: /^Approve the admission of Jane Doe to outpatient/ });
    await confirm.getByRole('button', { name: 'Approve decision' }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByRole('status')).toHaveText('Approved the admission of Jane Doe to outpatient.');
    await expect(rows).toHaveCount(0);

    // Approval opened the first episode and set the current level, in the database and on the case.
    expect(core.database.sqlite.prepare('SELECT status, reviewer_id FROM decisions').get()).toEqual({ status: 'approved', reviewer_id: sam.id });
    expect(core.database.sqlite.prepare('SELECT level, start_date, end_date, end_reason FROM episodes WHERE case_id = ?').all(caseId)).toEqual([
      { level: 'outpatient', start_date: today(), end_date: null, end_reason: null },
    ]);
    expect(core.database.sqlite.prepare('SELECT level, level_since FROM cases WHERE id = ?').get(caseId)).toEqual({
      level: 'outpatient',
      level_since: today(),
    });
    await mainNav(page).getByRole('button', { name: 'Caseload' }).click();
    await page.getByRole('row', { name: /Jane Doe/ }).click();
    await expect(page.getByRole('heading', { name: 'Jane Doe', level: 1 })).toBeVisible();
    await expect(page.locator('.case-level-now')).toContainText('Outpatient');
    const episodes = page.getByRole('table', { name: 'Episodes of care' }).locator('tbody tr');
    await expect(episodes).toHaveCount(1);
    await expect(episodes.nth(0)).toContainText('Outpatient');
    await expect(episodes.nth(0)).toContainText('Open');
    await expect(page.getByRole('table', { name: 'Placement decisions' }).locator('tbody tr').first()).toContainText('Sam Okafor');
  });
});
