import path from 'node:path';
import type { CaseSummary } from '../../../shared/contract/cases';
import { seedPlaintextDatabase } from '../../support/plaintextDatabase';
import { expectNoSeriousViolations } from '../support/care';
import { expect, test } from '../support/fixtures';
import { as, countRows, mainNav, screenshot } from '../support/workflow';

test.describe('backups', () => {
  test('an administrator backs up, sees the backup listed, checks it and restores it after confirming, with a safety copy', async ({ app }) => {
    const { page, core } = app;
    const lee = await core.addUser('lee', ['clinician'], 'Lee Park');
    await as(core, lee, async (invoke) => {
      await invoke('cases.create', { mrn: 'B-1001', fullName: 'Jordan Avery', dateOfBirth: '1986-02-14' });
      await invoke('cases.create', { mrn: 'B-1002', fullName: 'Riley Chen', dateOfBirth: '1990-07-01' });
    });
    await app.openAs('morgan', ['admin']);
    await mainNav(page).getByRole('button', { name: 'Backups' }).click();
    await expect(page.getByRole('heading', { name: 'Backups', level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'No backups yet' })).toBeVisible();
    await expectNoSeriousViolations(page, 'backups screen, empty');

    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Backed up and checked/ })).toContainText('It holds 2 cases, 0 assessments');
    const table = page.getByRole('table', { name: 'Backups, newest first' });
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await expect(table.locator('tbody tr').first()).toContainText('Made by hand');
    await expect(table.locator('tbody tr').first()).toContainText('2 cases');
    await expect(table.locator('tbody tr').first()).toContainText('Verified when made');
    await expect(table.locator('tbody tr').first()).toContainText('0.0.0-test');

    // A case added after the backup is what the restore takes away.
    await as(core, lee, async (invoke) => {
      const created = (await invoke('cases.create', { mrn: 'B-1003', fullName: 'Sam Ortiz', dateOfBirth: '1979-03-03' })) as CaseSummary;
      expect(created.mrn).toBe('B-1003');
    });
    core.session.begin(await core.addUser('morgan', ['admin']));
    expect(countRows(core, 'cases')).toBe(3);

    await table.getByRole('button', { name: /^Check and restore the backup of / }).click();
    const details = page.getByRole('region', { name: /^Backup of / });
    await expect(details).toContainText('Checked just now: it opens with this installation');
    await expect(details).toContainText('2 cases, 0 assessments, 0 decisions, 0 episodes');
    await expect(details).toContainText('by morgan');
    await screenshot(page, 'backups');
    await expectNoSeriousViolations(page, 'backups screen with a checked backup');

    await details.getByRole('button', { name: 'Restore this backup…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore a backup' });
    await expect(dialog).toContainText(/^Restore a backup\s*Replace the current records with the backup of .+\? It holds 2 cases/);
    await expect(dialog.getByRole('button', { name: /Cancel/ })).toBeFocused();
    await expectNoSeriousViolations(page, 'restore confirmation');
    await dialog.getByRole('button', { name: /Cancel/ }).click();
    await expect(dialog).toHaveCount(0);
    expect(countRows(core, 'cases')).toBe(3);

    await details.getByRole('button', { name: 'Restore this backup…' }).click();
    await page.getByRole('dialog', { name: 'Restore a backup' }).getByRole('button', { name: 'Replace the records with this backup' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^The records were restored from the backup of/ })).toBeVisible();
    expect(countRows(core, 'cases')).toBe(2);
    await expect(table.locator('tbody tr')).toHaveCount(2);
    await expect(table.locator('tbody tr').first()).toContainText('Safety copy before a restore');
    await expect(table.locator('tbody tr').first()).toContainText('3 cases');

    // The caseload shows the restored records at once.
    await mainNav(page).getByRole('button', { name: 'Caseload' }).click();
    await expect(page.getByText('Riley Chen')).toBeVisible();
    await expect(page.getByText('Sam Ortiz')).toHaveCount(0);
  });

  test('a file that is not a usable backup shows why, checking it says so, and the number to keep is set in Settings', async ({ app }) => {
    const { page, core } = app;
    await app.openAs('morgan', ['admin']);
    await mainNav(page).getByRole('button', { name: 'Backups' }).click();
    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Backed up and checked/ })).toBeVisible();
    // Someone copies an unencrypted database into the folder under a backup's name.
    const placed = 'stepwise-2026-01-01T090000Z-manual.db';
    seedPlaintextDatabase(path.join(app.dataDir, 'backups', placed), 5);
    await page.reload();
    await mainNav(page).getByRole('button', { name: 'Backups' }).click();
    const table = page.getByRole('table', { name: 'Backups, newest first' });
    await expect(table.locator('tbody tr')).toHaveCount(2);
    await expect(table.locator('tbody tr').nth(1)).toContainText(`${placed} is not encrypted, so it is not a Stepwise backup`);
    await table
      .locator('tbody tr')
      .nth(1)
      .getByRole('button', { name: /^Check and restore the backup of / })
      .click();
    await expect(page.getByRole('alert')).toHaveText(
      `${placed} is not encrypted, so it is not a Stepwise backup: Stepwise only makes encrypted backups.`,
    );
    // The clicked button was disabled while it checked; the focus goes to the reason, not to the page's body.
    await expect(page.getByRole('alert')).toBeFocused();
    await expect(page.getByRole('region', { name: /^Backup of / })).toHaveCount(0);
    await expect(table.getByRole('progressbar')).toHaveCount(0);
    await expectNoSeriousViolations(page, 'backups screen with an unusable file');

    await mainNav(page).getByRole('button', { name: 'Settings' }).click();
    const keep = page.getByRole('spinbutton', { name: 'Keep the newest' });
    await expect(keep).toHaveValue('7');
    await keep.fill('0');
    await page.getByRole('button', { name: 'Save the number of backups' }).click();
    await expect(page.getByText('Keep at least 1 backup.')).toBeVisible();
    await expect(keep).toBeFocused();
    await keep.fill('3');
    await page.getByRole('button', { name: 'Save the number of backups' }).click();
    await expect(page.getByRole('status')).toHaveText(/^Saved\. Stepwise keeps the newest 3;/);
    expect(core.database.sqlite.prepare("SELECT value FROM settings WHERE key = 'backupsToKeep'").pluck().get()).toBe('3');
    await screenshot(page, 'settings-backups-to-keep');
    await expectNoSeriousViolations(page, 'settings');
  });

  test('backups are for administrators: a clinician has no link to them and the channels refuse them', async ({ app }) => {
    const { page } = app;
    await app.openAs('dana', ['clinician']);
    await expect(mainNav(page).getByRole('button', { name: 'Backups' })).toHaveCount(0);
    const result = await page.evaluate(() => window.stepwise?.invoke('backups.create', {}));
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
