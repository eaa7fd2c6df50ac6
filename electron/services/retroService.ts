import type { RetroDataset, RetroReport } from '../../shared/contract/retro';
import { TEDS_REASONS, TEDS_SETTINGS, type TedsReason, type TedsSetting } from '../../shared/teds/codes';
import { buildRetroReport, type RetroTally } from '../../shared/teds/report';
import { listRetroDatasets as readDatasets, retroTallies } from '../repositories/retroRepository';
import type { ServiceContext } from './context';
import { DomainError } from './errors';

export async function listRetroDatasets(ctx: ServiceContext): Promise<{ datasets: RetroDataset[] }> {
  return { datasets: await readDatasets(ctx.db) };
}

/** The retrospective report of one imported TEDS-D dataset: counts from its records' codes, nothing else. */
export async function retroReport(ctx: ServiceContext, datasetId: string): Promise<RetroReport> {
  const [dataset] = await readDatasets(ctx.db, datasetId);
  if (!dataset)
    throw new DomainError('not_found', 'This dataset is not in Stepwise. Choose one of the imported datasets.', [
      { path: 'datasetId', message: 'Choose one of the imported datasets.' },
    ]);
  const tallies: RetroTally[] = (await retroTallies(ctx.db, datasetId)).map((row) => ({
    admissionSetting: settingOf(row.admission_setting),
    dischargeSetting: settingOf(row.discharge_setting),
    reason: reasonOf(row.reason),
    stay: row.los_min === null ? null : { min: row.los_min, max: row.los_max },
    recommendedLevel: row.recommended_level,
    count: row.count,
  }));
  return buildRetroReport(dataset, tallies);
}

// The table's CHECK constraints keep the codes in range; a code outside it is a damaged database, never "not recorded".
function settingOf(code: number | null): TedsSetting | null {
  if (code === null) return null;
  const found = TEDS_SETTINGS.find((setting) => setting === code);
  if (found === undefined) throw new Error(`retro_records holds the unknown setting code ${code}`);
  return found;
}

function reasonOf(code: number | null): TedsReason | null {
  if (code === null) return null;
  const found = TEDS_REASONS.find((reason) => reason === code);
  if (found === undefined) throw new Error(`retro_records holds the unknown reason code ${code}`);
  return found;
}
