import type { Locator, Page } from '@playwright/test';
import { currentRuleset } from '../../../shared/rules/registry';
import { admit, careTeam, expectNoSeriousViolations, loadDemo } from '../support/care';
import { expect, test, type StepwiseApp } from '../support/fixtures';
import { addDays, mainNav, screenshot, today } from '../support/workflow';

const T = today();

test.use({ holdJobAnswers: true });

/** The bar of a long job: its name, the share done, and the step in words. */
function jobBar(page: Page, name: string): { readonly bar: Locator; readonly step: Locator } {
  const bar = page.getByRole('progressbar', { name });
  return { bar, step: page.locator('.job-progress').filter({ has: bar }).getByRole('status') };
}

/** One case in IOP, then the administrator on the Backups screen asks for a backup (its answer held like any job's). */
async function backUpOneCaseAsAdmin(app: StepwiseApp, mrn: string): Promise<void> {
  const team = await careTeam(app.core);
  await admit(app.core, team, { mrn, fullName: 'Jordan Avery' }, 'iop', addDays(T, -10));
  await app.openAs('morgan', ['admin']);
  await mainNav(app.page).getByRole('button', { name: 'Backups' }).click();
  await app.page.getByRole('button', { name: 'Back up now' }).click();
}

/**
 * Each long job runs for real on its worker thread and reports its steps; its answer is held back, as if it took the
 * seconds it takes at 100,000 cases, so the window's bar can be seen at its last step before the result arrives.
 */
