import type { ImportSummary } from '../../shared/contract/imports';
import type { Episode } from '../../shared/domain/episodes';
import type { ImportKind } from '../../shared/import/fields';
import { columnIndexByField, type ColumnTarget, type DateFormat } from '../../shared/import/mapping';
import { readRow, type ImportRow, type RowContext, type RowProblem } from '../../shared/import/rows';
import type { TedsFormat, TedsRecord } from '../../shared/teds/records';
import type { NewAssessmentRow } from '../repositories/assessmentsRepository';
import type { NewCaseRow } from '../repositories/casesRepository';
import { casesByMrn, type ExistingCase } from '../repositories/importRepository';
import type { ServiceContext } from '../services/context';
import { assessmentChecker } from './checkAssessments';
import { caseChecker } from './checkCases';
import { episodeChecker } from './checkEpisodes';
import type { CsvRecord } from './csvFile';
import { CasesToCreate, type ListedCases } from './casesToCreate';
import { retroChecker, type RetroPlan } from './planRetro';

export const EXISTING_POLICIES = ['update', 'skip', 'stop'] as const;
export type ExistingPolicy = (typeof EXISTING_POLICIES)[number];
/** Problems kept for the report and its CSV; beyond this they are counted, so a bad 1,000,000-row file cannot exhaust memory. */
export const MAX_PROBLEMS_KEPT = 50_000;

export interface ImportOptions {
  readonly kind: ImportKind;
  readonly headers: readonly string[];
  readonly columns: readonly ColumnTarget[];
  readonly dateFormat: DateFormat;
  readonly existing: ExistingPolicy;
  /** TEDS-D files: the format the header names; null for the other kinds. */
  readonly tedsFormat: TedsFormat | null;
  readonly fileName: string;
}

export interface CaseUpdate {
  readonly caseId: string;
  readonly patch: Partial<Pick<NewCaseRow, 'full_name' | 'date_of_birth' | 'clinician_id' | 'program' | 'payer'>>;
}

/** Everything an import would write, and everything wrong with the file; nothing is written while it is built. */
export interface ImportPlan {
  /** The first MAX_PROBLEMS_KEPT problems; `problemCount` and `rowsWithProblems` count them all. */
  readonly problems: RowProblem[];
  problemCount: number;
  readonly rowsWithProblems: Set<number>;
  readonly newCases: CasesToCreate;
  readonly caseUpdates: CaseUpdate[];
  readonly newAssessments: NewAssessmentRow[];
  readonly newEpisodes: (Episode & { readonly caseId: string })[];
  /** Cases whose derived caseload columns must be recomputed after the write. */
  readonly touchedCaseIds: Set<string>;
  rows: number;
  unchanged: number;
  /** Rows whose MRN (cases) or MRN and date (assessments) already exist with other values. */
  existing: number;
  skipped: number;
  /** TEDS-D imports: the retrospective records to add or replace; null for the other kinds. */
  retro: RetroPlan | null;
}

/** Problems name the column as the file's header calls it. */
export type ProblemAt = (row: number, key: string, value: string, message: string) => void;

/** What each kind's checker gets: the plan to fill, the options, every case by its MRN's key, and a way to report a problem. */
export interface CheckerInput {
  readonly ctx: ServiceContext;
  readonly plan: ImportPlan;
  readonly options: ImportOptions;
  readonly cases: ReadonlyMap<string, ExistingCase>;
  readonly problem: ProblemAt;
}

export interface RowChecker {
  row(rowNumber: number, value: unknown): void;
  finish?(): void;
}

/** MRNs are unique regardless of letter case (the database compares them NOCASE), so lookups use this key. */
export const mrnKey = (mrn: string): string => mrn.toUpperCase();

export function emptyPlan(): ImportPlan {
  return {
    problems: [],
    problemCount: 0,
    rowsWithProblems: new Set(),
    newCases: new CasesToCreate(),
    caseUpdates: [],
    newAssessments: [],
    newEpisodes: [],
    touchedCaseIds: new Set(),
    rows: 0,
    unchanged: 0,
    existing: 0,
    skipped: 0,
    retro: null,
  };
}

function keepProblem(plan: ImportPlan, problem: RowProblem): void {
  plan.problemCount += 1;
  plan.rowsWithProblems.add(problem.row);
  if (plan.problems.length < MAX_PROBLEMS_KEPT) plan.problems.push(problem);
}

/** A row whose cells passed the checks, kept from the check so the import does not read the file into rows again. */
export interface CheckedRow {
  readonly row: number;
  readonly value: ImportRow;
}

