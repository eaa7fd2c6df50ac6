import { rebuildIndex, restoreIndexStatistics, setAsideCaseIndexes, type SetAsideIndexes } from '../repositories/caseIndexes';
import { numberNewCases, setAsideCaseNumbering, type SetAsideCaseTriggers } from '../repositories/caseNumbering';
import { countCases } from '../repositories/casesRepository';
import { insertImportedCases, ROWS_PER_STATEMENT, type ImportedCase } from '../repositories/importRepository';
import { pageCacheSize, setPageCacheSize } from '../repositories/pageCache';
import type { ServiceContext } from '../services/context';
import type { CaseToCreate } from './casesToCreate';

const BATCH = 2000;
/** Below this many new cases the indexes are left alone: the rebuild's gain would be a few milliseconds. */
const FEWEST_FOR_REBUILD = 1000;
/**
 * Dropping the cases' secondary indexes and building them again costs about as much as inserting an eighth of the
 * stored cases into them one by one (measured at 10,000 and 100,000 stored cases, docs/BENCHMARKS.md).
 */
const REBUILD_SHARE = 8;
/**
 * The page cache while a large load runs, instead of the connection's 64 MB: building each index reads the table again,
 * which must stay in the cache (at 100,000 cases the index builds took 0.7 s with 48 or 64 MB, 1.0 s with 32 MB and
 * 1.8 s with 8 MB), while every page beyond it is memory the import holds at its peak (docs/BENCHMARKS.md).
 */
const BULK_LOAD_CACHE_MIB = 48;

/** Whether adding `adding` cases to `stored` ones is faster with the secondary indexes built again afterwards. */
export function rebuildsCaseIndexes(stored: number, adding: number): boolean {
  return adding >= FEWEST_FOR_REBUILD && adding * REBUILD_SHARE >= stored;
}

export interface CaseWriteOptions {
  readonly now: string;
  /** Whether to drop the secondary indexes for the load and build them again after it (see `rebuildsCaseIndexes`). */
  readonly rebuildIndexes: boolean;
  /** Reports rows written and yields, so progress and Cancel get through; throws when the import is cancelled. */
  readonly step: (written: number) => Promise<void>;
}

function importedCase(ctx: Pick<ServiceContext, 'newId'>, { row, clinicianId }: CaseToCreate): ImportedCase {
  return {
    id: ctx.newId(),
    mrn: row.mrn,
    full_name: row.fullName,
    date_of_birth: row.dateOfBirth,
    clinician_id: clinicianId,
    program: row.program,
    payer: row.payer,
    status: row.status ?? 'active',
  };
}

/**
 * Inserts the new cases in batches in the caller's transaction. For a large load the secondary indexes and the
 * insert triggers on cases are dropped first; at the end the cases are numbered and their names indexed in one pass,
 * and the triggers and indexes made again from their own CREATE text (the indexes with their statistics), so the schema
 * and the rows end exactly as row-by-row inserts leave them; a rollback (Cancel, a crash) brings the indexes and the
 * triggers back with the rest.
 */
export async function writeNewCases(ctx: ServiceContext, cases: Iterable<CaseToCreate>, options: CaseWriteOptions): Promise<void> {
  if (!options.rebuildIndexes) {
    await insertNewCases(ctx, cases, options, null);
    return;
  }
  const cacheSize = await pageCacheSize(ctx.db);
  await setPageCacheSize(ctx.db, -BULK_LOAD_CACHE_MIB * 1024);
  try {
    const numbering = await setAsideCaseNumbering(ctx.db);
    await insertNewCases(ctx, cases, options, { indexes: await setAsideCaseIndexes(ctx.db), numbering });
  } finally {
    await setPageCacheSize(ctx.db, cacheSize);
  }
}

async function insertNewCases(
  ctx: ServiceContext,
  cases: Iterable<CaseToCreate>,
  options: CaseWriteOptions,
  setAside: { readonly indexes: SetAsideIndexes; readonly numbering: SetAsideCaseTriggers } | null,
): Promise<void> {
  // A statement's rows at a time, not a step's: 2,000 rows held at once outlived V8's young generation, and the import
  // of 100,000 cases spent 0.32 s collecting garbage against 0.18 s this way, with a peak about 30 MB lower.
  let rows: ImportedCase[] = [];
  let sinceStep = 0;
  const writeRows = async (): Promise<void> => {
    await insertImportedCases(ctx.db, rows, options.now);
    sinceStep += rows.length;
    rows = [];
    if (sinceStep < BATCH) return;
    await options.step(sinceStep);
    sinceStep = 0;
  };
  for (const item of cases) {
    rows.push(importedCase(ctx, item));
    if (rows.length === ROWS_PER_STATEMENT) await writeRows();
  }
  if (rows.length > 0) await writeRows();
  if (sinceStep > 0) await options.step(sinceStep);
  if (!setAside) return;
  await numberNewCases(ctx.db, setAside.numbering);
  await options.step(0);
  for (const index of setAside.indexes.indexes) {
    await rebuildIndex(ctx.db, index);
    await options.step(0);
  }
  await restoreIndexStatistics(ctx.db, setAside.indexes);
}

/** How many cases are stored now, which decides whether rebuilding the indexes pays. */
export async function storedCaseCount(ctx: Pick<ServiceContext, 'db'>): Promise<number> {
  return (await countCases(ctx.db)).total;
}
