import { ASSESSMENT_CSV_COLUMNS, CASE_CSV_COLUMNS, EPISODE_CSV_COLUMNS } from '../domain/csvColumns';
import { IMPORT_FIELDS, normalizeHeader, type ImportField, type ImportKind } from './fields';

/** What each column of the file fills: a field's key, IGNORE_COLUMN, or UNMATCHED until the person decides. */
export type ColumnTarget = string;
export const IGNORE_COLUMN = '(ignore)';
export const UNMATCHED = '';

export const DATE_FORMATS = ['iso', 'mdy', 'dmy'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];
export const DATE_FORMAT_LABELS: Readonly<Record<DateFormat, string>> = {
  iso: 'YYYY-MM-DD (2026-03-01)',
  mdy: 'MM/DD/YYYY (03/01/2026)',
  dmy: 'DD/MM/YYYY (01/03/2026)',
};

export interface MappingProblem {
  /** 1-based column number, or null for a problem of the mapping as a whole. */
  readonly column: number | null;
  readonly message: string;
}

function fieldMatching(kind: ImportKind, header: string): ImportField | undefined {
  const normalized = normalizeHeader(header);
  if (normalized === '') return undefined;
  return IMPORT_FIELDS[kind].find(
    (candidate) => normalizeHeader(candidate.key) === normalized || candidate.aliases.some((alias) => normalizeHeader(alias) === normalized),
  );
}

const EXPORTED_COLUMNS: Readonly<Record<ImportKind, readonly string[]>> = {
  cases: CASE_CSV_COLUMNS,
  assessments: ASSESSMENT_CSV_COLUMNS,
  episodes: EPISODE_CSV_COLUMNS,
  'teds-d': [],
};

/** Columns Stepwise's own exports derive (a recommendation, a level read from the episodes): read back, they are ignored. */
function isDerivedExportColumn(kind: ImportKind, header: string): boolean {
  const normalized = normalizeHeader(header);
  return EXPORTED_COLUMNS[kind].some((column) => normalizeHeader(column) === normalized);
}

/** Matches each header to a field by name; a field goes to the first column that names it, later ones stay unmatched. */
export function autoMatchColumns(kind: ImportKind, headers: readonly string[]): ColumnTarget[] {
  const taken = new Set<string>();
  return headers.map((header) => {
    const found = fieldMatching(kind, header);
    // A TEDS file has about 70 columns and the review keeps only the few it uses: the rest are ignored, not asked about.
    if (!found) return kind === 'teds-d' || isDerivedExportColumn(kind, header) ? IGNORE_COLUMN : UNMATCHED;
    if (taken.has(found.key)) return UNMATCHED;
    taken.add(found.key);
    return found.key;
  });
}

/** A mapping saved for this kind of file is reused only if it still fits the file's columns. */
export function reuseSavedColumns(kind: ImportKind, headers: readonly string[], saved: readonly ColumnTarget[] | undefined): ColumnTarget[] | null {
  if (!saved || saved.length !== headers.length) return null;
  return mappingProblems(kind, headers, saved).length === 0 ? [...saved] : null;
}

function columnName(headers: readonly string[], index: number): string {
  const header = headers[index]?.trim() ?? '';
  return header === '' ? `column ${index + 1}` : `column ${index + 1} “${header.slice(0, 60)}”`;
}

/** Everything that stops a mapping from being used, as sentences; empty when every column is decided. */
export function mappingProblems(kind: ImportKind, headers: readonly string[], columns: readonly ColumnTarget[]): MappingProblem[] {
  const fields = IMPORT_FIELDS[kind];
  const problems: MappingProblem[] = [];
  if (columns.length !== headers.length) {
    return [{ column: null, message: `The mapping has ${columns.length} columns but the file has ${headers.length}.` }];
  }
  const firstColumnOf = new Map<string, number>();
  columns.forEach((target, index) => {
    if (target === IGNORE_COLUMN) return;
    const name = columnName(headers, index);
    if (target === UNMATCHED) {
      problems.push({ column: index + 1, message: `The ${name} matches no Stepwise field. Choose the field it holds, or “Ignore this column”.` });
      return;
    }
    const known = fields.find((candidate) => candidate.key === target);
    if (!known) {
      problems.push({ column: index + 1, message: `The ${name} is mapped to “${target}”, which is not a field of ${kind}.` });
      return;
    }
    const earlier = firstColumnOf.get(target);
    if (earlier !== undefined) {
      problems.push({
        column: index + 1,
        message: `The ${name} and the ${columnName(headers, earlier)} both fill “${known.label}”. Ignore one of them.`,
      });
      return;
    }
    firstColumnOf.set(target, index);
  });
  for (const required of fields.filter((candidate) => candidate.required)) {
    if (!firstColumnOf.has(required.key))
      problems.push({ column: null, message: `No column is mapped to “${required.label}”, which every row needs.` });
  }
  return problems;
}

/** The column index for each mapped field key. */
export function columnIndexByField(columns: readonly ColumnTarget[]): ReadonlyMap<string, number> {
  const byField = new Map<string, number>();
  columns.forEach((target, index) => {
    if (target !== IGNORE_COLUMN && target !== UNMATCHED && !byField.has(target)) byField.set(target, index);
  });
  return byField;
}

/** Names a file's layout independently of its name: mappings are saved per source, and a source is its set of headers. */
export function sourceSignature(kind: ImportKind, headers: readonly string[]): string {
  return `${kind}:${headers.map(normalizeHeader).join('|')}`;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const SLASHED = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;

/** Reads a date written in the chosen format as an ISO date, or null when it is not a real date in that format. */
export function parseDate(text: string, format: DateFormat): string | null {
  const value = text.trim();
  let year: number;
  let month: number;
  let day: number;
  if (format === 'iso') {
    const match = ISO.exec(value);
    if (!match) return null;
    [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    const match = SLASHED.exec(value);
    if (!match) return null;
    const first = Number(match[1]);
    const second = Number(match[3]);
    year = Number(match[4]);
    [month, day] = format === 'mdy' ? [first, second] : [second, first];
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Suggests the date format from sample values; ambiguous slashed dates (both parts ≤ 12) fall back to month first. */
export function suggestDateFormat(samples: readonly string[]): DateFormat {
  const values = samples.map((sample) => sample.trim()).filter((sample) => sample !== '');
  if (values.length === 0 || values.every((value) => ISO.test(value))) return 'iso';
  const slashed = values.map((value) => SLASHED.exec(value)).filter((match): match is RegExpExecArray => match !== null);
  if (slashed.some((match) => Number(match[1]) > 12)) return 'dmy';
  return slashed.length > 0 ? 'mdy' : 'iso';
}
