import type { z } from 'zod';
import { mrnSchema, optionalTextSchema, personNameSchema } from '../contract/fields';
import { CASE_STATUSES, type CaseStatus } from '../domain/case';
import { EPISODE_END_REASONS, type EpisodeEndReason } from '../domain/episodes';
import type { IsoDate } from '../domain/dates';
import { LEVELS, type Level } from '../domain/levels';
import {
  CRITERIA,
  DIMENSIONS,
  MAX_WEEKLY_TREATMENT_HOURS,
  SEVERITIES,
  type CriterionName,
  type DimensionName,
  type Severity,
} from '../rules/assessment';
import { readTedsRecord, type TedsFormat, type TedsRecord } from '../teds/records';
import { IMPORT_FIELDS, type ImportKind } from './fields';
import { parseDate, type DateFormat } from './mapping';

/** One problem in one cell (or one row): where it is, what it holds, and a sentence saying what is wrong. */
export interface RowProblem {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  readonly row: number;
  readonly column: string;
  readonly value: string;
  readonly message: string;
}

export interface CaseRow {
  readonly mrn: string;
  readonly fullName: string;
  readonly dateOfBirth: IsoDate;
  readonly clinicianUsername: string | null;
  readonly program: string | null;
  readonly payer: string | null;
  /** Null when the cell is empty: a new case starts active, a stored one keeps its status. */
  readonly status: CaseStatus | null;
}

export interface AssessmentRow {
  readonly mrn: string;
  readonly assessedOn: IsoDate;
  readonly severity?: Severity;
  readonly dimensions: Partial<Record<DimensionName, number>>;
  readonly criteria: Partial<Record<CriterionName, boolean>>;
  readonly weeklyTreatmentHours?: number;
  readonly note: string | null;
  /** From a Stepwise export: the version's id, and the id of the version it amends (an older version in the same file). */
  readonly assessmentId: string | null;
  readonly amendsAssessmentId: string | null;
}

export interface EpisodeRow {
  readonly mrn: string;
  readonly level: Level;
  readonly startedOn: IsoDate;
  readonly endedOn: IsoDate | null;
  readonly endReason: EpisodeEndReason | null;
}

export type ImportRow = CaseRow | AssessmentRow | EpisodeRow | TedsRecord;
export type RowResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly RowProblem[] };

export interface RowContext {
  readonly kind: ImportKind;
  readonly headers: readonly string[];
  readonly columnOf: ReadonlyMap<string, number>;
  readonly dateFormat: DateFormat;
  readonly today: IsoDate;
  /** For TEDS-D files: the format the header names (official codes or decoded labels). */
  readonly tedsFormat?: TedsFormat;
}

const MAX_SHOWN_VALUE = 200;

/** Reads one record of the file into a row of the import's kind, or says everything wrong with it. */
export function readRow(context: RowContext, rowNumber: number, fields: readonly string[]): RowResult<ImportRow> {
  const problems: RowProblem[] = [];
  if (fields.length !== context.headers.length) {
    problems.push({
      row: rowNumber,
      column: '(row)',
      value: '',
      message: `This row has ${fields.length} field${fields.length === 1 ? '' : 's'} but the header has ${context.headers.length}; check for a missing or extra delimiter.`,
    });
    return { ok: false, problems };
  }
  const cell = new CellReader(context, rowNumber, fields, problems);
  const value = READERS[context.kind](cell);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}

class CellReader {
  constructor(
    private readonly context: RowContext,
    private readonly rowNumber: number,
    private readonly fields: readonly string[],
    private readonly problems: RowProblem[],
  ) {}

  get tedsFormat(): TedsFormat {
    return this.context.tedsFormat ?? 'coded';
  }

  get thisYear(): number {
    return Number(this.context.today.slice(0, 4));
  }

  text(key: string): string {
    const index = this.context.columnOf.get(key);
    const raw = index === undefined ? '' : (this.fields[index] ?? '').trim();
    // Stepwise's exports put an apostrophe before a cell a spreadsheet would run as a formula; read back, it goes.
    return /^'[=+\-@\t\r]/.test(raw) ? raw.slice(1) : raw;
  }

  problem(key: string, message: string): void {
    const index = this.context.columnOf.get(key);
    const label = IMPORT_FIELDS[this.context.kind].find((candidate) => candidate.key === key)?.label ?? key;
    const header = index === undefined ? label : (this.context.headers[index] ?? label);
    const characters = [...this.text(key)];
    this.problems.push({
      row: this.rowNumber,
      column: header,
      value: characters.length > MAX_SHOWN_VALUE ? `${characters.slice(0, MAX_SHOWN_VALUE).join('')}…` : characters.join(''),
      message,
    });
  }

  parsed<T>(key: string, schema: z.ZodType<T>): T | undefined {
    const result = schema.safeParse(this.text(key));
    if (result.success) return result.data;
    this.problem(key, result.error.issues[0]?.message ?? 'This value is not valid.');
    return undefined;
  }

  date(key: string, label: string, required: boolean): IsoDate | null {
    const raw = this.text(key);
    if (raw === '') {
      if (required) this.problem(key, `Enter the ${label}; it is required.`);
      return null;
    }
    const iso = parseDate(raw, this.context.dateFormat);
    if (iso === null) {
      this.problem(key, `The ${label} is not a real date written as ${DATE_EXAMPLES[this.context.dateFormat]}.`);
      return null;
    }
    if (iso > this.context.today) {
      this.problem(key, `The ${label} is in the future.`);
      return null;
    }
    return iso;
  }

