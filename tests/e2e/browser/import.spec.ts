import { REDISCLOSURE_NOTICE } from '../../../shared/domain/confidentiality';
import { makeTempDir } from '../../support/tempDir';
import { expectNoSeriousViolations } from '../support/care';
import { expect, test } from '../support/fixtures';
import { chooseFile, generatedCases, mappingRows, openImportScreen, progressValue, writeCsv } from '../support/importFiles';
import { countRows, mainNav, screenshot } from '../support/workflow';

let temp: ReturnType<typeof makeTempDir>;
test.beforeEach(() => {
  temp = makeTempDir('stepwise-e2e-import-');
});
test.afterEach(() => temp.cleanup());

/** Saved from Excel as "CSV UTF-8": a BOM, CRLF line ends, headers in the spreadsheet's words, quotes around commas. */
const CASES_CSV = `\uFEFF${[
  'MRN,Full name,DOB,Clinician,Site,Insurance,Status',
  'A-1,Jane Doe,1980-03-01,lee,Downtown,Medicaid,active',
  'A-2,"Doe, John",1975-12-24,,North,"Blue, Cross",',
  'A-3,"Ana ""Nan"" Ruiz",1990-01-02,LEE,,,discharged',
].join('\r\n')}\r\n`;

/** Saved by a European spreadsheet: semicolons, day-first dates; A-2 is already in Stepwise with another payer. */
const NORTH_CSV = ['MRN;Name;Date of birth;Payer', 'A-2;Doe, John;24/12/1975;Aetna', 'A-4;Kim Lee;05/11/1992;'].join('\n');

