import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { REDISCLOSURE_NOTICE } from '../../../shared/domain/confidentiality';
import {
  cellTexts,
  chartFrame,
  chartPicture,
  expectChartDrawn,
  expectNoSeriousViolations,
  screenshotChart,
  screenshotWholePage,
  showChartTable,
  tableCells,
} from '../support/care';
import { expect, test } from '../support/fixtures';
import { mappingRows } from '../support/importFiles';
import { mainNav, SCREENS_DIR, screenshot } from '../support/workflow';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const LABELLED_SAMPLE = path.resolve(REPO_ROOT, '../shared/data/teds/tedsd-2023-sample-labelled.csv');
/** The official coded columns: 20 records with exact stays of 1–30 days, the ranges beyond, and -9 for not recorded. */
const CODED_FIXTURE = path.resolve(REPO_ROOT, 'tests/fixtures/teds/tedsd-coded-fixture.csv');

/** The sample's reasons for discharge, counted by hand from discharge_reason. */
const REASON_COUNTS: Readonly<Record<string, string>> = {
  'Treatment completed': '424',
  'Dropped out': '238',
  Transferred: '225',
  'Terminated by facility': '55',
  Other: '47',
  Incarcerated: '9',
  Death: '2',
};

/** The report once its figures have arrived and nothing is being counted. */
async function retroSettled(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Retrospective review', level: 1 })).toBeVisible();
  await expect(page.locator('.retro-page')).toHaveAttribute('aria-busy', 'false');
}

/** Scrolls a section to the top of the page and saves the 1280×800 window as test-results/screens/<name>.png. */
async function screenshotSection(page: Page, section: Locator, name: string): Promise<void> {
  await section.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await screenshot(page, name);
}

/** The page never scrolls sideways at 1280×800. */
async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => {
    const main = document.querySelector('.app-main');
    return main ? main.scrollWidth - main.clientWidth : 0;
  });
  expect(overflow, 'horizontal overflow of the page in pixels').toBeLessThanOrEqual(0);
}

/** The cell under a column header in one row of a table with a header row. */
async function cellsByHeader(table: Locator, row: Locator): Promise<Record<string, string>> {
  const [headers = []] = await cellTexts(table.locator('thead tr'));
  const [cells = []] = await cellTexts(row);
  return Object.fromEntries(headers.map((header, index) => [header, cells[index] ?? '']));
}