  choice<T extends string>(key: string, allowed: readonly T[], what: string): T | undefined {
    const raw = this.text(key);
    if (raw === '') return undefined;
    const normalized = raw.toLowerCase().replace(/[\s_]+/g, '-');
    const found = allowed.find((option) => option === normalized);
    if (found === undefined) this.problem(key, `The ${what} must be one of: ${allowed.join(', ')}.`);
    return found;
  }
}

const DATE_EXAMPLES: Readonly<Record<DateFormat, string>> = { iso: 'YYYY-MM-DD', mdy: 'MM/DD/YYYY', dmy: 'DD/MM/YYYY' };
const TRUE_WORDS = ['true', 'yes', 'y', '1'];
const FALSE_WORDS = ['false', 'no', 'n', '0'];
// A Map, not an object: a cell reading "constructor" must not find Object.prototype.
const LEVEL_WORDS: ReadonlyMap<string, Level> = new Map<string, Level>([
  ['inpatient', 'inpatient'],
  ['residential', 'inpatient'],
  ['inpatient/residential', 'inpatient'],
  ['iop', 'iop'],
  ['intensive-outpatient', 'iop'],
  ['outpatient', 'outpatient'],
  ['op', 'outpatient'],
]);

// Built once: a schema built per row made a 100,000-row check spend its time building schemas and collecting them.
const PROGRAM_SCHEMA = optionalTextSchema('The program', 80);
const PAYER_SCHEMA = optionalTextSchema('The payer', 80);
const NOTE_SCHEMA = optionalTextSchema('The note', 500);

const READERS: Readonly<Record<ImportKind, (cell: CellReader) => ImportRow>> = {
  cases: (cell) => {
    const mrn = cell.parsed('mrn', mrnSchema) ?? '';
    const fullName = cell.parsed('name', personNameSchema) ?? '';
    const dateOfBirth = cell.date('date_of_birth', 'date of birth', true) ?? '';
    const clinician = cell.text('clinician_username');
    return {
      mrn,
      fullName,
      dateOfBirth,
      clinicianUsername: clinician === '' ? null : clinician,
      program: cell.parsed('program', PROGRAM_SCHEMA) ?? null,
      payer: cell.parsed('payer', PAYER_SCHEMA) ?? null,
      status: cell.choice('status', CASE_STATUSES, 'status') ?? null,
    };
  },
  assessments: (cell) => {
    const dimensions: Partial<Record<DimensionName, number>> = {};
    for (const name of DIMENSIONS) {
      const raw = cell.text(name);
      if (raw === '') continue;
      if (!/^[0-4]$/.test(raw))
        cell.problem(name, `The ${name} rating must be a whole number from 0 (none) to 4 (severe), or left empty if unknown.`);
      else dimensions[name] = Number(raw);
    }
    const criteria: Partial<Record<CriterionName, boolean>> = {};
    for (const name of CRITERIA) {
      const raw = cell.text(name).toLowerCase();
      if (raw === '') continue;
      if (TRUE_WORDS.includes(raw)) criteria[name] = true;
      else if (FALSE_WORDS.includes(raw)) criteria[name] = false;
      else cell.problem(name, `“${name}” must be yes or no (true/false, 1/0), or left empty if unknown.`);
    }
    const hoursText = cell.text('weekly_treatment_hours');
    let weeklyTreatmentHours: number | undefined;
    if (hoursText !== '') {
      // Plain decimals only: Number() would also read "0x10" or "1e2", which no spreadsheet means.
      const hours = /^\d+(\.\d+)?$|^\.\d+$/.test(hoursText) ? Number(hoursText) : Number.NaN;
      if (!Number.isFinite(hours) || hours > MAX_WEEKLY_TREATMENT_HOURS) {
        cell.problem('weekly_treatment_hours', `The weekly treatment hours must be a number from 0 to ${MAX_WEEKLY_TREATMENT_HOURS}.`);
      } else weeklyTreatmentHours = hours;
    }
    const severity = cell.choice('severity', SEVERITIES, 'severity');
    return {
      mrn: cell.parsed('mrn', mrnSchema) ?? '',
      assessedOn: cell.date('assessed_on', 'assessment date', true) ?? '',
      ...(severity ? { severity } : {}),
      dimensions,
      criteria,
      ...(weeklyTreatmentHours !== undefined ? { weeklyTreatmentHours } : {}),
      note: cell.parsed('note', NOTE_SCHEMA) ?? null,
      assessmentId: cell.text('assessment_id') || null,
      amendsAssessmentId: cell.text('amends_assessment_id') || null,
    };
  },
  episodes: (cell) => {
    const levelText = cell
      .text('level')
      .toLowerCase()
      .replace(/[\s_]+/g, '-');
    const level = LEVEL_WORDS.get(levelText);
    if (levelText === '') cell.problem('level', 'Enter the level of care; it is required.');
    else if (!level) cell.problem('level', `The level of care must be one of: ${LEVELS.join(', ')} (residential counts as inpatient).`);
    const startedOn = cell.date('started_on', 'start date', true);
    const endedOn = cell.date('ended_on', 'end date', false);
    const endReason = cell.choice('end_reason', EPISODE_END_REASONS, 'end reason') ?? null;
    if (startedOn && endedOn && endedOn < startedOn) cell.problem('ended_on', 'The end date is before the start date.');
    if (endedOn && !endReason && cell.text('end_reason') === '') cell.problem('end_reason', 'An episode with an end date needs an end reason.');
    if (!endedOn && endReason && cell.text('ended_on') === '') cell.problem('ended_on', 'An episode with an end reason needs an end date.');
    return { mrn: cell.parsed('mrn', mrnSchema) ?? '', level: level ?? 'outpatient', startedOn: startedOn ?? '', endedOn, endReason };
  },
  'teds-d': (cell) => readTedsRecord(cell.tedsFormat, cell, cell.thisYear),
};
