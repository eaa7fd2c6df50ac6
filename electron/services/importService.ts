import path from 'node:path';
import { REDISCLOSURE_NOTICE } from '../../shared/domain/confidentiality';
import type { DisclosureDetails } from '../../shared/contract/disclosures';
import { type ImportChoices, type ImportFile, type ImportProgress, type ImportReport, type ImportResult } from '../../shared/contract/imports';
import { IMPORT_FIELDS, type ImportKind } from '../../shared/import/fields';
import {
  autoMatchColumns,
  columnIndexByField,
  DATE_FORMATS,
  mappingProblems,
  reuseSavedColumns,
  suggestDateFormat,
  type DateFormat,
} from '../../shared/import/mapping';
import { detectTedsFormat, type TedsFormat } from '../../shared/teds/records';
import { DELIMITER_NAMES, isNoticeRecord, readCsvRecords, sniffFile, type CsvRecord } from '../import/csvFile';
import { IDLE, type ImportSession, type ImportSessions, type ImportSource } from '../import/importSessions';
import { reportedCounts, reportOf, signatureKey } from '../import/importReport';
import { emptyPlan, summarize } from '../import/planImport';
import { holdAutomaticCheckpoints } from '../db/walCheckpoint';
import { changeStamp, sameStamp } from '../db/changeStamp';
import type { JobRunner } from '../jobs/jobRunner';
import type { JobInput, JobOutput } from '../jobs/jobs';
import { runJobFor } from '../jobs/jobTarget';
import type { Vault } from '../core/vault';
import { readSavedMapping } from '../repositories/importRepository';
import { hasAnyRole } from '../../shared/domain/roles';
import { actorOf } from './actor';
import type { ServiceContext } from './context';
import { DomainError } from './errors';
import { stringify } from 'csv-stringify/sync';

export interface ImportContext extends ServiceContext {
  readonly imports: ImportSessions;
  /** Checking and importing run on worker threads, on connections of their own to the vault's database. */
  readonly jobs: JobRunner;
  readonly vault: Vault;
}

const PREVIEW_ROWS = 5;

const notFound = () =>
  new DomainError('not_found', 'This import is no longer open (Stepwise was locked or restarted). Choose the file again.', [
    { path: 'importId', message: 'Choose the file again.' },
  ]);

function sessionFor(ctx: ImportContext, importId: string): ImportSession {
  const found = ctx.imports.get(importId);
  if (!found || found.ownerSessionId !== ctx.sessionId) throw notFound();
  requireImporterOf(ctx, found.kind);
  return found;
}

const CLINICAL_KINDS: readonly ImportKind[] = ['cases', 'assessments', 'episodes'];

/** Imported records are the same records the forms write, so importing them needs the role that writes them by hand. */
function requireImporterOf(ctx: ImportContext, kind: ImportKind): void {
  if (CLINICAL_KINDS.includes(kind) && !hasAnyRole(actorOf(ctx).roles, ['supervisor'])) {
    throw new DomainError(
      'forbidden',
      'Importing cases, assessments or episodes needs the supervisor role, as entering them by hand does. Nothing was read.',
    );
  }
}

/** Reads the header and the first rows of a chosen file, and suggests a mapping: the saved one for this source, or one matched by name. */
export async function openImport(ctx: ImportContext, kind: ImportKind, file: string): Promise<ImportFile> {
  const owner = ctx.sessionId;
  if (!owner) throw notFound();
  requireImporterOf(ctx, kind);
  const { delimiter, identity } = sniffFile(file);
  const records: CsvRecord[] = [];
  await readCsvRecords(file, { delimiter: delimiter ?? ',', limit: PREVIEW_ROWS + 2 }, (record) => {
    records.push(record);
  });
  if (records[0] && isNoticeRecord(records[0].fields)) records.shift();
  const [header, ...rest] = records;
  const preview = rest.slice(0, PREVIEW_ROWS);
  if (!header) throw new DomainError('invalid_input', 'The file holds only blank lines. Choose a CSV file with a header row.');
  const headers = header.fields.map((cell) => cell.trim());
  const tedsFormat = kind === 'teds-d' ? tedsFormatOf(headers) : null;
  const matched = autoMatchColumns(kind, headers);
  if (matched.every((target) => target === '')) {
    const expected = IMPORT_FIELDS[kind]
      .filter((field) => field.required)
      .map((field) => field.key)
      .join(', ');
    const hint =
      delimiter === null
        ? ' Only one column was found: the first line has no comma, semicolon or tab between columns. Save the file as CSV with commas or semicolons.'
        : '';
    throw new DomainError(
      'invalid_input',
      `The first row does not name any column Stepwise knows for ${kind} (such as ${expected}), so the file seems to have no header row.${hint} Add a header row and choose the file again.`,
      [{ path: 'file', message: 'No header row.' }],
    );
  }
  if (preview.length === 0) throw new DomainError('invalid_input', 'The file has a header row but no rows of data. Nothing was imported.');
  const saved = await readSavedMapping(ctx.db, signatureKey(kind, headers));
  const savedColumns = isSavedMapping(saved) ? reuseSavedColumns(kind, headers, saved.columns) : null;
  const columns = savedColumns ?? matched;
  const dateColumns = IMPORT_FIELDS[kind].filter((field) => /date|_on$|birth/.test(field.key)).map((field) => field.key);
  const byField = columnIndexByField(columns);
  const dateSamples = preview.flatMap((row) => dateColumns.map((key) => row.fields[byField.get(key) ?? -1] ?? ''));
  ctx.imports.keepOnly(owner);
  // The check follows while the person looks over the columns: its worker loads meanwhile.
  ctx.jobs.prepare();
  const id = ctx.newId();
  ctx.imports.add({
    id,
    ownerSessionId: owner,
    kind,
    file,
    fileName: path.basename(file),
    delimiter: delimiter ?? ',',
    headers,
    headerRow: header.row,
    tedsFormat,
    progress: IDLE,
    running: null,
    checked: null,
  });
  return {
    importId: id,
    kind,
    fileName: path.basename(file),
    sizeBytes: identity.size,
    delimiter: DELIMITER_NAMES[delimiter ?? ','] as ImportFile['delimiter'],
    headers,
    preview: preview.map((row) => [...row.fields]),
    columns,
    dateFormat: savedColumns && isSavedMapping(saved) ? saved.dateFormat : suggestDateFormat(dateSamples),
    mappingSource: savedColumns ? 'saved' : 'matched',
    mappingProblems: mappingProblems(kind, headers, columns),
    tedsFormat,
  };
}