export interface PlanBuilder {
  /** Reads a record into a row and checks it; returns the row when its cells are valid. */
  add(record: CsvRecord): CheckedRow | null;
  /** A row read by the check of the same bytes: only the checks against the stored records run again. */
  replay(checked: CheckedRow): void;
  /** True while no row has a problem. */
  clean(): boolean;
  finish(): ImportPlan;
}

/** Loads what the rows are checked against (existing cases, clinicians, assessments, episodes) once, then checks rows one by one. */
export async function startPlan(ctx: ServiceContext, options: ImportOptions): Promise<PlanBuilder> {
  const plan = emptyPlan();
  const rowContext: RowContext = {
    kind: options.kind,
    headers: options.headers,
    columnOf: columnIndexByField(options.columns),
    dateFormat: options.dateFormat,
    today: ctx.clock.today(),
    ...(options.tedsFormat ? { tedsFormat: options.tedsFormat } : {}),
  };
  const problem: ProblemAt = (row, key, value, message) =>
    keepProblem(plan, { row, column: options.headers[rowContext.columnOf.get(key) ?? -1] ?? key, value, message });
  if (options.kind === 'teds-d') {
    const retro = await retroChecker(ctx, { format: options.tedsFormat ?? 'coded', fileName: options.fileName }, plan, problem);
    plan.retro = retro.plan;
    return builderFor(plan, rowContext, { row: (rowNumber, value) => retro.row(rowNumber, value as TedsRecord), finish: () => retro.finish() });
  }
  const stored = await casesByMrn(ctx.db);
  const cases = new Map([...stored].map(([mrn, found]) => [mrnKey(mrn), found]));
  const input: CheckerInput = { ctx, plan, options, cases, problem };
  const check =
    options.kind === 'cases'
      ? await caseChecker(input)
      : options.kind === 'assessments'
        ? await assessmentChecker(input)
        : await episodeChecker(input);
  return builderFor(plan, rowContext, check);
}

function builderFor(plan: ImportPlan, rowContext: RowContext, check: RowChecker): PlanBuilder {
  return {
    add(record) {
      plan.rows += 1;
      const result = readRow(rowContext, record.row, record.fields);
      if (!result.ok) {
        for (const found of result.problems) keepProblem(plan, found);
        return null;
      }
      check.row(record.row, result.value);
      return { row: record.row, value: result.value };
    },
    replay(checked) {
      plan.rows += 1;
      check.row(checked.row, checked.value);
    },
    clean: () => plan.problemCount === 0,
    finish() {
      check.finish?.();
      // Checks that need the whole file report after the row checks; the report reads in row order.
      plan.problems.sort((a, b) => a.row - b.row);
      return plan;
    },
  };
}

/**
 * A clean cases import's plan as plain data, small enough to keep between the check and the import (the rows stay in
 * the check's store): which rows become cases, which cases change, and the counts. Null for the other kinds, whose
 * plans hold whole records.
 */
export interface CasesPlan {
  readonly newCases: ListedCases;
  readonly caseUpdates: readonly CaseUpdate[];
  readonly rows: number;
  readonly unchanged: number;
  readonly existing: number;
  readonly skipped: number;
}

export function casesPlanOf(plan: ImportPlan): CasesPlan | null {
  const onlyCases =
    plan.problemCount === 0 &&
    plan.newAssessments.length === 0 &&
    plan.newEpisodes.length === 0 &&
    plan.touchedCaseIds.size === 0 &&
    plan.retro === null;
  if (!onlyCases) return null;
  const { rows, unchanged, existing, skipped } = plan;
  return { newCases: plan.newCases.listed(), caseUpdates: plan.caseUpdates, rows, unchanged, existing, skipped };
}

export function planOfCases(cases: CasesPlan): ImportPlan {
  const { rows, unchanged, existing, skipped } = cases;
  return { ...emptyPlan(), newCases: CasesToCreate.of(cases.newCases), caseUpdates: [...cases.caseUpdates], rows, unchanged, existing, skipped };
}

export function summarize(plan: ImportPlan): Omit<ImportSummary, 'problems'> {
  return {
    rows: plan.rows,
    problemCount: plan.problemCount,
    rowsWithProblems: plan.rowsWithProblems.size,
    create:
      plan.newCases.size +
      plan.newAssessments.filter((row) => row.amendsId === null).length +
      plan.newEpisodes.length +
      (plan.retro?.newRecords.length ?? 0),
    update: plan.caseUpdates.length + plan.newAssessments.filter((row) => row.amendsId !== null).length,
    unchanged: plan.unchanged,
    existing: plan.existing,
    skipped: plan.skipped,
  };
}