test.describe('the progress of long jobs', () => {
  test('a backup shows its steps and share done, then the result', async ({ app }) => {
    const { page } = app;
    await backUpOneCaseAsAdmin(app, 'P-1001');
    const { bar, step } = jobBar(page, 'Backing up');
    await expect(step).toHaveText('Keeping the newest backups (step 4 of 4)');
    await expect(bar).toHaveAttribute('value', '75');
    await expect(page.getByText('The records are copied, then the copy is checked.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Backing up…' })).toBeDisabled();
    await screenshot(page, 'backup-progress');
    await expectNoSeriousViolations(page, 'backup in progress');
    app.releaseJobs();
    await expect(page.getByRole('status').filter({ hasText: /^Backed up and checked/ })).toContainText('It holds 1 case');
    await expect(bar).toHaveCount(0);
  });

  test('checking a backup before a restore shows its steps, then what the backup holds', async ({ app }) => {
    const { page } = app;
    await backUpOneCaseAsAdmin(app, 'P-1401');
    app.releaseJobs();
    await expect(page.getByRole('status').filter({ hasText: /^Backed up and checked/ })).toBeVisible();

    app.holdJobs();
    await page.getByRole('button', { name: /^Check and restore the backup of / }).click();
    const { bar, step } = jobBar(page, 'Checking the backup');
    await expect(step).toHaveText('Counting its records (step 3 of 3)');
    await expect(bar).toHaveAttribute('value', '67');
    await expect(page.getByText('Every page of the backup is read and its records counted')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Back up now' })).toBeDisabled();
    // Under the backup being checked, where the person clicked, which says it is busy in its name too.
    await expect(page.getByRole('table', { name: 'Backups, newest first' }).getByRole('progressbar', { name: 'Checking the backup' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Checking the backup of .+…$/ })).toBeDisabled();
    await screenshot(page, 'backup-check-progress');
    await expectNoSeriousViolations(page, 'backup check in progress');
    app.releaseJobs();
    await expect(page.getByRole('region', { name: /^Backup of / }).getByRole('button', { name: 'Restore this backup…' })).toBeVisible();
    await expect(bar).toHaveCount(0);
  });

  test('a restore shows its steps while the backup is checked and put in place, and cannot be dismissed meanwhile', async ({ app }) => {
    const { page } = app;
    await backUpOneCaseAsAdmin(app, 'P-1501');
    app.releaseJobs();
    await expect(page.getByRole('status').filter({ hasText: /^Backed up and checked/ })).toBeVisible();
    await page.getByRole('button', { name: /^Check and restore the backup of / }).click();
    await page
      .getByRole('region', { name: /^Backup of / })
      .getByRole('button', { name: 'Restore this backup…' })
      .click();

    app.holdJobs();
    const dialog = page.getByRole('dialog', { name: 'Restore a backup' });
    await dialog.getByRole('button', { name: 'Replace the records with this backup' }).click();
    const { bar, step } = jobBar(page, 'Restoring');
    await expect(step).toHaveText('Preparing the backup’s records (step 3 of 4)');
    await expect(bar).toHaveAttribute('value', '50');
    await expect(dialog.getByText('the current records are kept as a safety copy')).toBeVisible();
    await expect(dialog.getByRole('button', { name: /Cancel/ })).toBeDisabled();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeVisible();
    await screenshot(page, 'restore-progress');
    await expectNoSeriousViolations(page, 'restore in progress');
    app.releaseJobs();
    await expect(page.getByRole('status').filter({ hasText: /^The records were restored from the backup of/ })).toBeVisible();
    await expect(dialog).toHaveCount(0);
  });

  test('the transitions report shows its steps while it counts, then the report', async ({ app }) => {
    const { page, core } = app;
    const team = await careTeam(core);
    await admit(core, team, { mrn: 'P-2001', fullName: 'Riley Chen' }, 'inpatient', addDays(T, -30));
    await app.openAs('sam', ['supervisor']);
    await mainNav(page).getByRole('button', { name: 'Reports' }).click();
    const { bar, step } = jobBar(page, 'Counting episodes');
    await expect(step).toHaveText('Counting placement decisions (step 3 of 3)');
    await expect(bar).toHaveAttribute('value', '67');
    await expect(page.locator('.reports-page')).toHaveAttribute('aria-busy', 'true');
    await expectNoSeriousViolations(page, 'report in progress');
    app.releaseJobs();
    await expect(page.locator('.reports-page')).toHaveAttribute('aria-busy', 'false');
    await expect(bar).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Transitions report', level: 1 })).toBeVisible();
  });

  test('rules impact shows its steps while it replays, then what would change', async ({ app }) => {
    const { page, core } = app;
    const team = await careTeam(core);
    await loadDemo(core, team.admin);
    await app.openAs('sam', ['supervisor']);
    await mainNav(page).getByRole('button', { name: 'Rules' }).click();
    await page.getByLabel('Ruleset version').selectOption(currentRuleset.version);
    await page.getByRole('button', { name: 'Check stored assessments' }).click();
    const { bar, step } = jobBar(page, 'Checking stored assessments');
    await expect(step).toHaveText('Replaying the assessments that may change (step 2 of 2)');
    // Every stored recommendation matches the ruleset it was made under: the second step has nothing to count.
    await expect(bar).toHaveAttribute('value', '50');
    app.releaseJobs();
    await expect(page.getByRole('status').filter({ hasText: /^Checked/ })).toContainText(`under ruleset ${currentRuleset.version}`);
    await expect(bar).toHaveCount(0);
  });

  test('an export shows its steps while the file is prepared, then where it was saved', async ({ app }) => {
    const { page, core } = app;
    const team = await careTeam(core);
    await admit(core, team, { mrn: 'P-3001', fullName: 'Sam Ortiz' }, 'outpatient', addDays(T, -3));
    await app.openAs('dana', ['clinician']);
    await page.getByRole('button', { name: /^Export…/ }).click();
    await page.getByRole('dialog', { name: 'Export records' }).getByRole('button', { name: 'Next: who is it for?' }).click();
    await page.getByRole('dialog', { name: 'Who is this for?' }).getByRole('button', { name: 'Choose where to save…' }).click();
    const { bar, step } = jobBar(page, 'Preparing the export');
    await expect(step).toHaveText('Writing the file (step 3 of 3)');
    await expect(bar).toHaveAttribute('value', '67');
    app.releaseJobs();
    await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toHaveText(`Saved stepwise-cases-${T}.csv. It holds 1 case.`);
    await expect(bar).toHaveCount(0);
  });
});
