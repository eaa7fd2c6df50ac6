import type { Kysely, Selectable } from 'kysely';
import type { RetroDataset } from '../../shared/contract/retro';
import type { RetroDatasetsTable, RetroRecordsTable, StepwiseSchema } from '../db/schema';

type Db = Kysely<StepwiseSchema>;

export type NewRetroDataset = Selectable<RetroDatasetsTable>;
export type NewRetroRecord = Selectable<RetroRecordsTable>;

/** The fields a TEDS-D file gives a record: what decides whether a record in a file is the one already stored. */
export const RETRO_RECORD_FIELDS = [
  'admission_setting',
  'discharge_setting',
  'reason',
  'los_min',
  'los_max',
  'living_arrangement',
  'referral_source',
  'prior_treatment',
  'cooccurring_mental_health',
] as const satisfies readonly (keyof RetroRecordsTable)[];
export type RetroRecordFields = Pick<RetroRecordsTable, (typeof RETRO_RECORD_FIELDS)[number]>;

export interface StoredRetroRecord extends RetroRecordFields {
  readonly id: string;
}

export function retroRecordKey(dischargeYear: number, caseRef: string): string {
  return `${dischargeYear}|${caseRef}`;
}

/** Every stored record by discharge year and CASEID, read once so each row of a large file is checked without a query. */
/** Every dataset's records by their key, to tell a file already imported from a new extract. */
export async function retroRecordsByDataset(db: Db): Promise<Map<string, Map<string, StoredRetroRecord>>> {
  const rows = await db
    .selectFrom('retro_records')
    .select(['id', 'dataset_id', 'discharge_year', 'case_ref', ...RETRO_RECORD_FIELDS])
    .execute();
  const byDataset = new Map<string, Map<string, StoredRetroRecord>>();
  for (const { dataset_id, discharge_year, case_ref, ...stored } of rows) {
    const records = byDataset.get(dataset_id) ?? new Map<string, StoredRetroRecord>();
    records.set(retroRecordKey(discharge_year, case_ref), stored);
    byDataset.set(dataset_id, records);
  }
  return byDataset;
}

export async function insertRetroDataset(db: Db, row: NewRetroDataset): Promise<void> {
  await db.insertInto('retro_datasets').values(row).execute();
}

export async function insertRetroRecords(db: Db, rows: readonly NewRetroRecord[]): Promise<void> {
  // SQLite binds at most 32,766 parameters per statement; 15 columns x 1,000 rows stays well below.
  const chunkSize = 1000;
  for (let start = 0; start < rows.length; start += chunkSize) {
    await db
      .insertInto('retro_records')
      .values(rows.slice(start, start + chunkSize))
      .execute();
  }
}

/** Every dataset, newest first, with how many records it holds and their discharge years. */
export async function listRetroDatasets(db: Db, datasetId?: string): Promise<RetroDataset[]> {
  let datasets = db
    .selectFrom('retro_datasets')
    .innerJoin('users', 'users.id', 'retro_datasets.imported_by')
    .select(['retro_datasets.id', 'retro_datasets.format', 'retro_datasets.file_name', 'retro_datasets.imported_at', 'users.display_name']);
  if (datasetId !== undefined) datasets = datasets.where('retro_datasets.id', '=', datasetId);
  const rows = await datasets.orderBy('retro_datasets.imported_at', 'desc').orderBy('retro_datasets.id').execute();
  let years = db
    .selectFrom('retro_records')
    .select(['dataset_id', 'discharge_year', (eb) => eb.fn.countAll<number>().as('records')])
    .groupBy(['dataset_id', 'discharge_year']);
  if (datasetId !== undefined) years = years.where('dataset_id', '=', datasetId);
  const byDataset = new Map<string, { records: number; years: number[] }>();
  for (const row of await years.orderBy('discharge_year').execute()) {
    const entry = byDataset.get(row.dataset_id) ?? { records: 0, years: [] };
    entry.records += Number(row.records);
    entry.years.push(row.discharge_year);
    byDataset.set(row.dataset_id, entry);
  }
  return rows.map((row) => ({
    id: row.id,
    format: row.format,
    fileName: row.file_name,
    importedAt: row.imported_at,
    importedBy: row.display_name,
    records: byDataset.get(row.id)?.records ?? 0,
    dischargeYears: byDataset.get(row.id)?.years ?? [],
  }));
}

/** A dataset's records grouped by everything the report counts: one row per distinct combination, with its count. */
export interface RetroTallyRow {
  readonly admission_setting: number | null;
  readonly discharge_setting: number | null;
  readonly reason: number | null;
  readonly los_min: number | null;
  readonly los_max: number | null;
  readonly recommended_level: RetroRecordsTable['recommended_level'];
  readonly count: number;
}

export async function retroTallies(db: Db, datasetId: string): Promise<RetroTallyRow[]> {
  const columns = ['admission_setting', 'discharge_setting', 'reason', 'los_min', 'los_max', 'recommended_level'] as const;
  const rows = await db
    .selectFrom('retro_records')
    .select([...columns, (eb) => eb.fn.countAll<number>().as('count')])
    .where('dataset_id', '=', datasetId)
    .groupBy([...columns])
    .execute();
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}
