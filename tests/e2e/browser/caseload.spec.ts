import fs from 'node:fs';
import path from 'node:path';
import { DEMO_CASELOAD_SIZE } from '../../../shared/synthetic/demo';
import { activeCaseCount } from '../support/care';
import { caseloadTable, caseRows, expectCaseTotal as expectCases, readWholeCaseload, rowsInView, wholeColumn } from '../support/caseload';
import { expect, test } from '../support/fixtures';
import { RENDERER_ROOT } from '../support/rendererServer';
import type { ListCasesInput } from '../../../shared/contract/cases';
import { TEST_PASSWORD } from '../../support/testCore';
import { as, countRows, mainNav, screenshot, signIn, signOut } from '../support/workflow';

test.describe('caseload', () => {
  test('first start asks for the administrator, whose empty caseload offers the demo, which fills the table with real rows', async ({ app }) => {
    const { page, core } = app;
    await app.open();
    await expect(page.getByRole('heading', { name: 'Welcome to Stepwise', level: 1 })).toBeVisible();
    await expect(page.getByText('This is the first start on this computer.')).toBeVisible();
    await screenshot(page, '01-first-start');

    await page.getByLabel('Username').fill('morgan');
    await page.getByLabel('Full name').fill('Morgan Reyes');
    await page.getByLabel('Password', { exact: true }).fill('admin password 1');
    await page.getByLabel('Password again').fill('admin password 2');
    await page.getByRole('button', { name: 'Create the administrator' }).click();
    await expect(page.getByLabel('Password again')).toHaveAccessibleDescription(/The two passwords are not the same\./);
    // Nothing was created: there is still no database and no key file in the data folder.
    expect(core.vault.state()).toBe('new');
    await page.getByLabel('Password again').fill('admin password 1');
    await page.getByRole('button', { name: 'Create the administrator' }).click();

    // The recovery key is shown once and must be acknowledged before going on.
    await expect(page.getByRole('heading', { name: /recovery key/i, level: 1 })).toBeVisible();
    const recoveryKey = (await page.locator('.recovery-key, [data-testid="recovery-key"]').first().innerText()).replace(/\s+/g, '-');
    expect(recoveryKey.replace(/-/g, '')).toMatch(/^[A-Z2-9]{32}$/);
    await screenshot(page, '01b-recovery-key');
    await page.getByLabel('I have written down or printed the recovery key').check();
    await page.getByRole('button', { name: 'Continue' }).click();

    await expect(page.getByRole('heading', { name: 'Caseload', level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'No cases yet' })).toBeVisible();
    const admin = core.database.sqlite.prepare("SELECT id, display_name, password_hash FROM users WHERE username = 'morgan'").get() as {
      id: string;
      display_name: string;
      password_hash: string;
    };
    expect(admin.display_name).toBe('Morgan Reyes');
    expect(admin.password_hash).toMatch(/^\$argon2id\$/);
    expect(core.database.sqlite.prepare('SELECT role FROM user_roles WHERE user_id = ?').pluck().all(admin.id)).toEqual(['admin']);
    await screenshot(page, '02-first-start-empty-caseload');

    await page.getByRole('button', { name: 'Load demo caseload' }).click();
    await expect(page.getByRole('status')).toContainText(`Loaded ${DEMO_CASELOAD_SIZE} synthetic demo cases`);
    await expect(page.getByRole('note')).toContainText('not real patients');
    expect(countRows(core, 'cases')).toBe(DEMO_CASELOAD_SIZE);
    // The demo includes discharged cases; the caseload lists the active ones until asked for the others.
    const active = activeCaseCount(core);
    expect(active).toBeLessThan(DEMO_CASELOAD_SIZE);
    await expectCases(page, active);
    await expect(page.locator('.caseload-count')).toHaveText(new RegExp(`^${active} cases · rows 1–\\d+ in view$`));
    await expect(caseRows(page).first()).toContainText('DEMO');
    await screenshot(page, '03-caseload');
    // Every active case is in the one scrolling list, each once, in order.
    const rows = await readWholeCaseload(page);
    expect(rows.map((row) => row.position)).toEqual(Array.from({ length: active }, (_, index) => index + 1));
    expect(rows.every((row) => row.cells[0]?.includes('DEMO'))).toBe(true);
    await page.getByRole('checkbox', { name: 'Show discharged' }).check();
    await expectCases(page, DEMO_CASELOAD_SIZE);
    expect(await readWholeCaseload(page)).toHaveLength(DEMO_CASELOAD_SIZE);

    await mainNav(page).getByRole('button', { name: 'Admin' }).click();
    const users = page.getByRole('table', { name: 'Users' });
    await expect(users.getByRole('row', { name: /Morgan Reyes/ })).toContainText('(you)');
    await expect(users.getByRole('row', { name: /Demo clinician Robin Hale/ })).toContainText('Deactivated');
    await screenshot(page, '04-admin');
    expect(app.blockedRequests).toEqual([]);
  });

  test('filters by clinician, level, mismatch, decision and search, sorts by column and moves through every real row', async ({ app }) => {
    const { page, core } = app;
    await core.signInAs('ada', ['admin']);
    await core.registry.invoke('demo.load', {});
    // The caseload lists active cases unless "Show discharged" is ticked: every count is of those.
    const count = (where: string, ...params: unknown[]) => activeCaseCount(core, where, ...params);
    const active = count('1 = 1');
    const discharged = DEMO_CASELOAD_SIZE - active;
    expect(discharged).toBeGreaterThan(0);
    await app.openAs('sam', ['supervisor']);
    await expectCases(page, active);
    const clear = page.getByRole('button', { name: 'Clear filters' });

    const robin = String(core.database.sqlite.prepare("SELECT id FROM users WHERE display_name = 'Demo clinician Robin Hale'").pluck().get());
    await page.getByLabel('Clinician', { exact: true }).selectOption({ label: 'Demo clinician Robin Hale (inactive)' });
    await expectCases(page, count('clinician_id = ?', robin));
    for (const text of await wholeColumn(page, 2)) expect(text).toBe('Demo clinician Robin Hale');
    await clear.click();
    await expectCases(page, active);

    await page.getByRole('group', { name: 'Current level' }).getByRole('button', { name: 'IOP' }).click();
    const iop = count("level = 'iop'");
    expect(iop).toBeGreaterThan(0);
    await expectCases(page, iop);
    for (const text of await wholeColumn(page, 3)) expect(text).toContain('IOP');
    await page.getByRole('group', { name: 'Current level' }).getByRole('button', { name: 'All', exact: true }).click();
    await expectCases(page, active);

    await page.getByRole('checkbox', { name: 'Only where the level differs' }).check();
    const mismatched = count('mismatch = 1');
    expect(mismatched).toBeGreaterThan(0);
    await expectCases(page, mismatched);
    for (const text of await wholeColumn(page, 4)) expect(text).toContain('differs');
    await clear.click();

    await page.getByLabel('Decision', { exact: true }).selectOption({ label: 'Awaiting review' });
    await expectCases(page, count("decision_status = 'submitted'"));
    for (const text of await wholeColumn(page, 6)) expect(text).toContain('Awaiting review');
    await clear.click();

    // Discharged cases come back with the checkbox, marked as discharged where the level would be.
    await page.getByRole('checkbox', { name: 'Show discharged' }).check();
    await expectCases(page, DEMO_CASELOAD_SIZE);
    await page.getByRole('group', { name: 'Current level' }).getByRole('button', { name: 'Not placed' }).click();
    const unplaced = Number(core.database.sqlite.prepare('SELECT count(*) FROM cases WHERE level IS NULL').pluck().get());
    await expectCases(page, unplaced);
    const levelCells = await wholeColumn(page, 3);
    expect(levelCells.filter((text) => text.includes('Discharged'))).toHaveLength(discharged);
    await clear.click();
    await expect(page.getByRole('checkbox', { name: 'Show discharged' })).not.toBeChecked();
    await expectCases(page, active);

    await page.keyboard.press('/');
    await expect(page.getByLabel(/^Search/)).toBeFocused();
    await page.keyboard.type('DEMO-00001');
    await expectCases(page, count("mrn LIKE 'DEMO-00001%'"));
    for (const text of await wholeColumn(page, 1)) expect(text).toMatch(/^DEMO-00001\d$/);
    await clear.click();
    await expectCases(page, active);

    const mrns = core.database.sqlite.prepare("SELECT mrn FROM cases WHERE status = 'active' ORDER BY mrn").pluck().all() as string[];
    await page.getByRole('columnheader', { name: 'MRN' }).getByRole('button').click();
    await expect(page.getByRole('columnheader', { name: 'MRN' })).toHaveAttribute('aria-sort', 'ascending');
    await expect(caseRows(page).first().locator('td').nth(1)).toHaveText(mrns[0] ?? '');
    await page.getByRole('columnheader', { name: 'MRN' }).getByRole('button').click();
    await expect(page.getByRole('columnheader', { name: 'MRN' })).toHaveAttribute('aria-sort', 'descending');
    await expect(caseRows(page).first().locator('td').nth(1)).toHaveText(mrns.at(-1) ?? '');

    // The keyboard reaches both ends of the list and moves a screen at a time; the rows follow the focus.
    await caseRows(page).first().click();
    await page.getByRole('button', { name: '← Caseload' }).click();
    const firstRow = caseloadTable(page).locator('tbody tr[aria-rowindex="2"]');
    await expect(firstRow).toBeFocused();
    await page.keyboard.press('End');
    const lastRow = caseloadTable(page).locator(`tbody tr[aria-rowindex="${active + 1}"]`);
    await expect(lastRow).toBeFocused();
    await expect(lastRow.locator('td').nth(1)).toHaveText(mrns[0] ?? '');
    expect((await rowsInView(page)).at(-1)?.position).toBe(active);
    await page.keyboard.press('Home');
    await expect(firstRow).toBeFocused();
    await expect(firstRow.locator('td').nth(1)).toHaveText(mrns.at(-1) ?? '');
    const screen = (await rowsInView(page)).length;
    await page.keyboard.press(']');
    const focusedAt = () => page.evaluate(() => Number(document.activeElement?.getAttribute('aria-rowindex')));
    await expect.poll(focusedAt).toBeGreaterThanOrEqual(screen);
    const screenDown = await focusedAt();
    await page.keyboard.press('[');
    await expect.poll(focusedAt).toBeLessThan(screenDown);
    await page.keyboard.press('Home');
    await expect(firstRow).toBeFocused();
    await page.keyboard.press('j');
    await expect(caseloadTable(page).locator('tbody tr[aria-rowindex="3"]')).toBeFocused();
    await page.keyboard.press('k');
    await expect(firstRow).toBeFocused();
  });

  test('creates a case with the keyboard, showing each error beside its field and losing nothing; a duplicate MRN names the case', async ({
    app,
  }) => {
    const { page, core } = app;
    const dana = await core.addUser('dana', ['clinician'], 'Dana Whitfield');
    await as(core, dana, (invoke) => invoke('cases.create', { mrn: 'A-17', fullName: 'Jane Doe', dateOfBirth: '1980-03-01' }));
    await app.openAs('dana', ['clinician']);
    await expect(page.getByRole('row', { name: /Jane Doe/ })).toBeVisible();

    await page.keyboard.press('n');
    const dialog = page.getByRole('dialog', { name: 'New case' });
    await expect(dialog).toBeVisible();
    const mrn = dialog.getByLabel('MRN');
    const fullName = dialog.getByLabel('Full name');
    const dateOfBirth = dialog.getByLabel('Date of birth');
    await expect(mrn).toBeFocused();
    await dialog.getByRole('button', { name: 'Create case' }).click();
    await expect(mrn).toHaveAccessibleDescription('Enter the MRN.');
    await expect(fullName).toHaveAccessibleDescription('Enter the name.');
    await expect(dateOfBirth).toHaveAccessibleDescription('Enter the date of birth.');
    await expect(dialog.locator('#mrn-error')).toHaveText('Enter the MRN.');
    await screenshot(page, '05-new-case-errors');

    await mrn.fill('a-17');
    await fullName.fill('John Roe');
    await dateOfBirth.fill('2099-01-01');
    await dialog.getByLabel('Payer (optional)').fill('Medicaid');
    await dialog.getByRole('button', { name: 'Create case' }).click();
    await expect(dateOfBirth).toHaveAccessibleDescription('The date of birth is in the future.');
    await expect(fullName).toHaveValue('John Roe');
    await expect(dialog.getByLabel('Payer (optional)')).toHaveValue('Medicaid');

    await dateOfBirth.fill('1979-04-02');
    await dialog.getByRole('button', { name: 'Create case' }).click();
    await expect(mrn).toHaveAccessibleDescription('MRN A-17 is already used by Jane Doe.');
    await expect(mrn).toHaveAttribute('aria-invalid', 'true');
    await expect(fullName).toHaveValue('John Roe');
    expect(countRows(core, 'cases')).toBe(1);

    await mrn.fill('B-22');
    await dialog.getByRole('button', { name: 'Create case' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('heading', { name: 'John Roe', level: 1 })).toBeVisible();
    await expect(page.locator('.case-facts')).toContainText('B-22');
    await expect(page.locator('.case-facts')).toContainText('Dana Whitfield');
    expect(core.database.sqlite.prepare("SELECT full_name, date_of_birth, payer, clinician_id, level FROM cases WHERE mrn = 'B-22'").get()).toEqual({
      full_name: 'John Roe',
      date_of_birth: '1979-04-02',
      payer: 'Medicaid',
      clinician_id: dana.id,
      level: null,
    });

    await page.getByRole('button', { name: '← Caseload' }).click();
    const row = page.getByRole('row', { name: /John Roe/ });
    await expect(row).toContainText('B-22');
    await expect(row).toContainText('Not placed');
  });

  test('asks for the first rows as soon as the session is known, while the screen renders, and only once', async ({ app }) => {
    const { page, calls } = app;
    const firstPages = () => calls.filter((call) => call.channel === 'cases.list' && (call.input as ListCasesInput).page === 1);
    const callAfter = (channel: string) => calls[calls.findIndex((call) => call.channel === channel) + 1]?.channel;

    // Opened with a session already under way: the answer to auth.status starts the caseload's first page.
    // A supervisor's top bar asks for the review queue's count too; the caseload's rows do not wait for that screen.
    await app.openAs('sam', ['supervisor']);
    await expect(page.getByText('No cases yet')).toBeVisible();
    expect(callAfter('auth.status')).toBe('cases.list');
    expect(firstPages()).toHaveLength(1);

    // Signed in through the screen: the sign-in's answer does.
    await signOut(page, 'Sam');
    calls.length = 0;
    await signIn(page, 'sam', TEST_PASSWORD);
    await expect(page.getByRole('heading', { name: 'Caseload', level: 1 })).toBeVisible();
    await expect(page.getByText('No cases yet')).toBeVisible();
    expect(callAfter('auth.signIn')).toBe('cases.list');
    expect(firstPages()).toHaveLength(1);
  });

  test('the page names in its head every script and style the caseload needs, and no other, so none waits for the first script', async ({ app }) => {
    const { page } = app;
    await app.openAs('sam', ['supervisor']);
    await expect(caseRows(page).first().or(page.getByText('No cases yet'))).toBeVisible();
    const html = fs.readFileSync(path.join(RENDERER_ROOT, 'index.html'), 'utf8');
    const named = (pattern: RegExp) => [...html.matchAll(pattern)].map((match) => path.basename(match[1] ?? ''));
    const entry = named(/<script type="module"[^>]* src="([^"]+)"/g);
    const preloaded = [...named(/<link rel="modulepreload"[^>]* href="([^"]+)"/g), ...named(/<link rel="preload" as="style"[^>]* href="([^"]+)"/g)];
    const entryStyles = named(/<link rel="stylesheet"[^>]* href="([^"]+)"/g);
    const fetched = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((resource) => resource.name.split('/').pop() ?? '')
        .filter((name) => /\.(js|css)$/.test(name)),
    );
    expect(entry).toHaveLength(1);
    expect(preloaded.length).toBeGreaterThan(0);
    expect(new Set(fetched)).toEqual(new Set([...entry, ...entryStyles, ...preloaded]));
  });

  test('Escape closes the new-case form without saving', async ({ app }) => {
    const { page, core } = app;
    await app.openAs('dana', ['clinician']);
    await page.getByRole('button', { name: 'Create a case' }).click();
    const dialog = page.getByRole('dialog', { name: 'New case' });
    await dialog.getByLabel('MRN').fill('X-1');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    expect(countRows(core, 'cases')).toBe(0);
  });
});
