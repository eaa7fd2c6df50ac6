import { z } from 'zod';
import { IMPORT_KINDS } from '../import/fields';
import { DATE_FORMATS } from '../import/mapping';
import { TEDS_FORMATS } from '../teds/records';
import { disclosureSchema } from './disclosures';

export const EXISTING_CHOICES = ['update', 'skip', 'stop'] as const;
export type ExistingChoice = (typeof EXISTING_CHOICES)[number];
export const IMPORT_DELIMITER_NAMES = ['comma', 'semicolon', 'tab'] as const;
/** The table shows this many problems; the saved report holds them all. */
export const MAX_PROBLEMS_SHOWN = 500;
export const MAX_COLUMNS = 200;

const importIdSchema = z.string({ error: 'Choose a file to import first.' }).min(1, 'Choose a file to import first.').max(64);

export const openImportInputSchema = z.strictObject({
  kind: z.enum(IMPORT_KINDS, { error: 'Choose what the file holds: cases, assessments, episodes or TEDS-D discharges.' }),
});

export const importIdInputSchema = z.strictObject({ importId: importIdSchema });

const columnProblemSchema = z.object({ column: z.number().int().min(1).nullable(), message: z.string() });

export const importFileSchema = z.object({
  importId: z.string(),
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string(),
  sizeBytes: z.number().int().min(0),
  delimiter: z.enum(IMPORT_DELIMITER_NAMES),
  headers: z.array(z.string()),
  /** The first rows as they are in the file, to check the mapping against. */
  preview: z.array(z.array(z.string())),
  columns: z.array(z.string()),
  dateFormat: z.enum(DATE_FORMATS),
  mappingSource: z.enum(['saved', 'matched']),
  mappingProblems: z.array(columnProblemSchema),
  /** TEDS-D files only (null otherwise): the format the header names, official codes or decoded labels. */
  tedsFormat: z.enum(TEDS_FORMATS).nullable(),
});
export type ImportFile = z.infer<typeof importFileSchema>;

export const openImportOutputSchema = z.union([importFileSchema, z.object({ cancelled: z.literal(true) })]);

export const importChoicesInputSchema = z.strictObject({
  importId: importIdSchema,
  columns: z
    .array(z.string().max(64), { error: 'The column mapping must be a list.' })
    .max(MAX_COLUMNS, `A file can have at most ${MAX_COLUMNS} columns.`),
  dateFormat: z.enum(DATE_FORMATS, { error: 'Choose how the file writes dates.' }),
  existing: z.enum(EXISTING_CHOICES, { error: 'Choose what to do with records that already exist: update, skip or stop.' }),
});
export type ImportChoices = z.infer<typeof importChoicesInputSchema>;

export const rowProblemSchema = z.object({ row: z.number().int(), column: z.string(), value: z.string(), message: z.string() });

export const importSummarySchema = z.object({
  rows: z.number().int().min(0),
  problemCount: z.number().int().min(0),
  rowsWithProblems: z.number().int().min(0),
  /** Records the import adds: cases, assessments (not amendments) or episodes. */
  create: z.number().int().min(0),
  /** Cases it updates, or assessments it amends. */
  update: z.number().int().min(0),
  /** Rows already in Stepwise exactly as they are in the file: importing the same file twice changes nothing. */
  unchanged: z.number().int().min(0),
  /** Rows whose record already exists with other values; the choice for existing records decides. */
  existing: z.number().int().min(0),
  skipped: z.number().int().min(0),
  problems: z.array(rowProblemSchema),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const importReportSchema = importSummarySchema.extend({
  mappingProblems: z.array(columnProblemSchema),
  /** Why the import cannot be committed as checked; empty when it can. */
  blockers: z.array(z.string()),
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const importResultSchema = importSummarySchema.omit({ problems: true });
export type ImportResult = z.infer<typeof importResultSchema>;

export const IMPORT_PHASES = ['idle', 'checking', 'importing', 'writing'] as const;
export const importProgressSchema = z.object({
  phase: z.enum(IMPORT_PHASES),
  bytesRead: z.number().int().min(0),
  totalBytes: z.number().int().min(0),
  rows: z.number().int().min(0),
  written: z.number().int().min(0),
  toWrite: z.number().int().min(0),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

export const saveImportReportInputSchema = z.strictObject({
  importId: importIdSchema,
  disclosure: disclosureSchema.nullable().default(null),
});
