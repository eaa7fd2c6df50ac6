import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** The caseload table, scrolled and virtualized: only the rows near the view exist in the page. */
export function caseloadTable(page: Page): Locator {
  return page.getByRole('table', { name: 'Caseload' });
}

/** The case rows in the page now (the spacers standing in for rows out of view are left out). */
export function caseRows(page: Page): Locator {
  return caseloadTable(page).locator('tbody tr[aria-rowindex]');
}

export function caseloadScroller(page: Page): Locator {
  return page.locator('.table-scroll');
}

/** Waits until the caseload reports this many matching cases, to screen readers as well, and has settled on them. */
export async function expectCaseTotal(page: Page, total: number): Promise<void> {
  const shown = await page.evaluate((count) => new Intl.NumberFormat().format(count), total);
  await expect(page.locator('.caseload-count')).toHaveText(new RegExp(`^${shown} cases?( ·|$)`));
  await expect(caseloadTable(page)).toHaveAttribute('aria-rowcount', String(total + 1));
  await expect(caseloadScroller(page)).toHaveAttribute('aria-busy', 'false');
}

/** A case row as read on screen: its place in the whole caseload (1 is the first case) and its cells' text. */
export interface ShownCaseRow {
  readonly position: number;
  readonly cells: readonly string[];
}

/**
 * The rows visible in the caseload's scroll area once they have all arrived, fill it without a gap and stay put
 * between two looks: until then (rows loading, the page not yet redrawn after a scroll, rows just measured moving
 * the list) this keeps waiting.
 */
export async function rowsInView(page: Page): Promise<ShownCaseRow[]> {
  let rows: ShownCaseRow[] = [];
  let lastLook = '';
  await expect(async () => {
    const seen = await caseloadScroller(page).evaluate((scroller) => {
      const view = scroller.getBoundingClientRect();
      const headerBottom = scroller.querySelector('thead th')?.getBoundingClientRect().bottom ?? view.top;
      const rowCount = Number(scroller.querySelector('table')?.getAttribute('aria-rowcount')) - 1;
      const visible = Array.from(scroller.querySelectorAll<HTMLTableRowElement>('tbody tr[aria-rowindex]')).filter((row) => {
        const box = row.getBoundingClientRect();
        return box.bottom > headerBottom + 1 && box.top < view.bottom - 1;
      });
      const positions = visible.map((row) => Number(row.getAttribute('aria-rowindex')) - 1);
      const first = visible[0]?.getBoundingClientRect();
      const last = visible.at(-1)?.getBoundingClientRect();
      const gapless = positions.every((position, index) => index === 0 || position === (positions[index - 1] ?? 0) + 1);
      const filled =
        first !== undefined &&
        last !== undefined &&
        first.top <= headerBottom + 1 &&
        (last.bottom >= view.bottom - 2 || positions.at(-1) === rowCount);
      const loading = visible.some((row) => row.classList.contains('case-row-pending'));
      return {
        settled: gapless && filled && !loading && scroller.getAttribute('aria-busy') === 'false',
        scrollTop: scroller.scrollTop,
        rows: visible.map((row, index) => ({ position: positions[index] ?? 0, cells: Array.from(row.cells).map((cell) => cell.innerText.trim()) })),
      };
    });
    const look = JSON.stringify([seen.scrollTop, seen.rows]);
    const unchanged = look === lastLook;
    lastLook = look;
    expect(seen.settled && unchanged, 'the rows in view have all arrived, fill the view and stay put').toBe(true);
    rows = seen.rows;
  }).toPass();
  return rows;
}

/** Scrolls the caseload's own scroll area to this offset, or to the end. */
export async function scrollCaseloadTo(page: Page, to: number | 'end'): Promise<void> {
  await caseloadScroller(page).evaluate((scroller, offset) => {
    scroller.scrollTop = offset === 'end' ? scroller.scrollHeight : offset;
  }, to);
}

/**
 * Every case in the list, read by scrolling from the top to the bottom a screen at a time: for checking that
 * each case a filter lets through matches it, and that every row can be reached.
 */
export async function readWholeCaseload(page: Page): Promise<ShownCaseRow[]> {
  const byPosition = new Map<number, ShownCaseRow>();
  await scrollCaseloadTo(page, 0);
  for (;;) {
    const inView = await rowsInView(page);
    for (const row of inView) byPosition.set(row.position, row);
    const last = inView.at(-1)?.position ?? 0;
    // The last row seen goes to just below the header, so the next screen starts where this one ended.
    const moved = await caseloadScroller(page).evaluate((scroller, rowIndex) => {
      const before = scroller.scrollTop;
      const row = scroller.querySelector(`tbody tr[aria-rowindex="${rowIndex}"]`);
      const headerBottom = scroller.querySelector('thead th')?.getBoundingClientRect().bottom ?? 0;
      if (row) scroller.scrollTop += Math.max(1, row.getBoundingClientRect().top - headerBottom);
      return scroller.scrollTop > before;
    }, last + 1);
    if (!moved) break;
  }
  return [...byPosition.values()].sort((a, b) => a.position - b.position);
}

/** One column of every case in the list, in order. */
export async function wholeColumn(page: Page, column: number): Promise<string[]> {
  return (await readWholeCaseload(page)).map((row) => row.cells[column] ?? '');
}