/** A TEDS-D file is read by the format its header names; a header naming neither cannot be read as TEDS-D. */
function tedsFormatOf(headers: readonly string[]): TedsFormat {
  const format = detectTedsFormat(headers);
  if (format !== null) return format;
  throw new DomainError(
    'invalid_input',
    'The first row names neither SERVICES and CASEID (the official coded TEDS-D public-use file) nor service_type_admit (a TEDS-D extract with labels), so Stepwise cannot tell how to read it. Choose a TEDS-D discharge file with its header row.',
    [{ path: 'file', message: 'Not a TEDS-D header.' }],
  );
}

function isSavedMapping(value: unknown): value is { columns: string[]; dateFormat: DateFormat } {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { columns?: unknown; dateFormat?: unknown };
  return (
    Array.isArray(candidate.columns) &&
    candidate.columns.every((column) => typeof column === 'string') &&
    DATE_FORMATS.includes(candidate.dateFormat as DateFormat)
  );
}

/** The file as its jobs read it: plain data, without the session's progress and Cancel. */
function sourceOf(session: ImportSession): ImportSource {
  const { kind, file, fileName, delimiter, headers, headerRow, tedsFormat } = session;
  return { kind, file, fileName, delimiter, headers, headerRow, tedsFormat };
}

/**
 * Marks the session busy before anything is awaited, so Cancel, a lock or signing out (which cancel every running
 * import) reach whatever the call goes on to run.
 */
function beginImportJob(session: ImportSession): AbortController {
  if (session.running) throw new DomainError('conflict', 'This file is already being checked or imported.');
  const controller = new AbortController();
  session.running = controller;
  return controller;
}

function endImportJob(session: ImportSession): void {
  session.running = null;
  session.progress = IDLE;
}

/** Runs one of the import's jobs on a worker thread: its progress is the session's, and Cancel reaches the worker. */
async function runImportJob<K extends 'import-check' | 'import-commit'>(
  ctx: ImportContext,
  session: ImportSession,
  controller: AbortController,
  kind: K,
  input: JobInput<K>,
): Promise<JobOutput<K>> {
  // Cancelled (or locked) while the call waited its turn for the database: the job is not started at all.
  if (controller.signal.aborted) throw new DomainError('cancelled', 'The import was cancelled. Nothing was imported.');
  const job = runJobFor(ctx, kind, input, {
    signal: controller.signal,
    // Both import jobs report an ImportProgress (electron/jobs/jobs.ts); TypeScript cannot narrow the union of K.
    onProgress: (progress) => (session.progress = progress as ImportProgress),
  });
  // The import follows its check: its worker loads while the check runs and the person reads the report.
  if (kind === 'import-check') ctx.jobs.prepare();
  return job;
}

