import { DEMO_CASELOAD_SIZE } from '../../../shared/synthetic/demo';
import { expect, test } from '../support/fixtures';

test.describe('caseload', () => {
  test('first start teaches what to do, and the demo caseload fills the table', async ({ app }) => {
    const { page } = app;
    await app.open();
    await expect(page.getByRole('heading', { name: 'No cases yet' })).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/01-first-start.png' });

    await page.getByRole('button', { name: 'Load demo caseload' }).click();
    await expect(page.getByRole('status')).toContainText(`Loaded ${DEMO_CASELOAD_SIZE} synthetic demo cases`);
    await expect(page.getByRole('note')).toContainText('not real patients');
    const rows = page.getByRole('table', { name: 'Caseload' }).locator('tbody tr');
    await expect(rows).toHaveCount(50);
    await expect(page.getByText(`Page 1 of 2 · ${DEMO_CASELOAD_SIZE} cases`)).toBeVisible();
    await expect(rows.first()).toContainText('DEMO');
    await page.screenshot({ path: 'test-results/screens/02-demo-caseload.png' });
    expect(app.blockedRequests).toEqual([]);
  });

  test('filters by level, sorts by column and pages through real rows', async ({ app }) => {
    const { page, core } = app;
    await core.registry.invoke('demo.load', {});
    await app.open();
    const iopCount = Number(core.database.sqlite.prepare("SELECT count(*) FROM cases WHERE level = 'iop'").pluck().get());

    await page.getByRole('group', { name: 'Filter by level of care' }).getByRole('button', { name: 'IOP' }).click();
    const rows = page.getByRole('table', { name: 'Caseload' }).locator('tbody tr');
    await expect(rows).toHaveCount(iopCount);
    for (const text of await rows.locator('td:nth-child(4)').allInnerTexts()) expect(text).toContain('IOP');

    await page.getByRole('button', { name: 'All levels' }).click();
    await page.getByRole('columnheader', { name: 'MRN' }).getByRole('button').click();
    await expect(page.getByRole('columnheader', { name: 'MRN' })).toHaveAttribute('aria-sort', 'ascending');
    await expect(rows.first().locator('td').nth(1)).toHaveText('DEMO-000001');
    await page.getByRole('columnheader', { name: 'MRN' }).getByRole('button').click();
    await expect(page.getByRole('columnheader', { name: 'MRN' })).toHaveAttribute('aria-sort', 'descending');
    await expect(rows.first().locator('td').nth(1)).toHaveText(`DEMO-0000${DEMO_CASELOAD_SIZE}`);

    await page.keyboard.press(']');
    await expect(page.getByText('Page 2 of 2')).toBeVisible();
    await expect(rows).toHaveCount(DEMO_CASELOAD_SIZE - 50);
    await page.keyboard.press('[');
    await expect(page.getByText('Page 1 of 2')).toBeVisible();
  });

  test('creates a case with the keyboard, showing each error beside its field and losing nothing', async ({ app }) => {
    const { page, core } = app;
    await core.registry.invoke('cases.create', { mrn: 'A-17', fullName: 'Jane Doe', dateOfBirth: '1980-03-01', level: 'iop' });
    await app.open();

    await page.keyboard.press('n');
    const dialog = page.getByRole('dialog', { name: 'New case' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('MRN')).toBeFocused();
    await dialog.getByRole('button', { name: 'Create case' }).click();
    await expect(dialog.locator('#mrn-error')).toHaveText('Enter the MRN.');
    await expect(dialog.locator('#fullName-error')).toHaveText('Enter the name.');
    await expect(dialog.locator('#dateOfBirth-error')).toHaveText('Enter the date of birth.');
    await page.screenshot({ path: 'test-results/screens/03-new-case-errors.png' });

    await dialog.getByLabel('MRN').fill('a-17');
    await dialog.getByLabel('Full name').fill('John Roe');
    await dialog.getByLabel('Date of birth').fill('2099-01-01');
    await dialog.getByLabel('Current level of care').selectOption('outpatient');
    await dialog.getByRole('button', { name: 'Create case' }).click();
    await expect(dialog.locator('#dateOfBirth-error')).toHaveText('The date of birth is in the future.');
    await expect(dialog.getByLabel('Full name')).toHaveValue('John Roe');

    await dialog.getByLabel('Date of birth').fill('1979-04-02');
    await dialog.getByRole('button', { name: 'Create case' }).click();
    await expect(dialog.getByRole('alert')).toContainText('A case with MRN A-17 already exists: Jane Doe');
    await expect(dialog.locator('#mrn-error')).toContainText('already used by Jane Doe');
    expect(core.database.sqlite.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(1);

    await dialog.getByLabel('MRN').fill('B-22');
    await dialog.getByRole('button', { name: 'Create case' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status')).toContainText('Created the case of John Roe (MRN B-22)');
    const row = page.getByRole('row', { name: /John Roe/ });
    await expect(row).toContainText('B-22');
    await expect(row).toContainText('Outpatient');
  });

  test('Escape closes the new-case form without saving', async ({ app }) => {
    const { page, core } = app;
    await app.open();
    await page.getByRole('button', { name: 'Create a case' }).click();
    const dialog = page.getByRole('dialog', { name: 'New case' });
    await dialog.getByLabel('MRN').fill('X-1');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    expect(core.database.sqlite.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(0);
  });
});
