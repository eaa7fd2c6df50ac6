import { REDISCLOSURE_NOTICE } from '../domain/confidentiality';
import { FORMULA_TRIGGERS } from '../domain/csvColumns';

/** What a CSV cell may be given: text, a number, a yes/no answer, or nothing (an empty cell). */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * A spreadsheet opening the file must never run a cell as a formula (CSV injection): free text that starts with
 * = + - @, a tab or a carriage return gets a leading apostrophe, which spreadsheets show as text.
 */
export function neutralizeFormula(text: string): string {
  return FORMULA_TRIGGERS.some((trigger) => text.startsWith(trigger)) ? `'${text}` : text;
}

/** Yes/no for answers, plain digits for numbers, an empty cell for nothing; text is guarded against formulas. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return neutralizeFormula(value);
}

/**
 * A whole CSV file as rows of cells: the 42 CFR part 2 notice alone on the first line, the header row, then one
 * row per record with the cells in header order.
 */
export function csvDocument<C extends string>(columns: readonly C[], records: readonly Readonly<Record<C, CsvValue>>[]): string[][] {
  return [[REDISCLOSURE_NOTICE], [...columns], ...records.map((record) => columns.map((column) => csvCell(record[column])))];
}
