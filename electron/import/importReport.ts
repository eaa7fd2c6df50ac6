import { createHash } from 'node:crypto';
import { MAX_PROBLEMS_SHOWN, type ImportChoices, type ImportReport, type ImportSummary } from '../../shared/contract/imports';
import type { ImportKind } from '../../shared/import/fields';
import { mappingProblems, sourceSignature } from '../../shared/import/mapping';
import type { RowProblem } from '../../shared/import/rows';

export type ImportCounts = Omit<ImportSummary, 'problems'>;

/** What the check found, as the person reads it: the counts, the problems shown, and why it cannot be imported yet. */
export function reportOf(
  kind: ImportKind,
  headers: readonly string[],
  choices: ImportChoices,
  summary: ImportCounts,
  problems: readonly RowProblem[],
): ImportReport {
  const columnProblems = mappingProblems(kind, headers, choices.columns);
  const blockers: string[] = [];
  if (columnProblems.length > 0) blockers.push('Every column needs a field or “Ignore this column”.');
  if (summary.problemCount > 0) {
    blockers.push(
      `${summary.rowsWithProblems} row${summary.rowsWithProblems === 1 ? ' has' : 's have'} problems. Correct the file and check it again: Stepwise imports all rows or none.`,
    );
  }
  if (choices.existing === 'stop' && summary.existing > 0) {
    blockers.push(
      `${summary.existing} row${summary.existing === 1 ? '' : 's'} would change records that already exist, and you chose to stop in that case.`,
    );
  }
  if (summary.rows === 0) blockers.push('The file has no rows of data.');
  if (summary.create + summary.update === 0 && blockers.length === 0)
    blockers.push('Everything in this file is already in Stepwise; importing it would change nothing.');
  return { ...summary, problems: problems.slice(0, MAX_PROBLEMS_SHOWN), mappingProblems: columnProblems, blockers };
}

const COUNTED = ['rows', 'create', 'update', 'unchanged', 'existing', 'skipped'] as const;
export type ReportedCounts = Pick<ImportReport, (typeof COUNTED)[number]>;

export const reportedCounts = (report: ImportReport): ReportedCounts =>
  Object.fromEntries(COUNTED.map((key) => [key, report[key]])) as ReportedCounts;

export const sameCounts = (a: ReportedCounts, b: ReportedCounts): boolean => COUNTED.every((key) => a[key] === b[key]);

/** A source is known by its kind and its headers; hashed so a long header row makes a short settings key. */
export function signatureKey(kind: ImportKind, headers: readonly string[]): string {
  return `${kind}:${createHash('sha256').update(sourceSignature(kind, headers)).digest('hex').slice(0, 32)}`;
}