/** Checks every row against the mapping and the records, writing nothing, on a worker thread. */
export async function checkImport(ctx: ImportContext, choices: ImportChoices): Promise<ImportReport> {
  const session = sessionFor(ctx, choices.importId);
  if (session.running) throw new DomainError('conflict', 'This file is already being checked or imported.');
  if (mappingProblems(session.kind, session.headers, choices.columns).length > 0) {
    const report = reportOf(session.kind, session.headers, choices, summarize(emptyPlan()), []);
    session.checked = null;
    return report;
  }
  const checkedOn = ctx.clock.today();
  const controller = beginImportJob(session);
  try {
    // Before the check's snapshot begins: whatever is committed after this changes the stamp.
    const stamp = await changeStamp(ctx.db, ctx.vault.database.sqlite);
    const found = await runImportJob(ctx, session, controller, 'import-check', { source: sourceOf(session), choices });
    const report = reportOf(session.kind, session.headers, choices, found.counts, found.problems);
    session.checked = {
      choices,
      sha256: found.sha256,
      report,
      problems: found.problems,
      checkedOn,
      rows: report.blockers.length === 0 ? found.rows : null,
      casesPlan: report.blockers.length === 0 ? found.casesPlan : null,
      stamp,
    };
    return report;
  } finally {
    endImportJob(session);
  }
}

const sameChoices = (a: ImportChoices, b: ImportChoices) =>
  a.dateFormat === b.dateFormat &&
  a.existing === b.existing &&
  a.columns.length === b.columns.length &&
  a.columns.every((column, index) => column === b.columns[index]);

/**
 * Imports the checked file in one transaction on a worker thread (electron/import/importJobs.ts), which checks every
 * row again against the records as they are now and audits the import; any problem, a changed file or Cancel rolls it
 * back. `ctx.db` is the main process's connection, held by the caller throughout, so nothing else writes meanwhile.
 */
export async function commitImport(ctx: ImportContext, choices: ImportChoices): Promise<ImportResult> {
  const session = sessionFor(ctx, choices.importId);
  if (session.running) throw new DomainError('conflict', 'This file is already being checked or imported.');
  if (!session.checked || !sameChoices(session.checked.choices, choices)) {
    throw new DomainError('conflict', 'Check the file with these choices before importing it.');
  }
  const checked = session.checked;
  if (checked.report.blockers.length > 0) throw new DomainError('conflict', `${checked.report.blockers[0] ?? ''} Nothing was imported.`);
  if (checked.rows === null) throw new DomainError('conflict', 'Check the file with these choices before importing it.');
  const controller = beginImportJob(session);
  try {
    // Nothing written since the check began (ctx.db is held, so nothing can be until the import ends): its plan stands.
    const unchanged = sameStamp(checked.stamp, await changeStamp(ctx.db, ctx.vault.database.sqlite));
    const { result, heldCheckpoints } = await runImportJob(ctx, session, controller, 'import-commit', {
      source: sourceOf(session),
      choices,
      checked: { sha256: checked.sha256, checkedOn: checked.checkedOn, counts: reportedCounts(checked.report) },
      rows: checked.rows,
      casesPlan: unchanged ? checked.casesPlan : null,
    });
    session.checked = null;
    await holdCheckpointsAfter(ctx, heldCheckpoints);
    return result;
  } finally {
    endImportJob(session);
  }
}

/**
 * The import's commit left the log for a worker to copy; until it has, this connection's commits must not copy it.
 * The import has committed by now, so this never fails the call: at worst the next commit here copies the log itself.
 */
async function holdCheckpointsAfter(ctx: ImportContext, heldCheckpoints: boolean): Promise<void> {
  // (Locked meanwhile, the connection is closed and its settings went with it.)
  if (!heldCheckpoints || !ctx.vault.isOpen || !ctx.vault.database.sqlite.open) return;
  try {
    await holdAutomaticCheckpoints(ctx.db);
  } catch {
    // Only the speed of the next commit is at stake; the imported records are committed and intact.
  }
}

export function importProgress(ctx: ImportContext, importId: string): ImportProgress {
  return sessionFor(ctx, importId).progress;
}

export function cancelImport(ctx: ImportContext, importId: string): { cancelled: boolean } {
  const session = sessionFor(ctx, importId);
  if (!session.running) return { cancelled: false };
  session.running.abort();
  return { cancelled: true };
}

export function closeImport(ctx: ImportContext, importId: string): void {
  const session = ctx.imports.get(importId);
  if (session && session.ownerSessionId === ctx.sessionId) ctx.imports.remove(importId);
}

/** Every problem of the last check as CSV (row, column, value, problem), with the redisclosure notice: the values may name patients. */
export function importReportCsv(ctx: ImportContext, importId: string): { readonly content: string; readonly suggestedName: string } {
  const session = sessionFor(ctx, importId);
  if (!session.checked) throw new DomainError('conflict', 'Check the file first; the report lists what the check found.');
  const rows = session.checked.problems.map((entry) => [entry.row, entry.column, entry.value, entry.message]);
  const unlisted = session.checked.report.problemCount - rows.length;
  const more =
    unlisted > 0 ? [['', '', '', `…and ${unlisted.toLocaleString('en-US')} more problems not listed: correct these and check the file again.`]] : [];
  const content =
    stringify([['row', 'column', 'value', 'problem'], ...rows, ...more], { record_delimiter: '\r\n' }) +
    stringify([[REDISCLOSURE_NOTICE]], { record_delimiter: '\r\n' });
  return { content, suggestedName: `import-problems-${ctx.clock.today()}.csv` };
}

export type { DisclosureDetails };
