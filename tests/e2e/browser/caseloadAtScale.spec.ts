import type { Page } from '@playwright/test';
import { insertCases, type NewCaseRow } from '../../../electron/repositories/casesRepository';
import type { ListCasesInput } from '../../../shared/contract/cases';
import { generateSyntheticCaseload } from '../../../shared/synthetic/caseload';
import type { TestCore } from '../../support/testCore';
import { caseloadScroller, caseloadTable, caseRows, expectCaseTotal, rowsInView, scrollCaseloadTo, type ShownCaseRow } from '../support/caseload';
import { expect, test, type InvokedCall } from '../support/fixtures';
import { addDays, screenshot, today } from '../support/workflow';

const CASES = 5_000;
/** Well under what a paginated or fully loaded table would hold for this many cases. */
const MAX_ROWS_IN_PAGE = 200;

/** A large synthetic caseload written straight into the database: only the columns the caseload shows matter here. */
async function seedLargeCaseload(core: TestCore, count: number): Promise<void> {
  // The database is made with the first account.
  await core.signInAs('ada', ['admin']);
  const day = today();
  const now = new Date().toISOString();
  const rows: NewCaseRow[] = generateSyntheticCaseload({ seed: 1111, count, today: day }).map((item, index) => ({
    id: `scale-${String(index).padStart(5, '0')}`,
    mrn: item.mrn,
    full_name: item.fullName,
    date_of_birth: item.dateOfBirth,
    level: item.level,
    status: 'active',
    program: item.program,
    payer: null,
    synthetic: 1,
    clinician_id: null,
    level_since: item.level ? addDays(day, -item.openedDaysAgo) : null,
    recommended_level: null,
    latest_assessment_id: null,
    decision_status: null,
    planned_level: null,
    planned_on: null,
    created_at: now,
    updated_at: now,
  }));
  await insertCases(core.database.db, rows);
}

/** The MRNs in the caseload's default order (by name, then id), straight from the database. */
function mrnsByName(core: TestCore, where = '1 = 1'): string[] {
  return core.database.sqlite
    .prepare(`SELECT mrn FROM cases WHERE status = 'active' AND (${where}) ORDER BY full_name COLLATE NOCASE, id`)
    .pluck()
    .all() as string[];
}

function caseListCalls(calls: readonly InvokedCall[]): ListCasesInput[] {
  return calls.filter((call) => call.channel === 'cases.list').map((call) => call.input as ListCasesInput);
}

/** Row elements of any kind in the table body: cases, rows still loading and the spacers for rows out of view. */
async function rowElementsInPage(page: Page): Promise<number> {
  return caseloadTable(page).locator('tbody tr').count();
}

/** The rows in view are exactly the cases at those places in the list. */
function expectRowsInPlace(rows: readonly ShownCaseRow[], mrns: readonly string[]): void {
  expect(rows.length).toBeGreaterThan(5);
  for (const row of rows) expect(row.cells[1], `row ${row.position}`).toBe(mrns[row.position - 1]);
}

