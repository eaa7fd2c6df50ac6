import { z } from 'zod';
import { withJobId } from './jobs';

/** Why a backup was made: by an administrator, by Stepwise when it closed, or as the safety copy a restore makes first. */
export const BACKUP_KINDS = ['manual', 'automatic', 'before-restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

export const BACKUP_KIND_LABELS: Readonly<Record<BackupKind, string>> = {
  manual: 'Made by hand',
  automatic: 'Automatic, when Stepwise closed',
  'before-restore': 'Safety copy before a restore',
};

/**
 * A backup's file name: when (UTC, to the second) and why it was made, and a number when several share a second.
 * Only names of this shape are ever listed, opened or restored, so no path can be smuggled in.
 */
export const BACKUP_NAME_PATTERN = /^stepwise-(\d{4})-(\d{2})-(\d{2})T(\d{2})(\d{2})(\d{2})Z-(manual|automatic|before-restore)(?:-(\d{1,4}))?\.db$/;

export const backupNameSchema = z
  .string({ error: 'Choose a backup.' })
  .min(1, 'Choose a backup.')
  .max(80, 'This is not the name of a Stepwise backup.')
  .regex(BACKUP_NAME_PATTERN, 'This is not the name of a Stepwise backup.');

export const DEFAULT_BACKUPS_TO_KEEP = 7;
export const MAX_BACKUPS_TO_KEEP = 100;
export const backupsToKeepSchema = z
  .number({ error: 'Enter how many backups to keep.' })
  .int('The number of backups to keep must be a whole number.')
  .min(1, 'Keep at least 1 backup.')
  .max(MAX_BACKUPS_TO_KEEP, `Stepwise keeps at most ${MAX_BACKUPS_TO_KEEP} backups.`);

/** The records a person recognises; every table's count is checked, these four are shown. */
export const backupCountsSchema = z.object({
  cases: z.number().int().min(0),
  assessments: z.number().int().min(0),
  decisions: z.number().int().min(0),
  episodes: z.number().int().min(0),
});
export type BackupCounts = z.infer<typeof backupCountsSchema>;

export const backupSummarySchema = z.object({
  name: z.string(),
  kind: z.enum(BACKUP_KINDS),
  /** When the copy was taken (ISO instant). */
  createdAt: z.string(),
  sizeBytes: z.number().int().min(0),
  /** Null when the file could not be read; `problem` then says why. */
  appVersion: z.string().nullable(),
  schemaVersion: z.number().int().nullable(),
  counts: backupCountsSchema.nullable(),
  /** Whether this version of Stepwise can restore it, and if not, why, in a sentence. */
  restorable: z.boolean(),
  problem: z.string().nullable(),
});
export type BackupSummary = z.infer<typeof backupSummarySchema>;

export const backupListSchema = z.object({
  backups: z.array(backupSummarySchema),
  /** Where the backups are, for an administrator copying them to another drive. */
  folder: z.string(),
  keep: z.number().int(),
  lastAutomaticAt: z.string().nullable(),
});
export type BackupList = z.infer<typeof backupListSchema>;

/** A backup to check; the window may name the job, to ask how far the check has got. */
export const inspectBackupInputSchema = z.strictObject({ name: backupNameSchema, ...withJobId });

/** What inspecting found after verifying the whole file: it opens with the key, passes integrity_check, counts match. */
export const backupDetailsSchema = backupSummarySchema.extend({
  madeBy: z.string().nullable(),
  verifiedAt: z.string(),
});
export type BackupDetails = z.infer<typeof backupDetailsSchema>;

export const restoreBackupInputSchema = z.strictObject({
  name: backupNameSchema,
  /** The person confirmed in a dialog naming the backup; a restore is never a side effect of another call. */
  confirmed: z.literal(true, { error: 'Confirm that the current records should be replaced by the backup.' }),
  ...withJobId,
});

export const restoreOutcomeSchema = z.object({
  restoredFrom: z.string(),
  /** The verified copy of the records as they were just before the restore. */
  safetyCopy: z.string(),
  /** False when the person's account is not in the restored records (or no longer an administrator there). */
  stillSignedIn: z.boolean(),
});
export type RestoreOutcome = z.infer<typeof restoreOutcomeSchema>;

/** Nothing to choose; the window may name the job, to ask how far it has got. */
export const createBackupInputSchema = z
  .strictObject({ ...withJobId })
  .optional()
  .transform((input) => input ?? {});

export const createBackupOutputSchema = backupSummarySchema.extend({ pruned: z.array(z.string()) });
export type CreatedBackup = z.infer<typeof createBackupOutputSchema>;
