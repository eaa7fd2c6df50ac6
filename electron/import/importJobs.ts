import type { ImportChoices, ImportProgress, ImportResult } from '../../shared/contract/imports';
import type { RowProblem } from '../../shared/import/rows';
import { appendAuditEvent } from '../audit/auditLog';
import { saveMapping } from '../repositories/importRepository';
import { actorOf } from '../services/actor';
import type { ServiceContext } from '../services/context';
import { DomainError } from '../services/errors';
import { checkFile, confirmCheckedFile, recheckRows, type CheckedFile, type ImportWatch } from './checkFile';
import { IDLE, type ImportSource } from './importSessions';
import { reportOf, sameCounts, signatureKey, type ImportCounts, type ReportedCounts } from './importReport';
import { casesPlanOf, planOfCases, summarize, type CasesPlan, type CheckedRow } from './planImport';
import { RowStore, type SharedRows } from './rowStore';
import { writePlan } from './writePlan';

export interface ImportCheckInput {
  readonly source: ImportSource;
  readonly choices: ImportChoices;
}

export interface ImportCheckOutput {
  readonly counts: ImportCounts;
  /** The first problems found (planImport's MAX_PROBLEMS_KEPT); `counts` counts them all. */
  readonly problems: readonly RowProblem[];
  readonly sha256: string;
  /** The rows read, in shared memory, while no row had a problem; null otherwise. */
  readonly rows: SharedRows | null;
  /** A clean cases import's plan, for an import made before anything else is written; null otherwise. */
  readonly casesPlan: CasesPlan | null;
}

/** Checks every row of the file against the mapping and the records (one snapshot of them), writing nothing. */
export async function checkImportFile(ctx: ServiceContext, input: ImportCheckInput, watch: ImportWatch): Promise<ImportCheckOutput> {
  const { plan, sha256, rows } = await checkFile(ctx, input.source, input.choices, watch);
  return {
    counts: summarize(plan),
    problems: plan.problems,
    sha256,
    rows: rows?.shared() ?? null,
    casesPlan: rows === null ? null : casesPlanOf(plan),
  };
}

export interface ImportCommitInput {
  readonly source: ImportSource;
  readonly choices: ImportChoices;
  /** What the person confirmed: the check's file digest and day, and the counts it reported. */
  readonly checked: CheckedFile & { readonly counts: ReportedCounts };
  readonly rows: SharedRows;
  /**
   * The check's plan, when nothing has been written to the database since the check began (electron/db/changeStamp.ts):
   * checking the rows again against the same records would find the same. Null: they are checked again.
   */
  readonly casesPlan: CasesPlan | null;
}

export interface ImportCommitOutput {
  readonly result: ImportResult;
  /** Whether the write held its connection's automatic checkpoints, leaving the log for a background checkpoint. */
  readonly heldCheckpoints: boolean;
}

/**
 * The whole import in the caller's one transaction: every row checked again against the records as they are now
 * (unless nothing was written since the check), then written, the mapping saved for the next file from this source, and the import audited. Any problem, a changed
 * file or Cancel throws, and the transaction leaves the database as it was.
 */
export async function commitImportFile(ctx: ServiceContext, input: ImportCommitInput, watch: ImportWatch): Promise<ImportCommitOutput> {
  const { source, choices, checked } = input;
  let last: ImportProgress = IDLE;
  const tracked: ImportWatch = {
    signal: watch.signal,
    report: (progress) => {
      last = progress;
      watch.report(progress);
    },
  };
  const rows = RowStore.fromShared<CheckedRow>(input.rows);
  const progress = await confirmCheckedFile(ctx, source, checked, tracked);
  const plan = input.casesPlan ? planOfCases(input.casesPlan) : await recheckRows(ctx, source, choices, rows, tracked, progress);
  const report = reportOf(source.kind, source.headers, choices, summarize(plan), plan.problems);
  if (report.blockers.length > 0) {
    throw new DomainError('conflict', `The records changed since the check: ${report.blockers[0] ?? ''} Nothing was imported.`);
  }
  // The person confirmed what the check reported; if the records moved since (a case created meanwhile), they confirm again.
  if (!sameCounts(report, checked.counts)) {
    throw new DomainError(
      'conflict',
      'The records changed since the check, so the import would not do what it reported. Check the file again. Nothing was imported.',
    );
  }
  const { heldCheckpoints } = await writePlan(ctx, plan, {
    fileSha256: checked.sha256,
    checkedRows: rows,
    signal: watch.signal,
    onWritten: (written, toWrite) => tracked.report({ ...last, phase: 'writing', written, toWrite }),
  });
  const actor = actorOf(ctx);
  const now = ctx.clock.now().toISOString();
  await saveMapping(ctx.db, signatureKey(source.kind, source.headers), { columns: choices.columns, dateFormat: choices.dateFormat }, actor.id, now);
  const { rows: rowCount, problemCount, rowsWithProblems, create, update, unchanged, existing, skipped } = report;
  // Audited in the import's own transaction: the records and the log entry about them land together or not at all.
  await appendAuditEvent(ctx.db, {
    at: now,
    userId: actor.id,
    username: actor.username,
    action: 'import',
    recordType: null,
    recordId: null,
    details: { created: create, updated: update, unchanged, skipped },
  });
  return {
    result: { rows: rowCount, problemCount, rowsWithProblems, create, update, unchanged, existing, skipped },
    heldCheckpoints,
  };
}
