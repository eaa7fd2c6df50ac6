import fs from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import type { TestCore } from '../../support/testCore';

/** Writes a CSV fixture exactly as given (BOM, line endings and all) and returns its path. */
export function writeCsv(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** A cases file of `rows` rows, as a spreadsheet would save it: header, CRLF, a quoted comma in every tenth name. */
export function generatedCases(rows: number): string {
  const lines = ['MRN,Name,Date of birth,Program'];
  for (let row = 1; row <= rows; row += 1) {
    const day = String((row % 28) + 1).padStart(2, '0');
    const month = String((row % 12) + 1).padStart(2, '0');
    const name = row % 10 === 0 ? `"Patient, Number ${row}"` : `Patient Number ${row}`;
    lines.push(`G-${String(row).padStart(6, '0')},${name},19${50 + (row % 50)}-${month}-${day},Site ${row % 7}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Opens the import screen from the main menu. */
export async function openImportScreen(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Import', level: 1 })).toBeVisible();
}

/** Says which file the open dialog returns, then picks the kind and clicks "Choose a CSV file…". */
export async function chooseFile(page: Page, core: TestCore, kind: 'Cases' | 'Assessments' | 'Episodes of care', file: string | null): Promise<void> {
  core.chooseImportFile(file);
  await page.getByRole('radio', { name: kind, exact: true }).check();
  await page.getByRole('button', { name: 'Choose a CSV file…' }).click();
}

/** The mapping table's rows as { header, field, status }: what the person sees for each column of the file. */
export async function mappingRows(page: Page): Promise<{ header: string; field: string; status: string }[]> {
  const table = page.getByRole('table', { name: /and the Stepwise field each one fills/ });
  const rows = table.locator('tbody tr');
  const count = await rows.count();
  const result: { header: string; field: string; status: string }[] = [];
  for (let index = 0; index < count; index += 1) {
    const row = rows.nth(index);
    result.push({
      header: (await row.getByRole('rowheader').innerText()).trim(),
      field: await row.getByRole('combobox').evaluate((select) => {
        const element = select as HTMLSelectElement;
        return element.selectedOptions[0]?.textContent ?? '';
      }),
      status: (await row.locator('td').last().innerText()).trim(),
    });
  }
  return result;
}

/** The value of the progress bar now (0 while it has none). */
export async function progressValue(bar: Locator): Promise<number> {
  return bar.evaluate((element) => (element instanceof HTMLProgressElement && element.hasAttribute('value') ? element.value : 0));
}
