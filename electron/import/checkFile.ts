import type { ImportChoices, ImportProgress } from '../../shared/contract/imports';
import type { IsoDate } from '../../shared/domain/dates';
import type { ServiceContext } from '../services/context';
import { DomainError } from '../services/errors';
import { digestFile, identify, readCsvRecords } from './csvFile';
import { IDLE, type ImportSource } from './importSessions';
import { startPlan, type CheckedRow, type ImportOptions } from './planImport';
import { RowStore } from './rowStore';

/** How a job reading the file reports how far it has got, and learns it was cancelled. */
export interface ImportWatch {
  readonly signal: AbortSignal;
  readonly report: (progress: ImportProgress) => void;
}

function planOptions(source: ImportSource, choices: ImportChoices): ImportOptions {
  return {
    kind: source.kind,
    headers: source.headers,
    columns: choices.columns,
    dateFormat: choices.dateFormat,
    existing: choices.existing,
    tedsFormat: source.tedsFormat,
    fileName: source.fileName,
  };
}

const cancelled = () => new DomainError('cancelled', 'The import was cancelled. Nothing was imported.');
const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Reads and checks the whole file, reporting progress and honouring Cancel. While no row has a problem the rows are
 * kept, so the import can check them again against the records without reading them from the file again.
 */
export async function checkFile(ctx: ServiceContext, source: ImportSource, choices: ImportChoices, watch: ImportWatch) {
  let progress: ImportProgress = { ...IDLE, phase: 'checking', totalBytes: identify(source.file).size };
  watch.report(progress);
  const builder = await startPlan(ctx, planOptions(source, choices));
  let rows = 0;
  let bytesRead = 0;
  let kept: RowStore<CheckedRow> | null = new RowStore();
  const read = await readCsvRecords(
    source.file,
    { delimiter: source.delimiter, signal: watch.signal, onBytes: (bytes) => (bytesRead = bytes) },
    (record) => {
      if (record.row <= source.headerRow) return undefined;
      const checked = builder.add(record);
      // A file with a problem cannot be imported: its rows are not worth the memory.
      if (checked === null || !builder.clean()) kept = null;
      else kept?.add(checked);
      rows += 1;
      if (rows % 500 !== 0) return undefined;
      // One progress object per yield, not per row: one for each of 100,000 rows was garbage enough to make V8 grow its heap.
      progress = { ...progress, bytesRead, rows };
      watch.report(progress);
      return yieldToEvents();
    },
  );
  return { plan: builder.finish(), sha256: read.sha256, rows: kept?.seal() ?? null };
}

/** What the import is checked against again: the file's digest and the day the check ran. */
export interface CheckedFile {
  readonly sha256: string;
  readonly checkedOn: IsoDate;
}

/**
 * The first step of the import's own check, inside its transaction: the file's bytes must be those checked (its
 * SHA-256), so its rows are the rows the check read and kept. Returns the progress so far.
 */
export async function confirmCheckedFile(ctx: ServiceContext, source: ImportSource, checked: CheckedFile, watch: ImportWatch) {
  let progress: ImportProgress = { ...IDLE, phase: 'importing', totalBytes: identify(source.file).size };
  watch.report(progress);
  const sha256 = await digestFile(source.file, {
    signal: watch.signal,
    onBytes: (bytesRead) => {
      progress = { ...progress, bytesRead };
      watch.report(progress);
    },
  });
  if (sha256 !== checked.sha256) {
    throw new DomainError('conflict', 'The file has changed since it was checked. Check it again before importing. Nothing was imported.');
  }
  // The cells were checked against that day ("not in the future"); a later day accepts the same dates, an earlier one may not.
  if (ctx.clock.today() < checked.checkedOn) {
    throw new DomainError('conflict', 'The computer’s date is earlier than when the file was checked. Check the file again. Nothing was imported.');
  }
  return progress;
}

/** The rest of it: the kept rows checked again against the records as they are now, into the plan to write. */
export async function recheckRows(
  ctx: ServiceContext,
  source: ImportSource,
  choices: ImportChoices,
  checkedRows: Iterable<CheckedRow>,
  watch: ImportWatch,
  progressSoFar: ImportProgress,
) {
  let progress = progressSoFar;
  const builder = await startPlan(ctx, planOptions(source, choices));
  let rows = 0;
  for (const row of checkedRows) {
    builder.replay(row);
    rows += 1;
    if (rows % 2000 === 0) {
      progress = { ...progress, rows };
      watch.report(progress);
      await yieldToEvents();
      if (watch.signal.aborted) throw cancelled();
    }
  }
  watch.report({ ...progress, rows });
  return builder.finish();
}
