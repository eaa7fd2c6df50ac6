import { z } from 'zod';
import { EPISODE_END_REASONS } from '../domain/episodes';
import { TEDS_FORMATS } from '../teds/records';
import { levelSchema } from './fields';

/** A retrospective dataset: one TEDS-D file imported as a whole. Its records have no dates and no person links. */
export const retroDatasetSchema = z.object({
  id: z.string(),
  /** 'coded': the official public-use columns (CASEID, SERVICES, …); 'labelled': decoded labels and renamed columns. */
  format: z.enum(TEDS_FORMATS),
  /** The name of the file it was imported from (no folder). */
  fileName: z.string(),
  importedAt: z.string(),
  importedBy: z.string(),
  records: z.number().int().min(0),
  dischargeYears: z.array(z.number().int()),
});
export type RetroDataset = z.infer<typeof retroDatasetSchema>;

export const retroDatasetsSchema = z.object({ datasets: z.array(retroDatasetSchema) });
export const retroReportInputSchema = z.strictObject({
  datasetId: z.string({ error: 'Choose a dataset.' }).min(1, 'Choose a dataset.').max(64),
});

const count = z.number().int().min(0);
const setting = z.number().int().min(1).max(8);

/** A length-of-stay bin as the data allows: exact days, a range, or not recorded (min and max null). */
export const stayBinSchema = z.object({ label: z.string(), min: z.number().int().nullable(), max: z.number().int().nullable() });

export const retroReportSchema = z.object({
  dataset: retroDatasetSchema,
  /** Per TEDS setting (SERVICES codes 1–8): how many records were admitted to it and discharged from it. */
  settings: z.array(
    z.object({ setting, label: z.string(), level: levelSchema, withdrawalManagement: z.boolean(), admissions: count, discharges: count }),
  ),
  /** Records with no admission or no discharge setting. */
  missingSetting: z.object({ admission: count, discharge: count }),
  /** Within-record moves from the admission setting to the discharge setting (the only transitions TEDS-D holds). */
  transitions: z.array(z.object({ from: setting, to: setting, count })),
  /** Reasons for discharge by discharge setting; `reason` is the TEDS REASON code (null: not recorded); `setting` null: no discharge setting recorded. */
  outcomes: z.array(
    z.object({
      setting: setting.nullable(),
      reason: z.number().int().min(1).max(7).nullable(),
      label: z.string(),
      endReason: z.enum(EPISODE_END_REASONS).nullable(),
      count,
    }),
  ),
  /** Length of stay by discharge setting, in the bins the data holds; never turned into a day count it does not have. */
  lengthOfStay: z.array(z.object({ setting: setting.nullable(), bin: stayBinSchema, count })),
  /**
   * Rule concordance: for records whose mapped fields allow a recommendation, whether the admission setting's level
   * matches it. `insufficientData` counts the records that cannot be compared: the rules gave no level (too much is
   * missing) or no admission setting was recorded; `records` = `withRecommendation` + `insufficientData`. `byLevel`
   * groups the records by the level of their admission setting (records without one are in no group).
   */
  concordance: z.object({
    records: count,
    withRecommendation: count,
    matching: count,
    insufficientData: count,
    byLevel: z.array(z.object({ level: levelSchema, withRecommendation: count, matching: count, insufficientData: count })),
  }),
});
export type RetroReport = z.infer<typeof retroReportSchema>;
