import { createHash } from 'node:crypto';
import path from 'node:path';
import { REDISCLOSURE_NOTICE } from '../../shared/domain/confidentiality';
import type { DisclosureDetails } from '../../shared/contract/disclosures';
import {
  MAX_PROBLEMS_SHOWN,
  type ImportChoices,
  type ImportFile,
  type ImportProgress,
  type ImportReport,
  type ImportResult,
} from '../../shared/contract/imports';
import { IMPORT_FIELDS, type ImportKind } from '../../shared/import/fields';
import {
  autoMatchColumns,
  columnIndexByField,
  DATE_FORMATS,
  mappingProblems,
  reuseSavedColumns,
  sourceSignature,
  suggestDateFormat,
  type DateFormat,
} from '../../shared/import/mapping';
import { detectTedsFormat, type TedsFormat } from '../../shared/teds/records';
import { checkFile, recheckRows } from '../import/checkFile';
import { DELIMITER_NAMES, isNoticeRecord, readCsvRecords, sniffFile, type CsvRecord } from '../import/csvFile';
import { IDLE, type ImportSession, type ImportSessions } from '../import/importSessions';
import { emptyPlan, summarize, type ImportPlan } from '../import/planImport';
import { writePlan } from '../import/writePlan';
import { readSavedMapping, saveMapping } from '../repositories/importRepository';
import { hasAnyRole } from '../../shared/domain/roles';
import { actorOf } from './actor';
import type { ServiceContext } from './context';
import { DomainError } from './errors';
import { stringify } from 'csv-stringify/sync';

export interface ImportContext extends ServiceContext {
  readonly imports: ImportSessions;
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

/** A source is known by its kind and its headers; hashed so a long header row makes a short settings key. */
function signatureKey(kind: ImportKind, headers: readonly string[]): string {
  return `${kind}:${createHash('sha256').update(sourceSignature(kind, headers)).digest('hex').slice(0, 32)}`;
}

function reportOf(kind: ImportKind, headers: readonly string[], choices: ImportChoices, plan: ImportPlan): ImportReport {
  const summary = summarize(plan);
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
  return { ...summary, problems: plan.problems.slice(0, MAX_PROBLEMS_SHOWN), mappingProblems: columnProblems, blockers };
}

/** Checks every row against the mapping and the records, writing nothing. */
export async function checkImport(ctx: ImportContext, choices: ImportChoices): Promise<ImportReport> {
  const session = sessionFor(ctx, choices.importId);
  if (session.running) throw new DomainError('conflict', 'This file is already being checked or imported.');
  if (mappingProblems(session.kind, session.headers, choices.columns).length > 0) {
    const report = reportOf(session.kind, session.headers, choices, emptyPlan());
    session.checked = null;
    return report;
  }
  const checkedOn = ctx.clock.today();
  const { plan, sha256, rows } = await checkFile(ctx, session, choices);
  const report = reportOf(session.kind, session.headers, choices, plan);
  session.checked = { choices, sha256, report, problems: plan.problems, checkedOn, rows: report.blockers.length === 0 ? rows : null };
  return report;
}

const COUNTED = ['rows', 'create', 'update', 'unchanged', 'existing', 'skipped'] as const;
const sameCounts = (a: ImportReport, b: ImportReport) => COUNTED.every((key) => a[key] === b[key]);

const sameChoices = (a: ImportChoices, b: ImportChoices) =>
  a.dateFormat === b.dateFormat &&
  a.existing === b.existing &&
  a.columns.length === b.columns.length &&
  a.columns.every((column, index) => column === b.columns[index]);

/**
 * Writes the whole file in the caller's transaction, checking every row again against the records as they are
 * now; any problem, a changed file or Cancel throws, and the transaction leaves the database as it was.
 */
export async function commitImport(ctx: ImportContext, choices: ImportChoices): Promise<ImportResult> {
  const session = sessionFor(ctx, choices.importId);
  if (session.running) throw new DomainError('conflict', 'This file is already being checked or imported.');
  if (!session.checked || !sameChoices(session.checked.choices, choices)) {
    throw new DomainError('conflict', 'Check the file with these choices before importing it.');
  }
  if (session.checked.report.blockers.length > 0)
    throw new DomainError('conflict', `${session.checked.report.blockers[0] ?? ''} Nothing was imported.`);
  const checked = session.checked;
  const { plan, rows, controller } = await recheckRows(ctx, session, choices, checked);
  try {
    const report = reportOf(session.kind, session.headers, choices, plan);
    if (report.blockers.length > 0) {
      throw new DomainError('conflict', `The records changed since the check: ${report.blockers[0] ?? ''} Nothing was imported.`);
    }
    // The person confirmed what the check reported; if the records moved since (a case created meanwhile), they confirm again.
    if (!sameCounts(report, checked.report)) {
      throw new DomainError(
        'conflict',
        'The records changed since the check, so the import would not do what it reported. Check the file again. Nothing was imported.',
      );
    }
    await writePlan(ctx, plan, {
      fileSha256: checked.sha256,
      checkedRows: rows,
      signal: controller.signal,
      onWritten: (written, toWrite) => (session.progress = { ...session.progress, phase: 'writing', written, toWrite }),
    });
    await saveMapping(
      ctx.db,
      signatureKey(session.kind, session.headers),
      { columns: choices.columns, dateFormat: choices.dateFormat },
      actorOf(ctx).id,
      ctx.clock.now().toISOString(),
    );
    session.checked = null;
    const { problems: _problems, ...result } = report;
    return result;
  } finally {
    session.running = null;
    session.progress = IDLE;
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
