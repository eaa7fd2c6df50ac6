import { currentRuleset } from '../../../shared/rules/registry';
import { DEMO_CASELOAD_SIZE } from '../../../shared/synthetic/demo';
import { expect, test } from '../support/fixtures';

test.describe('rules page', () => {
  test('lists every rule of the current ruleset with its version and seed criteria', async ({ app }) => {
    const { page } = app;
    await app.open();
    await page.getByRole('button', { name: 'Rules' }).click();
    await expect(page.getByRole('heading', { name: 'Care-level rules' })).toBeVisible();
    await expect(page.getByText(`Ruleset ${currentRuleset.version}`)).toBeVisible();
    for (const rule of currentRuleset.rules) {
      const row = page.getByRole('row', { name: new RegExp(rule.id) });
      await expect(row).toContainText(rule.statement);
      for (const seed of rule.seedCriteria) await expect(row).toContainText(seed);
    }
    await page.screenshot({ path: 'test-results/screens/05-rules.png', fullPage: true });
  });

  test('rules impact replays the stored assessments and changes nothing', async ({ app }) => {
    const { page, core } = app;
    await core.registry.invoke('demo.load', {});
    const before = core.database.sqlite.prepare('SELECT recommendation FROM assessments ORDER BY id').all();
    await app.open();
    await page.getByRole('button', { name: 'Rules' }).click();
    await page.getByLabel('Ruleset version').selectOption(currentRuleset.version);
    await page.getByRole('button', { name: 'Check stored assessments' }).click();
    await expect(page.getByRole('status')).toHaveText(
      `Checked ${DEMO_CASELOAD_SIZE} stored assessments under ruleset ${currentRuleset.version}: no case would change level.`,
    );
    expect(core.database.sqlite.prepare('SELECT recommendation FROM assessments ORDER BY id').all()).toEqual(before);
  });
});
