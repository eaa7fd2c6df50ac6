import { z } from 'zod';
import { listCasesInputSchema } from './cases';
import { disclosureSchema, type ExportKind } from './disclosures';
import { withJobId } from './jobs';

/** What a bulk export holds: one row (or interchange item) per case, assessment, decision or episode. */
export const EXPORT_DATASETS = ['cases', 'assessments', 'decisions', 'episodes'] as const;
export type ExportDataset = (typeof EXPORT_DATASETS)[number];

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Datasets with an interchange JSON format (assessments v1 for `npm run evaluate`, episodes v1 for `npm run metrics`). */
export const JSON_DATASETS: readonly ExportDataset[] = ['assessments', 'episodes'];

export const EXPORT_DATASET_LABELS: Readonly<Record<ExportDataset, string>> = {
  cases: 'Cases',
  assessments: 'Assessments',
  decisions: 'Placement decisions',
  episodes: 'Episodes of care',
};

export function exportKindOf(dataset: ExportDataset, format: ExportFormat): ExportKind {
  return `${dataset}-${format}` as ExportKind;
}

/** The caseload's filters without paging and sorting: which cases an export covers. */
export const caseloadFilterSchema = listCasesInputSchema.pick({
  level: true,
  clinician: true,
  mismatchOnly: true,
  flag: true,
  decisionStatus: true,
  search: true,
  includeDischarged: true,
});
export type CaseloadFilterInput = z.input<typeof caseloadFilterSchema>;

/**
 * `all`: every case the user may see (a clinician's own caseload, every case for supervisors); `filtered`: the
 * cases the caseload shows with these filters. Either way within the user's caseload.
 */
export const exportScopeSchema = z.discriminatedUnion(
  'kind',
  [z.strictObject({ kind: z.literal('all') }), z.strictObject({ kind: z.literal('filtered'), filter: caseloadFilterSchema })],
  { error: 'Choose which cases to export: all the cases you may see, or those the caseload filters show.' },
);

export const exportRecordsInputSchema = z
  .strictObject({
    dataset: z.enum(EXPORT_DATASETS, { error: 'Choose what to export: cases, assessments, placement decisions or episodes.' }),
    format: z.enum(EXPORT_FORMATS, { error: 'Choose the file format: CSV or JSON.' }),
    scope: exportScopeSchema,
    /** Null: for use within the clinic. Otherwise the file leaves the clinic and a disclosure is recorded per case. */
    disclosure: disclosureSchema.nullable().default(null),
    ...withJobId,
  })
  .refine((input) => input.format === 'csv' || JSON_DATASETS.includes(input.dataset), {
    message: 'Cases and placement decisions are exported as CSV only; JSON is for assessments and episodes (the interchange formats).',
    path: ['format'],
  });
export type ExportRecordsInput = z.input<typeof exportRecordsInputSchema>;
export type ExportRecordsRequest = z.output<typeof exportRecordsInputSchema>;

/** `saved` is false when the person cancelled the save dialog; the counts say what the file holds (or would have). */
export const exportRecordsOutputSchema = z.object({
  saved: z.boolean(),
  fileName: z.string().nullable(),
  /** Cases whose records are in the file. */
  cases: z.number().int().min(0),
  /** Rows below the header (CSV) or items in the array (JSON). */
  rows: z.number().int().min(0),
});
export type ExportRecordsOutput = z.infer<typeof exportRecordsOutputSchema>;