test.describe('retrospective review of TEDS-D data', () => {
  test('a supervisor imports the labelled sample and reads the report: settings, flows, outcomes, stays and rule concordance; exports CSV and PDF', async ({
    app,
  }) => {
    test.slow();
    const { page, core } = app;
    await app.openAs('sam', ['supervisor']);

    // No dataset yet: the screen says what it is for and leads to the import with TEDS-D chosen.
    await mainNav(page).getByRole('button', { name: 'Retrospective' }).click();
    await retroSettled(page);
    await expect(page.getByRole('heading', { name: 'No TEDS-D dataset yet' })).toBeVisible();
    await screenshot(page, 'retro-empty');
    await expectNoSeriousViolations(page, 'retrospective review without a dataset');
    await page.getByRole('button', { name: 'Import a TEDS-D file' }).click();
    await expect(page.getByRole('heading', { name: 'Import', level: 1 })).toBeVisible();
    const kind = page.getByRole('radio', { name: 'TEDS-D discharges (retrospective)' });
    await expect(kind).toBeChecked();
    await expect(kind).toHaveAccessibleDescription(/coded \(CASEID, SERVICES, …\) or labelled; only the columns the review uses are kept; no dates/);
    await screenshot(page, 'retro-import-choose');

    core.chooseImportFile(LABELLED_SAMPLE);
    await page.getByRole('button', { name: 'Choose a CSV file…' }).click();
    await expect(page.getByRole('heading', { name: 'Match the columns' })).toBeFocused();
    await expect(page.getByText(/comma-separated · 74 columns · labelled TEDS-D columns/)).toBeVisible();
    const columns = await mappingRows(page);
    const used = columns.filter((column) => column.field !== 'Ignore this column');
    expect(used.map((column) => column.header)).toEqual([
      'patient_id',
      'discharge_year',
      'living_arrangement_admit',
      'service_type_admit',
      'service_type_discharge',
      'referral_source',
      'prior_treatments',
      'has_cooccurring_mental_health',
      'discharge_reason',
      'length_of_stay',
    ]);
    expect(columns.filter((column) => column.status === 'Not imported')).toHaveLength(columns.length - used.length);
    await expect(
      page.getByText('10 columns are used by the retrospective review; the other 64 columns are set to “Ignore this column”'),
    ).toBeVisible();
    await expect(page.getByText('TEDS-D records have a discharge year and no dates.')).toBeVisible();
    // A TEDS-D file is a dataset of its own: no record already imported is ever updated, so there is nothing to choose.
    await expect(
      page.getByText('A TEDS-D file becomes a dataset of its own; importing the same file again changes nothing.', { exact: false }),
    ).toBeVisible();
    await expect(page.getByRole('group', { name: 'Records that already exist' })).toHaveCount(0);
    for (const choice of ['Update them', 'Skip them', 'Stop the import']) await expect(page.getByRole('radio', { name: choice })).toHaveCount(0);
    await screenshot(page, 'retro-import-mapping');

    await page.getByRole('button', { name: 'Check all rows' }).click();
    const check = page.getByRole('region', { name: 'What the check found' });
    await expect(check).toContainText('1,000 rows checked: 1,000 new TEDS-D records, 0 already up to date, 0 skipped.', { timeout: 30_000 });
    await check.getByRole('button', { name: 'Import 1,000 TEDS-D records…' }).click();
    await page
      .getByRole('dialog', { name: /^Import tedsd-2023-sample-labelled\.csv\?$/ })
      .getByRole('button', { name: 'Import 1,000 TEDS-D records' })
      .click();
    await expect(page.getByRole('heading', { name: 'tedsd-2023-sample-labelled.csv is imported' })).toBeFocused({ timeout: 30_000 });
    await screenshot(page, 'retro-import-result');
    await page.getByRole('button', { name: 'Open the retrospective report' }).click();

    // The report: the dataset, the standing caveat, then the sections.
    await retroSettled(page);
    await expect(mainNav(page).getByRole('button', { name: 'Retrospective' })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('combobox', { name: 'Dataset' })).toContainText('1,000 records');
    await expect(page.getByText(/1,000 records discharged in 2023/)).toBeVisible();
    await expect(page.getByRole('note').filter({ hasText: 'without links between them' })).toContainText(
      "this report counts records; it never shows dates, day averages or a person's path across records.",
    );
    await screenshot(page, 'retro-report');
    await expectNoHorizontalScroll(page);

    const settings = page.getByTestId('retro-settings');
    const settingsTable = settings.getByRole('table', { name: 'Records by TEDS setting at admission and at discharge' });
    const outpatient = await cellsByHeader(settingsTable, settingsTable.getByRole('row', { name: /Ambulatory, non-intensive outpatient/ }));
    expect(outpatient).toMatchObject({ 'Stepwise level': 'Outpatient', 'Admitted to it': '544', 'Discharged from it': '553' });
    const detox = await cellsByHeader(settingsTable, settingsTable.getByRole('row', { name: /Detox, 24-hour, free-standing residential/ }));
    expect(detox).toMatchObject({ 'Stepwise level': 'Inpatient', 'Withdrawal management': 'Yes, detox', 'Admitted to it': '141' });
    await screenshotSection(page, settings, 'retro-section-settings');

    // Admission → discharge: a sankey with its table; the same setting is a flow too.
    await expectChartDrawn(page, 'retro-flow');
    await expect(chartPicture(page, 'retro-flow')).toHaveAccessibleName(/^Admission to discharge setting: 1,000 records, [\d,]+ in the same setting/);
    await screenshotSection(page, chartFrame(page, 'retro-flow'), 'retro-section-flow');
    await screenshotChart(page, 'retro-flow', 'chart-retro-flow');
    // The few records that changed setting, drawn on their own so the thin bands can be read.
    await chartFrame(page, 'retro-flow')
      .getByRole('button', { name: /^Only changes of setting \(\d+\)$/ })
      .click();
    await screenshotChart(page, 'retro-flow', 'chart-retro-flow-changes');
    await chartFrame(page, 'retro-flow').getByRole('button', { name: 'All records' }).click();
    const flow = await showChartTable(page, 'retro-flow');
    const flowRows = await tableCells(flow);
    expect(flowRows).toContainEqual(['Outpatient', 'Outpatient (same setting)', expect.stringMatching(/^\d+$/), expect.stringMatching(/%$/)]);
    expect(flowRows.reduce((sum, row) => sum + Number(row[2]?.replace(/,/g, '')), 0)).toBe(1000);

    // Outcomes: the discharge reasons, all settings together, as counted in the file.
    await expectChartDrawn(page, 'retro-outcomes');
    await screenshotChart(page, 'retro-outcomes', 'chart-retro-outcomes');
    const outcomes = await showChartTable(page, 'retro-outcomes');
    const totals = await cellsByHeader(outcomes, outcomes.locator('tfoot tr'));
    expect(totals['Discharge setting']).toBe('All discharge settings');
    expect(totals.Records).toBe('1,000');
    for (const [reason, count] of Object.entries(REASON_COUNTS)) expect(totals[reason], reason).toMatch(new RegExp(`^${count}\\s`));
    await screenshotSection(page, chartFrame(page, 'retro-outcomes'), 'retro-section-outcomes');

    // Length of stay: the bins as the file holds them, "not recorded" its own bar, no average anywhere.
    await expectChartDrawn(page, 'retro-stay');
    await expect(chartPicture(page, 'retro-stay')).toHaveAccessibleName(
      /^Length of stay, all discharge settings: 1,000 records; 1–7 days 174, .*Not recorded 661\.$/,
    );
    await expect(chartFrame(page, 'retro-stay')).toContainText('exact days only from 1 to 30 days');
    const stays = await showChartTable(page, 'retro-stay');
    const [stayHeaders = []] = await cellTexts(stays.locator('thead tr'));
    expect(stayHeaders.filter((header) => /median|mean|average|days/i.test(header))).toEqual([]);
    const notRecorded = await cellsByHeader(stays, stays.getByRole('row', { name: /^Not recorded/ }));
    expect(notRecorded['All settings']).toBe('661');
    await screenshotSection(page, chartFrame(page, 'retro-stay'), 'retro-section-stay');
    await chartFrame(page, 'retro-stay').getByRole('combobox', { name: 'Discharge setting' }).selectOption({ label: 'Rehab, long term (68)' });
    await expect(chartPicture(page, 'retro-stay')).toHaveAccessibleName(/^Length of stay, Rehab, long term: 68 records;/);
    await screenshotChart(page, 'retro-stay', 'chart-retro-stay-one-setting');
    await chartFrame(page, 'retro-stay').getByRole('combobox', { name: 'Discharge setting' }).selectOption({ label: 'All settings (1,000)' });
    await chartFrame(page, 'retro-stay').getByRole('checkbox', { name: 'Include “Not recorded” (661)' }).uncheck();
    await expect(chartPicture(page, 'retro-stay')).toHaveAccessibleName(/; records without a length of stay left out of the picture\.$/);
    await screenshotChart(page, 'retro-stay', 'chart-retro-stay-recorded-only');
    await chartFrame(page, 'retro-stay').getByRole('checkbox', { name: 'Include “Not recorded” (661)' }).check();

    // Rule concordance: the sentence, with the insufficient data beside the matches.
    const concordance = chartFrame(page, 'retro-concordance');
    await expect(concordance.locator('.concordance-sentence')).toHaveText(
      /^Of 1,000 records, [\d,]+ had enough mapped information for a recommendation; of those, [\d,]+ \(\d+%\) were admitted to the recommended level\. [\d,]+ records? \(\d+%\) had insufficient data\.$/,
    );
    await expect(concordance).toContainText('LIVARAG: Homeless at admission');
    const levels = await tableCells(await showChartTable(page, 'retro-concordance'));
    expect(levels.map((row) => row[0])).toEqual(expect.arrayContaining(['All records', 'Inpatient', 'IOP', 'Outpatient']));
    await screenshotSection(page, concordance, 'retro-section-concordance');

    // The mapping reference opens to settings → levels, REASON → end reason, LOS → days.
    const mapping = page.getByTestId('retro-mapping');
    await mapping.getByText('How TEDS-D codes are read').click();
    await expect(mapping.getByRole('table', { name: 'Reason for discharge (REASON) → Stepwise end reason' })).toContainText('Terminated by facility');
    const stayCodes = await cellTexts(mapping.getByRole('table', { name: 'Length of stay (LOS) → days' }).locator('tbody tr'));
    expect(stayCodes).toContainEqual(['31', '31–45 days']);
    await screenshotSection(page, mapping, 'retro-section-mapping');
    await expectNoHorizontalScroll(page);
    await expectNoSeriousViolations(page, 'retrospective review with every table shown');
    await screenshotWholePage(page, 'retro-page');

    // CSV through the shell's save dialog: the notice first, then the counts.
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const audience = page.getByRole('dialog', { name: 'Who is this for?' });
    await audience.getByRole('button', { name: 'Choose where to save…' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toHaveText(
      /^Saved stepwise-retrospective-2023-imported-\d{4}-\d{2}-\d{2}\.csv\.$/,
    );
    const csv = core.savedFiles.find((file) => file.name.endsWith('.csv'))?.content ?? '';
    expect(csv.startsWith(`"${REDISCLOSURE_NOTICE}"\r\n`)).toBe(true);
    expect(csv).toContain('\r\nStepwise retrospective report (TEDS-D discharges)\r\n');
    for (const [reason, count] of Object.entries(REASON_COUNTS))
      expect(csv).toMatch(new RegExp(`\\r\\nAll discharge settings,${reason},[^,]*,${count},`));
    expect(csv).toContain('\r\n7,"Ambulatory, non-intensive outpatient",Outpatient,no,544,553\r\n');
    // Counts only: no record's case ID leaves in the file.
    expect(csv).not.toContain('989743');

    // PDF through the shell, then the printed page itself: white paper, charts and tables, no app chrome.
    await page.getByRole('button', { name: 'Save as PDF' }).click();
    await audience.getByRole('button', { name: 'Choose where to save…' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toHaveText(/^Saved stepwise-retrospective-.+\.pdf\.$/);
    expect(core.savedFiles.filter((file) => file.name.endsWith('.pdf'))).toHaveLength(1);
    await mapping.getByText('How TEDS-D codes are read').click();
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.app-bar')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Export CSV' })).toBeHidden();
    await expect(page.getByRole('combobox', { name: 'Dataset' })).toBeHidden();
    await page.screenshot({ path: path.join(SCREENS_DIR, 'retro-print.png'), fullPage: true, animations: 'disabled', caret: 'hide' });
    const pdf = await page.pdf({ format: 'Letter', printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    fs.mkdirSync(SCREENS_DIR, { recursive: true });
    fs.writeFileSync(path.join(SCREENS_DIR, 'retro.pdf'), pdf);
    await page.emulateMedia({ media: 'screen' });
    expect(app.blockedRequests).toEqual([]);
  });

  test('a clinician has no Retrospective in the menu and the screen refuses them', async ({ app }) => {
    const { page, core } = app;
    const clinician = await app.openAs('dana', ['clinician']);
    await expect(mainNav(page).getByRole('button', { name: 'Reports' })).toBeVisible();
    await expect(mainNav(page).getByRole('button', { name: 'Retrospective' })).toHaveCount(0);
    const refused = await core.registry.invoke('retro.datasets', {});
    expect(refused).toMatchObject({ ok: false });
    expect(clinician.roles).toEqual(['clinician']);
  });

  test('an administrator who is also a supervisor finds Retrospective in a menu that still fits the window', async ({ app }) => {
    const { page } = app;
    await app.openAs('morgan', ['supervisor', 'admin']);
    await mainNav(page).getByRole('button', { name: 'Retrospective' }).click();
    await retroSettled(page);
    await expect(page.getByRole('heading', { name: 'No TEDS-D dataset yet' })).toBeVisible();
    const bar = await page.locator('.app-bar').evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
    expect(bar.scroll, 'the top bar fits 1280 pixels').toBeLessThanOrEqual(bar.client);
    await screenshot(page, 'retro-empty-admin');
  });

  test('a coded TEDS-D file shows its exact days and ranges, and the report can switch between datasets', async ({ app }) => {
    test.slow();
    const { page, core } = app;
    await app.openAs('sam', ['supervisor']);
    await mainNav(page).getByRole('button', { name: 'Import', exact: true }).click();
    for (const file of [LABELLED_SAMPLE, CODED_FIXTURE]) {
      if (file === CODED_FIXTURE) await page.getByRole('button', { name: 'Import another file' }).click();
      await page.getByRole('radio', { name: 'TEDS-D discharges (retrospective)' }).check();
      core.chooseImportFile(file);
      await page.getByRole('button', { name: 'Choose a CSV file…' }).click();
      await page.getByRole('button', { name: 'Check all rows' }).click();
      await page
        .getByRole('region', { name: 'What the check found' })
        .getByRole('button', { name: /^Import [\d,]+ TEDS-D records…$/ })
        .click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /^Import [\d,]+ TEDS-D records$/ })
        .click();
      await expect(page.getByRole('button', { name: 'Open the retrospective report' })).toBeVisible({ timeout: 30_000 });
    }
    await page.getByRole('button', { name: 'Open the retrospective report' }).click();
    await retroSettled(page);

    // The newest dataset first: the coded fixture, its stays in exact days up to 30 and in ranges beyond.
    const dataset = page.getByRole('combobox', { name: 'Dataset' });
    await expect(dataset.locator('option')).toHaveCount(2);
    await expect(page.getByText(/20 records discharged in 2021, 2022/)).toBeVisible();
    await expect(page.getByText('coded (official public-use columns) TEDS-D file', { exact: false })).toBeVisible();
    await expectChartDrawn(page, 'retro-stay');
    await expect(chartFrame(page, 'retro-stay')).toContainText(
      'This file holds those codes; the exact stays of 1 to 30 days are grouped here into 1–7 days and 8–30 days, so every bar is a range.',
    );
    const stays = await showChartTable(page, 'retro-stay');
    const binNames = (await tableCells(stays)).map((row) => row[0]);
    expect(binNames.at(-1)).toBe('Not recorded');
    expect(binNames).toEqual(expect.arrayContaining([expect.stringMatching(/^31–45 days/)]));
    await screenshotSection(page, chartFrame(page, 'retro-stay'), 'retro-coded-stay');
    await expectNoHorizontalScroll(page);

    // Back to the labelled sample: the whole report follows.
    await dataset.selectOption({ label: (await dataset.locator('option', { hasText: 'tedsd-2023-sample-labelled.csv' }).innerText()).trim() });
    await expect(page.getByText(/1,000 records discharged in 2023/)).toBeVisible();
    await expect(chartPicture(page, 'retro-stay')).toHaveAccessibleName(/^Length of stay, all discharge settings: 1,000 records;/);
  });
});
