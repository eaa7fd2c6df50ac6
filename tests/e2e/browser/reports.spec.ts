import fs from 'node:fs';
import path from 'node:path';
import {
  careTeam,
  chartFrame,
  chartPicture,
  expectChartDrawn,
  loadDemo,
  openCase,
  reportsSettled,
  screenshotChart,
  screenshotWholePage,
  showChartTable,
  tableCells,
  type ChartName,
} from '../support/care';
import { expect, test } from '../support/fixtures';
import { episodeEvents, escapeRegExp, mainNav, SCREENS_DIR, screenshot } from '../support/workflow';

test.describe('the reports of transitions over time', () => {
  test('the reports draw every chart with a name and a table view, export CSV and PDF through the shell, and print to PDF', async ({ app }) => {
    const { page, core } = app;
    const team = await careTeam(core);
    await loadDemo(core, team.admin);
    await app.openAs('sam', ['supervisor']);
    await mainNav(page).getByRole('button', { name: 'Reports' }).click();
    await reportsSettled(page);
    await expect(page.getByRole('note').filter({ hasText: 'not real patients' })).toBeVisible();
    await expect(page.getByRole('note').filter({ hasText: '42 CFR part 2' })).toBeVisible();

    const charts: readonly { name: ChartName; label: RegExp; caption: RegExp }[] = [
      {
        name: 'caseload-flow',
        label: /^Caseload flow between levels: \d+ moves; the largest is .+, \d+\.$/,
        caption: /^Moves between levels and discharges/,
      },
      { name: 'length-of-stay', label: /^Length of stay per level: .+\.$/, caption: /^Length of stay in days, episodes that ended$/ },
      {
        name: 'census',
        label: /^Census over time, stacked by level: highest \d+ people on .+\.$/,
        caption: /^People in care per level, (counted once a week|each day)$/,
      },
    ];
    for (const chart of charts) {
      await expectChartDrawn(page, chart.name);
      await expect(chartPicture(page, chart.name)).toHaveAccessibleName(chart.label);
      await screenshotChart(page, chart.name, `chart-${chart.name}`);
      const table = await showChartTable(page, chart.name);
      await expect(table.locator('caption')).toHaveText(chart.caption);
      expect((await tableCells(table)).length, `${chart.name} table rows`).toBeGreaterThan(0);
      await chartFrame(page, chart.name).getByRole('button', { name: 'Hide table' }).click();
      await expect(chartFrame(page, chart.name).getByRole('button', { name: 'Show as table' })).toHaveAttribute('aria-expanded', 'false');
    }
    await screenshot(page, 'reports');
    await screenshotWholePage(page, 'reports-page');
    const flowRows = await tableCells(chartFrame(page, 'caseload-flow').getByRole('table'));

    // CSV through the shell's save dialog, with the transitions section matching the flow table; for use in the clinic.
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const audience = page.getByRole('dialog', { name: 'Who is this for?' });
    await expect(audience.getByRole('radio', { name: 'Use within the clinic' })).toBeChecked();
    await audience.getByRole('button', { name: 'Choose where to save…' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toHaveText(
      /^Saved stepwise-report-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv\.$/,
    );
    const csv = core.savedFiles.find((file) => file.name.endsWith('.csv'));
    expect(csv, 'a CSV file saved through the shell').toBeDefined();
    const content = csv?.content ?? '';
    // The export carries the 42 CFR Part 2 redisclosure notice first, then the report.
    expect(content).toMatch(/^"This record which has been disclosed to you is protected by Federal confidentiality rules \(42 CFR part 2\)\./);
    expect(content).toMatch(/\r\nStepwise level-of-care report\r\n/);
    expect(content).toContain('\r\n\r\nFrom,To,Moves\r\n');
    for (const [from, to, moves] of flowRows) {
      expect(content).toContain(`\r\n${from},${to?.replace(' (again, after a gap)', '')},${moves}\r\n`);
    }
    const transitions = content.split('\r\n\r\n').find((section) => section.startsWith('From,To,Moves'));
    expect(transitions?.split('\r\n').filter((line) => line !== '')).toHaveLength(flowRows.length + 1);

    // Save as PDF asks the shell (Electron's printToPDF in the app); this one goes to the county, so it is a disclosure.
    await page.getByRole('button', { name: 'Save as PDF' }).click();
    await audience.getByRole('radio', { name: /Someone outside the clinic/ }).check();
    await audience.getByRole('button', { name: 'Choose where to save…' }).click();
    await expect(audience.getByText('Enter the recipient.')).toBeVisible();
    await audience.getByLabel('Recipient').fill('County behavioral health office');
    await audience.getByLabel('Purpose').fill('Quarterly program report');
    await audience.getByLabel('Consent reference').fill('Aggregate counts, no patient identifiers');
    await audience.getByRole('button', { name: 'Choose where to save…' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toHaveText(
      /^Saved stepwise-report-.+\.pdf\. The disclosure to County behavioral health office was recorded\.$/,
    );
    expect(core.database.sqlite.prepare('SELECT case_id AS caseId, recipient FROM disclosures').all()).toEqual([
      { caseId: null, recipient: 'County behavioral health office' },
    ]);
    expect(core.savedFiles.filter((file) => file.name.endsWith('.pdf'))).toEqual([
      { name: expect.stringMatching(/^stepwise-report-/), content: 'pdf' },
    ]);

    // The printed report: without the app's bar and buttons, and as a real PDF from Chromium.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.app-bar')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Export CSV' })).toBeHidden();
    await expect(page.locator('.report-scope')).toBeVisible();
    await page.screenshot({ path: path.join(SCREENS_DIR, 'reports-print.png'), fullPage: true, animations: 'disabled', caret: 'hide' });
    const pdf = await page.pdf({ format: 'Letter', printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    fs.mkdirSync(SCREENS_DIR, { recursive: true });
    fs.writeFileSync(path.join(SCREENS_DIR, 'reports.pdf'), pdf);
    await page.emulateMedia({ media: 'screen' });
    await expect(page.locator('.app-bar')).toBeVisible();

    // The fourth chart lives on the case page: a demo case with the most episodes of care.
    const busiest = core.database.sqlite
      .prepare(
        "SELECT cases.mrn, cases.full_name AS fullName FROM cases JOIN episodes ON episodes.case_id = cases.id WHERE cases.status = 'active' GROUP BY cases.id ORDER BY count(*) DESC, cases.mrn LIMIT 1",
      )
      .get() as { mrn: string; fullName: string };
    await mainNav(page).getByRole('button', { name: 'Caseload' }).click();
    await openCase(page, busiest.mrn, busiest.fullName);
    await expect(chartPicture(page, 'case-timeline')).toHaveAccessibleName(
      new RegExp(`^Timeline of care for ${escapeRegExp(busiest.fullName)}\\. \\d+ episodes? from`),
    );
    await screenshotChart(page, 'case-timeline', 'chart-case-timeline');
    const timeline = await showChartTable(page, 'case-timeline');
    expect(episodeEvents(await tableCells(timeline)).length).toBeGreaterThan(0);
    expect(app.blockedRequests).toEqual([]);
  });
});