test.describe('caseload at scale', () => {
  test('scrolls from the first to the last of 5,000 cases with few rows in the page and few windows fetched; a filter shows its own rows', async ({
    app,
  }) => {
    const { page, core } = app;
    await seedLargeCaseload(core, CASES);
    const mrns = mrnsByName(core);
    expect(mrns).toHaveLength(CASES);
    await app.openAs('sam', ['supervisor']);
    await expectCaseTotal(page, CASES);
    const domRows: Record<string, number> = {};

    const top = await rowsInView(page);
    expect(top[0]?.position).toBe(1);
    expectRowsInPlace(top, mrns);
    domRows.top = await rowElementsInPage(page);
    await screenshot(page, 'caseload-scale-top');

    const height = await caseloadScroller(page).evaluate((scroller) => scroller.scrollHeight);
    await scrollCaseloadTo(page, Math.round(height / 2));
    const middle = await rowsInView(page);
    expect(middle[0]?.position).toBeGreaterThan(CASES / 4);
    expect(middle.at(-1)?.position).toBeLessThan((CASES * 3) / 4);
    expectRowsInPlace(middle, mrns);
    domRows.middle = await rowElementsInPage(page);
    await screenshot(page, 'caseload-scale-middle');

    await scrollCaseloadTo(page, 'end');
    const bottom = await rowsInView(page);
    expect(bottom.at(-1)?.position).toBe(CASES);
    expect(bottom.at(-1)?.cells[1]).toBe(mrns.at(-1));
    expectRowsInPlace(bottom, mrns);
    domRows.bottom = await rowElementsInPage(page);
    await screenshot(page, 'caseload-scale-bottom');
    await expect(page.locator('.caseload-count')).toContainText(
      `–${await page.evaluate((count) => new Intl.NumberFormat().format(count), CASES)} in view`,
    );

    const listed = caseListCalls(app.calls);
    const rowsAskedFor = listed.reduce((sum, input) => sum + (input.pageSize ?? 0), 0);
    test.info().annotations.push({
      type: 'observed',
      description: `row elements in the page: ${JSON.stringify(domRows)}; cases.list calls: ${listed.length} for ${rowsAskedFor} rows; pages ${listed.map((input) => input.page).join(',')}`,
    });
    for (const count of Object.values(domRows)) expect(count).toBeLessThan(MAX_ROWS_IN_PAGE);
    for (const input of listed) expect(input.pageSize).toBeLessThanOrEqual(100);
    expect(listed.length).toBeLessThanOrEqual(10);
    expect(rowsAskedFor).toBeLessThan(CASES / 5);

    // A filter starts the list again from its top, with the filter's own rows.
    const iopMrns = mrnsByName(core, "level = 'iop'");
    expect(iopMrns.length).toBeGreaterThan(500);
    await page.getByRole('group', { name: 'Current level' }).getByRole('button', { name: 'IOP' }).click();
    await expectCaseTotal(page, iopMrns.length);
    const filtered = await rowsInView(page);
    expect(filtered[0]?.position).toBe(1);
    expectRowsInPlace(filtered, iopMrns);
    for (const row of filtered) expect(row.cells[3]).toContain('IOP');
    expect(await rowElementsInPage(page)).toBeLessThan(MAX_ROWS_IN_PAGE);
    const filteredCalls = caseListCalls(app.calls).slice(listed.length);
    expect(filteredCalls.every((input) => input.level === 'iop')).toBe(true);
    expect(filteredCalls.length).toBeLessThanOrEqual(2);
    await screenshot(page, 'caseload-scale-filtered');
  });

  test('the keyboard reaches the last of 5,000 cases, moves a screen at a time, opens a case, and the caseload comes back to it', async ({ app }) => {
    const { page, core } = app;
    await seedLargeCaseload(core, CASES);
    const mrns = mrnsByName(core);
    await app.openAs('sam', ['supervisor']);
    await expectCaseTotal(page, CASES);
    const focusedPosition = () => page.evaluate(() => Number(document.activeElement?.getAttribute('aria-rowindex')) - 1);

    await page.getByLabel(/^Search/).focus();
    await page.keyboard.press('ArrowDown');
    await expect(caseRows(page).first()).toBeFocused();
    await page.keyboard.press('End');
    const last = caseloadTable(page).locator(`tbody tr[aria-rowindex="${CASES + 1}"]`);
    await expect(last).toBeFocused();
    await expect(last.locator('td').nth(1)).toHaveText(mrns.at(-1) ?? '');
    expect((await rowsInView(page)).at(-1)?.position).toBe(CASES);

    // Two screens up from the end: a case away from both ends of the list, so where the list comes back to matters.
    await page.keyboard.press('PageUp');
    await expect.poll(focusedPosition).toBeLessThan(CASES);
    await page.keyboard.press('[');
    await expect.poll(focusedPosition).toBeLessThan(CASES - 20);
    const opened = await focusedPosition();
    const before = await rowsInView(page);
    expect(before.map((row) => row.position)).toContain(opened);
    expect(before.at(-1)?.position).toBeLessThan(CASES);

    await page.keyboard.press('Enter');
    await expect(page.locator('.case-facts')).toContainText(mrns[opened - 1] ?? '');
    await page.getByRole('button', { name: '← Caseload' }).click();
    await expect(caseloadTable(page).locator(`tbody tr[aria-rowindex="${opened + 1}"]`)).toBeFocused();
    const back = await rowsInView(page);
    expect(back.map((row) => row.position)).toContain(opened);
    expect(Math.abs((back[0]?.position ?? 0) - (before[0]?.position ?? 0))).toBeLessThanOrEqual(1);
    expectRowsInPlace(back, mrns);
    expect(await rowElementsInPage(page)).toBeLessThan(MAX_ROWS_IN_PAGE);
    await screenshot(page, 'caseload-scale-back-from-case');
  });
});
