import { recommendForTedsRecord } from '../../shared/teds/assessment';
import type { TedsFormat, TedsRecord } from '../../shared/teds/records';
import {
  RETRO_RECORD_FIELDS,
  retroRecordKey,
  retroRecordsByDataset,
  type NewRetroRecord,
  type RetroRecordFields,
} from '../repositories/retroRepository';
import type { ServiceContext } from '../services/context';
import type { ProblemAt } from './planImport';

/** What a TEDS-D import would write: the new dataset (only if it adds records), its records, and replaced records. */
export interface RetroPlan {
  readonly dataset: { readonly id: string; readonly format: TedsFormat; readonly fileName: string };
  readonly newRecords: NewRetroRecord[];
}

export interface RetroCounts {
  unchanged: number;
  existing: number;
  skipped: number;
}

export function retroFieldsOf(record: TedsRecord): RetroRecordFields {
  return {
    admission_setting: record.admissionSetting,
    discharge_setting: record.dischargeSetting,
    reason: record.reason,
    los_min: record.stay?.min ?? null,
    los_max: record.stay?.max ?? null,
    living_arrangement: record.livingArrangement,
    referral_source: record.referralSource,
    prior_treatment: record.priorTreatment,
    cooccurring_mental_health: record.cooccurringMentalHealth,
  };
}

const sameFields = (a: RetroRecordFields, b: RetroRecordFields) => RETRO_RECORD_FIELDS.every((field) => a[field] === b[field]);

/**
 * A TEDS-D file becomes a dataset of its own, as imported: the same extract imported again (every record equal to one
 * dataset's, and as many) changes nothing; any other file, even one overlapping a dataset, is a new dataset, so an
 * import never changes the records, and so the report, of another. The update/skip/stop choice has nothing to decide.
 */
export async function retroChecker(
  ctx: ServiceContext,
  options: { readonly format: TedsFormat; readonly fileName: string },
  counts: RetroCounts,
  problem: ProblemAt,
): Promise<{ readonly plan: RetroPlan; row(rowNumber: number, record: TedsRecord): void; finish(): void }> {
  const stored = await retroRecordsByDataset(ctx.db);
  const seen = new Map<string, number>();
  const fromFile: { key: string; record: TedsRecord; fields: RetroRecordFields }[] = [];
  const plan: RetroPlan = { dataset: { id: ctx.newId(), format: options.format, fileName: options.fileName }, newRecords: [] };
  return {
    plan,
    row(rowNumber, record) {
      const key = retroRecordKey(record.dischargeYear, record.caseRef);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        problem(
          rowNumber,
          'CASEID',
          record.caseRef,
          `Row ${earlier} holds the same case ID for ${record.dischargeYear}; TEDS-D has one record per discharge.`,
        );
        return;
      }
      seen.set(key, rowNumber);
      fromFile.push({ key, record, fields: retroFieldsOf(record) });
    },
    finish() {
      const alreadyImported = [...stored.values()].some(
        (records) =>
          records.size === fromFile.length &&
          fromFile.every(({ key, fields }) => {
            const found = records.get(key);
            return found !== undefined && sameFields(found, fields);
          }),
      );
      if (alreadyImported && fromFile.length > 0) {
        counts.unchanged += fromFile.length;
        return;
      }
      for (const { record, fields } of fromFile) {
        const recommendation = recommendForTedsRecord(record);
        plan.newRecords.push({
          id: ctx.newId(),
          dataset_id: plan.dataset.id,
          case_ref: record.caseRef,
          discharge_year: record.dischargeYear,
          ...fields,
          recommended_level: recommendation.level,
          ruleset_version: recommendation.rulesetVersion,
        });
      }
    },
  };
}
