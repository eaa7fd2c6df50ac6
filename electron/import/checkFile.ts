import type { ImportChoices, ImportProgress } from '../../shared/contract/imports';
import type { ServiceContext } from '../services/context';
import { DomainError } from '../services/errors';
import { digestFile, identify, readCsvRecords } from './csvFile';
import { IDLE, type CheckedImport, type ImportSession } from './importSessions';
import { startPlan, type CheckedRow, type ImportOptions } from './planImport';
import { RowStore } from './rowStore';

function planOptions(session: ImportSession, choices: ImportChoices): ImportOptions {
  return {
    kind: session.kind,
    headers: session.headers,
    columns: choices.columns,
    dateFormat: choices.dateFormat,
    existing: choices.existing,
    tedsFormat: session.tedsFormat,
    fileName: session.fileName,
  };
}

/** Marks the session busy with a reading phase; the caller's `finally` (or the catch here on failure) makes it idle again. */
function beginReading(session: ImportSession, phase: ImportProgress['phase']): AbortController {
  const controller = new AbortController();
  session.running = controller;
  session.progress = { ...IDLE, phase, totalBytes: identify(session.file).size };
  return controller;
}

const cancelled = () => new DomainError('cancelled', 'The import was cancelled. Nothing was imported.');
const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Reads and checks the whole file, keeping the progress bar moving and honouring Cancel. While no row has a problem
 * the rows are kept, so the import can check them again against the records without reading them from the file again.
 */
export async function checkFile(ctx: ServiceContext, session: ImportSession, choices: ImportChoices) {
  const controller = beginReading(session, 'checking');
  try {
    const builder = await startPlan(ctx, planOptions(session, choices));
    let rows = 0;
    let bytesRead = 0;
    let kept: RowStore<CheckedRow> | null = new RowStore();
    const read = await readCsvRecords(
      session.file,
      {
        delimiter: session.delimiter,
        signal: controller.signal,
        onBytes: (bytes) => (bytesRead = bytes),
      },
      (record) => {
        if (record.row <= session.headerRow) return undefined;
        const checked = builder.add(record);
        // A file with a problem cannot be imported: its rows are not worth the memory.
        if (checked === null || !builder.clean()) kept = null;
        else kept?.add(checked);
        rows += 1;
        if (rows % 500 !== 0) return undefined;
        // Lets progress and Cancel requests through on long files. One progress object per yield, not per row: one
        // for each of 100,000 rows was garbage enough to make V8 grow its heap.
        session.progress = { ...session.progress, bytesRead, rows };
        return yieldToEvents();
      },
    );
    return { plan: builder.finish(), sha256: read.sha256, rows: kept?.seal() ?? null };
  } finally {
    session.running = null;
    session.progress = IDLE;
  }
}

/**
 * The import's own check, inside its transaction: the file's bytes must be those checked (its SHA-256), so its rows
 * are the rows the check read and kept, and those are checked again against the records as they are now.
 */
export async function recheckRows(ctx: ServiceContext, session: ImportSession, choices: ImportChoices, checked: CheckedImport) {
  const controller = beginReading(session, 'importing');
  try {
    const sha256 = await digestFile(session.file, {
      signal: controller.signal,
      onBytes: (bytesRead) => (session.progress = { ...session.progress, bytesRead }),
    });
    if (sha256 !== checked.sha256) {
      throw new DomainError('conflict', 'The file has changed since it was checked. Check it again before importing. Nothing was imported.');
    }
    // The cells were checked against that day ("not in the future"); a later day accepts the same dates, an earlier one may not.
    if (ctx.clock.today() < checked.checkedOn) {
      throw new DomainError('conflict', 'The computer’s date is earlier than when the file was checked. Check the file again. Nothing was imported.');
    }
    const checkedRows = checked.rows;
    if (checkedRows === null) throw new DomainError('conflict', 'Check the file with these choices before importing it.');
    const builder = await startPlan(ctx, planOptions(session, choices));
    let rows = 0;
    for (const row of checkedRows) {
      builder.replay(row);
      rows += 1;
      if (rows % 2000 === 0) {
        session.progress = { ...session.progress, rows };
        await yieldToEvents();
        if (controller.signal.aborted) throw cancelled();
      }
    }
    session.progress = { ...session.progress, rows };
    return { plan: builder.finish(), rows: checkedRows, controller };
  } catch (error) {
    session.running = null;
    session.progress = IDLE;
    throw error;
  }
}