test.describe('import from a CSV file', () => {
  test('a supervisor imports cases from a spreadsheet file, then updates one from a semicolon file, and the caseload lists them', async ({ app }) => {
    const { page, core } = app;
    await core.addUser('lee', ['clinician'], 'Lee Chan');
    await app.openAs('sam', ['supervisor']);
    await openImportScreen(page);
    await expect(page.getByText('Import cases first')).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Cases', exact: true })).toBeChecked();
    await screenshot(page, 'import-choose');

    // The person cancels the open dialog: nothing changes.
    await chooseFile(page, core, 'Cases', null);
    await expect(page.getByRole('button', { name: 'Choose a CSV file…' })).toBeEnabled();
    await expect(page.getByRole('alert')).toHaveCount(0);

    await chooseFile(page, core, 'Cases', writeCsv(temp.dir, 'cases-2026.csv', CASES_CSV));
    await expect(page.getByRole('heading', { name: 'Match the columns' })).toBeFocused();
    await expect(page.getByText('cases-2026.csv', { exact: true })).toBeVisible();
    await expect(page.getByText(/comma-separated · 7 columns/)).toBeVisible();
    expect(await mappingRows(page)).toEqual([
      { header: 'MRN', field: 'MRN — mrn (required)', status: '✓ Required field' },
      { header: 'Full name', field: 'Name — name (required)', status: '✓ Required field' },
      { header: 'DOB', field: 'Date of birth — date_of_birth (required)', status: '✓ Required field' },
      { header: 'Clinician', field: 'Clinician (username) — clinician_username', status: '✓ Optional field' },
      { header: 'Site', field: 'Program or site — program', status: '✓ Optional field' },
      { header: 'Insurance', field: 'Payer — payer', status: '✓ Optional field' },
      { header: 'Status', field: 'Status (active or discharged) — status', status: '✓ Optional field' },
    ]);
    // Sample values are the cells as they are; the preview reads the quoted commas and dates as Stepwise will.
    const preview = page.getByRole('region', { name: 'The first rows as Stepwise reads them' });
    await expect(preview.getByRole('row', { name: /Doe, John/ })).toContainText('Blue, Cross');
    await expect(preview.getByRole('row', { name: /Ana "Nan" Ruiz/ })).toContainText('Jan 2, 1990');
    await expect(page.getByLabel('How the file writes dates')).toHaveValue('iso');
    await expect(page.getByRole('radio', { name: 'Update them' })).toBeChecked();
    await expect(page.getByRole('radio', { name: 'Update them' })).toHaveAccessibleDescription(/An empty cell never erases what is stored/);
    await screenshot(page, 'import-mapping');
    await expectNoSeriousViolations(page, 'import mapping step');

    await page.getByRole('button', { name: 'Check all rows' }).click();
    const report = page.getByRole('region', { name: 'What the check found' });
    await expect(report).toContainText('3 rows checked: 3 new cases, 0 to update, 0 already up to date, 0 skipped. No problems found.');
    await expect(page.getByRole('heading', { name: 'What the check found' })).toBeFocused();
    expect(countRows(core, 'cases')).toBe(0);
    await screenshot(page, 'import-report-ready');
    await expectNoSeriousViolations(page, 'import report step (ready)');

    await report.getByRole('button', { name: 'Import 3 cases…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Import cases-2026.csv?' });
    await expect(confirm).toContainText('Import 3 new cases from cases-2026.csv?');
    await expect(confirm).toContainText('All rows are imported together, or none.');
    await screenshot(page, 'import-confirm');
    await confirm.getByRole('button', { name: 'Import 3 cases' }).click();
    await expect(page.getByRole('heading', { name: 'cases-2026.csv is imported' })).toBeFocused();
    await expect(page.getByRole('status').filter({ hasText: 'added' })).toHaveText('3 cases added, from 3 rows.');
    expect(countRows(core, 'cases')).toBe(3);
    await screenshot(page, 'import-result');

    // A second file: semicolons and day-first dates are recognised; the existing MRN is updated, and the confirmation says so.
    await page.getByRole('button', { name: 'Import another file' }).click();
    await chooseFile(page, core, 'Cases', writeCsv(temp.dir, 'cases-north.csv', NORTH_CSV));
    await expect(page.getByText(/semicolon-separated · 4 columns/)).toBeVisible();
    await expect(page.getByLabel('How the file writes dates')).toHaveValue('dmy');
    await expect(preview.getByRole('row', { name: /Kim Lee/ })).toContainText('Nov 5, 1992');
    await page.getByRole('button', { name: 'Check all rows' }).click();
    await expect(report).toContainText('2 rows checked: 1 new case, 1 to update, 0 already up to date, 0 skipped.');
    await report.getByRole('button', { name: 'Import 2 cases…' }).click();
    await expect(page.getByRole('dialog', { name: 'Import cases-north.csv?' })).toContainText(
      'Import 1 new case and update 1 existing case from cases-north.csv?',
    );
    await page.getByRole('button', { name: 'Import 2 cases', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'added' })).toHaveText('1 case added, 1 updated, from 2 rows.');

    await page.getByRole('button', { name: 'Open the caseload' }).click();
    await expect(page.getByRole('heading', { name: 'Caseload', level: 1 })).toBeVisible();
    for (const name of ['Jane Doe', 'Doe, John', 'Kim Lee']) await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible();
    const updated = await core.database.db.selectFrom('cases').select(['payer', 'program']).where('mrn', '=', 'A-2').executeTakeFirst();
    // The second file has no program column: the stored program stays.
    expect(updated).toEqual({ payer: 'Aetna', program: 'North' });
  });

  test('an unknown column must be ignored before the check, rows with problems are listed by row and column, and nothing is offered for import', async ({
    app,
  }) => {
    const { page, core } = app;
    await app.openAs('morgan', ['admin', 'supervisor']);
    await openImportScreen(page);
    const bad = ['mrn,name,date_of_birth,favourite_colour', 'B-1,Ok Person,1980-01-01,blue', 'B-2,,1980-02-30,red', 'B-3,Later,2999-01-01,green'];
    await chooseFile(page, core, 'Cases', writeCsv(temp.dir, 'intake.csv', bad.join('\n')));

    const unknown = page.getByRole('combobox', { name: 'Stepwise field for column 4, “favourite_colour”' });
    await expect(unknown).toHaveAccessibleDescription(/matches no Stepwise field\. Choose the field it holds, or “Ignore this column”/);
    await expect(page.getByRole('button', { name: 'Check all rows' })).toBeDisabled();
    await expect(page.getByText('Decide every column first: 1 column needs a field or “Ignore this column”.')).toBeVisible();
    await screenshot(page, 'import-mapping-unmatched');
    await expectNoSeriousViolations(page, 'import mapping step with an unmatched column');

    await unknown.selectOption({ label: 'Ignore this column' });
    await expect(unknown).toHaveAccessibleDescription('Not imported');
    await page.getByRole('button', { name: 'Check all rows' }).click();
    const report = page.getByRole('region', { name: 'What the check found' });
    await expect(report).toContainText('3 rows checked: 1 new case, 0 to update, 0 already up to date, 0 skipped. 2 rows have problems.');
    await expect(report.getByRole('alert')).toContainText('Nothing can be imported yet');
    await expect(report.getByRole('alert')).toContainText('2 rows have problems. Correct the file and check it again');
    const problems = report.getByRole('table', { name: 'Problems found in the file' });
    await expect(problems.getByRole('row')).toHaveCount(4);
    await expect(problems.getByRole('row').nth(1)).toHaveText(/^3\s*name\s*\(empty\)\s*Enter the name\.$/);
    await expect(problems.getByRole('row').nth(2)).toContainText('1980-02-30');
    await expect(problems.getByRole('row').nth(3)).toContainText('The date of birth is in the future.');
    await expect(report.getByRole('button', { name: /^Import/ })).toHaveCount(0);
    await screenshot(page, 'import-report-problems');
    await expectNoSeriousViolations(page, 'import report step with problems');

    // The report may quote patients' names: it leaves through the audience question, like every export.
    await report.getByRole('button', { name: 'Save problem report…' }).click();
    const audience = page.getByRole('dialog', { name: 'Who is this for?' });
    await expect(audience).toContainText('the 3 problems found in intake.csv as a CSV file');
    await audience.getByRole('button', { name: 'Choose where to save…' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toHaveText(/^Saved import-problems-\d{4}-\d{2}-\d{2}\.csv\.$/);
    const saved = core.savedFiles.at(-1)?.content ?? '';
    expect(saved.split('\r\n')[0]).toBe('row,column,value,problem');
    expect(saved).toContain('3,date_of_birth,1980-02-30,');
    expect(saved).toContain(REDISCLOSURE_NOTICE);

    // A choice changed after the check voids its report until the file is checked again.
    await page.getByRole('radio', { name: 'Skip them' }).check();
    await expect(report).toHaveCount(0);
    await expect(page.getByText('The choices changed since the last check.')).toBeVisible();
    expect(countRows(core, 'cases')).toBe(0);
  });

  test('a file that is not a CSV file is refused with the reason, and another one can be chosen', async ({ app }) => {
    const { page, core } = app;
    await app.openAs('sam', ['supervisor']);
    await openImportScreen(page);

    await chooseFile(page, core, 'Cases', writeCsv(temp.dir, 'scan.pdf', Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02, 0xff, 0x00])));
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('This file cannot be imported');
    await expect(alert).toContainText('This is not a text file (it holds binary data). Choose a CSV file saved from a spreadsheet.');
    await expect(alert).toContainText('Nothing was imported.');
    await screenshot(page, 'import-bad-file');
    await expectNoSeriousViolations(page, 'import screen with a refused file');

    await chooseFile(page, core, 'Cases', writeCsv(temp.dir, 'empty.csv', ''));
    await expect(alert).toContainText('The file is empty. Choose a CSV file with a header row and at least one row of data.');
    await chooseFile(page, core, 'Assessments', writeCsv(temp.dir, 'notes.csv', 'just,some,words\nand,more,words\n'));
    await expect(alert).toContainText('The first row does not name any column Stepwise knows for assessments');
    expect(countRows(core, 'cases')).toBe(0);

    await chooseFile(page, core, 'Cases', writeCsv(temp.dir, 'good.csv', 'mrn,name,date_of_birth\nC-1,Good Row,1984-06-30\n'));
    await expect(page.getByRole('heading', { name: 'Match the columns' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('a clinician has no Import in the menu', async ({ app }) => {
    await app.openAs('dana', ['clinician']);
    await expect(mainNav(app.page).getByRole('button', { name: 'Reports' })).toBeVisible();
    await expect(mainNav(app.page).getByRole('button', { name: 'Import', exact: true })).toHaveCount(0);
  });

  test('a long check shows its progress and can be cancelled; the import then runs with progress and writes every row', async ({ app }) => {
    test.setTimeout(300_000);
    const { page, core } = app;
    // Big enough that the check is still reading long after the bar first moves, even on a loaded machine.
    const ROWS = 120_000;
    await app.openAs('sam', ['supervisor']);
    await openImportScreen(page);
    await chooseFile(page, core, 'Cases', writeCsv(temp.dir, 'all-cases.csv', generatedCases(ROWS)));
    await expect(page.getByRole('heading', { name: 'Match the columns' })).toBeVisible();

    // Cancel as soon as the bar has moved.
    await page.getByRole('button', { name: 'Check all rows' }).click();
    const bar = page.getByRole('progressbar', { name: 'Checking every row of all-cases.csv' });
    await expect(bar).toBeVisible();
    await expect.poll(() => progressValue(bar), { timeout: 20_000, intervals: [50] }).toBeGreaterThan(0);
    // The harness answers the page from this test's own event loop, which the check keeps busy between batches of rows;
    // Playwright's actionability round trips would outlast the check, so the click event is sent in one step.
    await page.getByRole('button', { name: /^Cancel/ }).dispatchEvent('click');
    await expect(page.getByRole('status').filter({ hasText: 'Cancelled' })).toHaveText('Cancelled — nothing was imported.');
    await expect(bar).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: 'Cancelled' })).toBeFocused();
    expect(countRows(core, 'cases')).toBe(0);
    await screenshot(page, 'import-cancelled');

    await page.getByRole('button', { name: 'Check all rows' }).click();
    await expect(page.getByText(/Checking: [\d,]+ rows read/)).toBeVisible();
    await screenshot(page, 'import-checking');
    const report = page.getByRole('region', { name: 'What the check found' });
    await expect(report).toContainText('120,000 rows checked: 120,000 new cases', { timeout: 90_000 });
    await report.getByRole('button', { name: 'Import 120,000 cases…' }).click();
    await page.getByRole('dialog', { name: 'Import all-cases.csv?' }).getByRole('button', { name: 'Import 120,000 cases' }).click();
    const importing = page.getByRole('progressbar', { name: 'Importing all-cases.csv' });
    await expect(importing).toBeVisible();
    await expect.poll(() => progressValue(importing), { timeout: 20_000, intervals: [50] }).toBeGreaterThan(0);
    await screenshot(page, 'import-importing');
    await expect(page.getByRole('status').filter({ hasText: 'added' })).toHaveText('120,000 cases added, from 120,000 rows.', { timeout: 120_000 });
    expect(countRows(core, 'cases')).toBe(ROWS);
  });
});
