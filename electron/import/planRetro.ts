import { recommendForTedsRecord } from '../../shared/teds/assessment';
import type { TedsFormat, TedsRecord } from '../../shared/teds/records';
import { RETRO_RECORD_FIELDS, retroRecordKey, retroRecordsByKey, type NewRetroRecord, type RetroRecordFields } from '../repositories/retroRepository';
import type { ServiceContext } from '../services/context';
import type { ExistingPolicy, ProblemAt } from './planImport';

/** What a TEDS-D import would write: the new dataset (only if it adds records), its records, and replaced records. */
export interface RetroPlan {
  readonly dataset: { readonly id: string; readonly format: TedsFormat; readonly fileName: string };
  readonly newRecords: NewRetroRecord[];
  readonly updates: (RetroRecordFields & Pick<NewRetroRecord, 'id' | 'recommended_level' | 'ruleset_version'>)[];
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
 * Checks TEDS-D rows against the stored records. A record is known by its discharge year and CASEID: the same values
 * again change nothing; other values are an existing record, which the update/skip/stop choice decides.
 */
export async function retroChecker(
  ctx: ServiceContext,
  options: { readonly existing: ExistingPolicy; readonly format: TedsFormat; readonly fileName: string },
  counts: RetroCounts,
  problem: ProblemAt,
): Promise<{ readonly plan: RetroPlan; row(rowNumber: number, record: TedsRecord): void }> {
  const stored = await retroRecordsByKey(ctx.db);
  const seen = new Map<string, number>();
  const plan: RetroPlan = { dataset: { id: ctx.newId(), format: options.format, fileName: options.fileName }, newRecords: [], updates: [] };
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
      const fields = retroFieldsOf(record);
      const found = stored.get(key);
      if (found && sameFields(found, fields)) {
        counts.unchanged += 1;
        return;
      }
      const recommendation = recommendForTedsRecord(record);
      const derived = { recommended_level: recommendation.level, ruleset_version: recommendation.rulesetVersion };
      if (found) {
        counts.existing += 1;
        if (options.existing === 'update') plan.updates.push({ id: found.id, ...fields, ...derived });
        else if (options.existing === 'skip') counts.skipped += 1;
        return;
      }
      plan.newRecords.push({
        id: ctx.newId(),
        dataset_id: plan.dataset.id,
        case_ref: record.caseRef,
        discharge_year: record.dischargeYear,
        ...fields,
        ...derived,
      });
    },
  };
}
