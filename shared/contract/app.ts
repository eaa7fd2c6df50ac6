import { z } from 'zod';
import { BULK_EXPORT_KINDS, exportRecordSchema } from './disclosures';

export const emptyInputSchema = z
  .strictObject({})
  .optional()
  .transform(() => ({}));

export const appInfoSchema = z.object({
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  databaseFile: z.string(),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const openExternalInputSchema = z.strictObject({
  url: z.string({ error: 'The link address is missing.' }).max(2048, 'The link address is too long.'),
});

export const openExternalOutputSchema = z.object({ opened: z.boolean() });

export const demoStatusSchema = z.object({
  totalCases: z.number().int().min(0),
  syntheticCases: z.number().int().min(0),
});
export type DemoStatus = z.infer<typeof demoStatusSchema>;

export const loadDemoOutputSchema = z.object({ created: z.number().int().min(0) });

/** A file name the user may keep or change in the save dialog: no folders, no control characters. */
const suggestedNameSchema = z
  .string({ error: 'Name the file.' })
  .trim()
  .min(1, 'Name the file.')
  .max(120, 'The file name can be at most 120 characters.')
  .refine((name) => ![...name].some((character) => character.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(character)), {
    message: 'The file name cannot contain \\ / : * ? " < > | or control characters.',
  });

/** Exports of many cases' records are written by the main process itself (exports.save), never from window content. */
const windowExportRecordSchema = exportRecordSchema
  .refine((record) => !BULK_EXPORT_KINDS.includes(record.kind), {
    message: 'Exports of cases, assessments, decisions and episodes are made from the Export dialog of the caseload.',
    path: ['kind'],
  })
  // A review packet is sealed and saved by the main process itself (packets.exportRequest, packets.exportSignOff).
  .refine((record) => record.kind !== 'review-request' && record.kind !== 'review-sign-off', {
    message: 'Review packets are made from the review packet dialog.',
    path: ['kind'],
  });

/** Every file that leaves Stepwise says what it holds and for whom, so the audit and disclosure logs can record it. */
export const saveTextInputSchema = z.strictObject({
  suggestedName: suggestedNameSchema,
  content: z.string().max(50_000_000, 'The file is too large to save.'),
  record: windowExportRecordSchema,
});

export const savePdfInputSchema = z.strictObject({ suggestedName: suggestedNameSchema, record: windowExportRecordSchema });

/** `saved` is false when the person cancelled the save dialog. */
export const savedFileSchema = z.object({ saved: z.boolean(), fileName: z.string().nullable() });
