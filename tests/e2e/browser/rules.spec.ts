import { currentRuleset } from '../../../shared/rules/registry';
import { DEMO_CASELOAD_SIZE } from '../../../shared/synthetic/demo';
import { expect, test } from '../support/fixtures';
import { mainNav, screenshot } from '../support/workflow';

test.describe('rules page', () => {
  test('lists every rule of the current ruleset with its version and seed criteria', async ({ app }) => {
    const { page } = app;
    await app.openAs('dana', ['clinician']);
    await mainNav(page).getByRole('button', { name: 'Rules' }).click();
    await expect(page.getByRole('heading', { name: 'Care-level rules', level: 1 })).toBeVisible();
    await expect(page.getByText(`Ruleset ${currentRuleset.version}`)).toBeVisible();
    for (const rule of currentRuleset.rules) {
      const row = page.getByRole('row', { name: new RegExp(rule.id) });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText(rule.statement);
      for (const seed of rule.seedCriteria) await expect(row).toContainText(seed);
    }
    // Rules impact reads every stored assessment: it is for supervisors and administrators only.
    await expect(page.getByRole('heading', { name: 'Rules impact' })).toHaveCount(0);
    const refused = await page.evaluate((version) => window.stepwise?.invoke('rules.impact', { targetVersion: version }), currentRuleset.version);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await screenshot(page, '13-rules');
  });

  test('rules impact, for supervisors, replays the stored assessments and changes nothing', async ({ app }) => {
    const { page, core } = app;
    await core.signInAs('ada', ['admin']);
    await core.registry.invoke('demo.load', {});
    const snapshot = () => core.database.sqlite.prepare('SELECT * FROM assessments ORDER BY id').all();
    const before = snapshot();
    expect(before).toHaveLength(DEMO_CASELOAD_SIZE);
    await app.openAs('sam', ['supervisor']);
    await mainNav(page).getByRole('button', { name: 'Rules' }).click();
    await page.getByLabel('Ruleset version').selectOption(currentRuleset.version);
    await page.getByRole('button', { name: 'Check stored assessments' }).click();
    await expect(page.getByRole('status')).toHaveText(
      `Checked ${DEMO_CASELOAD_SIZE} stored assessments under ruleset ${currentRuleset.version}: no case would change level.`,
    );
    expect(snapshot()).toEqual(before);
  });
});
