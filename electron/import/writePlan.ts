import { insertAssessments } from '../repositories/assessmentsRepository';
import { insertCases, updateCase } from '../repositories/casesRepository';
import { insertImportedEpisodes } from '../repositories/importRepository';
import { refreshCaseState } from '../services/caseState';
import type { ServiceContext } from '../services/context';
import { DomainError } from '../services/errors';
import type { ImportPlan } from './planImport';

const BATCH = 2000;

export interface WriteOptions {
  readonly signal: AbortSignal;
  readonly onWritten: (written: number, toWrite: number) => void;
}

/** Writes a checked plan in batches, yielding between them so progress and Cancel get through; the caller's transaction makes it all or nothing. */
export async function writePlan(ctx: ServiceContext, plan: ImportPlan, options: WriteOptions): Promise<void> {
  const now = ctx.clock.now().toISOString();
  const touched = [...plan.touchedCaseIds];
  const toWrite = plan.newCases.length + plan.caseUpdates.length + plan.newAssessments.length + plan.newEpisodes.length + touched.length;
  let written = 0;
  const step = async (count: number): Promise<void> => {
    written += count;
    options.onWritten(written, toWrite);
    await new Promise((resolve) => setImmediate(resolve));
    if (options.signal.aborted) throw new DomainError('cancelled', 'The import was cancelled. Nothing was imported.');
  };
  await step(0);
  for (let start = 0; start < plan.newCases.length; start += BATCH) {
    const batch = plan.newCases.slice(start, start + BATCH);
    await insertCases(ctx.db, batch);
    await step(batch.length);
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
}
