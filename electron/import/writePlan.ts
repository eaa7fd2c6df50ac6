import { holdAutomaticCheckpoints } from '../db/walCheckpoint';
import { insertAssessments } from '../repositories/assessmentsRepository';
import { updateCase } from '../repositories/casesRepository';
import { insertImportedEpisodes } from '../repositories/importRepository';
import { insertRetroDataset, insertRetroRecords } from '../repositories/retroRepository';
import { actorOf } from '../services/actor';
import { refreshCaseState } from '../services/caseState';
import type { ServiceContext } from '../services/context';
import { DomainError } from '../services/errors';
import type { CheckedRow, ImportPlan } from './planImport';
import { rebuildsCaseIndexes, storedCaseCount, writeNewCases } from './writeCases';

const BATCH = 2000;
/** From this many rows the commit's checkpoint is left to a worker: below it the copy takes a few milliseconds. */
const HOLD_CHECKPOINTS_FROM = 1000;

export interface WriteOptions {
  /** The imported file's digest, kept with a TEDS-D dataset. */
  readonly fileSha256: string;
  /** The rows the plan was made from, which hold what the new cases are written with. */
  readonly checkedRows: Iterable<CheckedRow>;
  readonly signal: AbortSignal;
  readonly onWritten: (written: number, toWrite: number) => void;
}

/**
 * Writes a checked plan in batches, yielding between them so progress and Cancel get through; the caller's transaction
 * makes it all or nothing. Says whether it held the connection's automatic checkpoints for a background checkpoint.
 */
export async function writePlan(ctx: ServiceContext, plan: ImportPlan, options: WriteOptions): Promise<{ heldCheckpoints: boolean }> {
  const now = ctx.clock.now().toISOString();
  const touched = [...plan.touchedCaseIds];
  const retro = plan.retro;
  const toWrite =
    plan.newCases.size +
    plan.caseUpdates.length +
    plan.newAssessments.length +
    plan.newEpisodes.length +
    touched.length +
    (retro ? retro.newRecords.length : 0);
  // A large load's commit would copy the whole log into the file in the commit's time; a worker does it after (registry).
  const heldCheckpoints = toWrite >= HOLD_CHECKPOINTS_FROM;
  if (heldCheckpoints) await holdAutomaticCheckpoints(ctx.db);
  let written = 0;
  const step = async (count: number): Promise<void> => {
    written += count;
    options.onWritten(written, toWrite);
    await new Promise((resolve) => setImmediate(resolve));
    if (options.signal.aborted) throw new DomainError('cancelled', 'The import was cancelled. Nothing was imported.');
  };
  await step(0);
  if (plan.newCases.size > 0) {
    const rebuildIndexes = rebuildsCaseIndexes(await storedCaseCount(ctx), plan.newCases.size);
    await writeNewCases(ctx, plan.newCases.from(options.checkedRows), { now, rebuildIndexes, step });
  }
  for (let start = 0; start < plan.caseUpdates.length; start += BATCH) {
    const batch = plan.caseUpdates.slice(start, start + BATCH);
    for (const update of batch) await updateCase(ctx.db, update.caseId, { ...update.patch, updated_at: now });
    await step(batch.length);
  }
  for (let start = 0; start < plan.newAssessments.length; start += BATCH) {
    const batch = plan.newAssessments.slice(start, start + BATCH);
    await insertAssessments(ctx.db, batch);
    await step(batch.length);
  }
  for (let start = 0; start < plan.newEpisodes.length; start += BATCH) {
    const batch = plan.newEpisodes.slice(start, start + BATCH);
    await insertImportedEpisodes(ctx.db, batch, now);
    await step(batch.length);
  }
  for (let start = 0; start < touched.length; start += BATCH) {
    const batch = touched.slice(start, start + BATCH);
    for (const caseId of batch) await refreshCaseState(ctx, caseId);
    await step(batch.length);
  }
  if (retro) await writeRetro(ctx, retro, options.fileSha256, now, step);
  return { heldCheckpoints };
}

/** A dataset is created by an import that adds records: every record of the file, in a dataset of its own. */
async function writeRetro(
  ctx: ServiceContext,
  retro: NonNullable<ImportPlan['retro']>,
  fileSha256: string,
  now: string,
  step: (count: number) => Promise<void>,
): Promise<void> {
  if (retro.newRecords.length > 0) {
    const { id, format, fileName } = retro.dataset;
    await insertRetroDataset(ctx.db, { id, format, file_name: fileName, file_sha256: fileSha256, imported_at: now, imported_by: actorOf(ctx).id });
  }
  for (let start = 0; start < retro.newRecords.length; start += BATCH) {
    const batch = retro.newRecords.slice(start, start + BATCH);
    await insertRetroRecords(ctx.db, batch);
    await step(batch.length);
  }
}
