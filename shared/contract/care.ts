import { z } from 'zod';
import { DISCHARGE_REASONS } from '../domain/episodes';
import { LEVELS } from '../domain/levels';
import { backupsToKeepSchema } from './backups';
import { personRefSchema } from './cases';
import { isoDateSchema, levelSchema, optionalTextSchema, requiredDateSchema } from './fields';

const idSchema = (what: string) =>
  z
    .string({ error: `Choose ${what}.` })
    .min(1, `Choose ${what}.`)
    .max(64);

const intervalDays = (level: string) =>
  z
    .number({ error: `Enter the ${level} review interval in days.` })
    .int(`The ${level} review interval must be a whole number of days.`)
    .min(1, `The ${level} review interval must be at least 1 day.`)
    .max(365, `The ${level} review interval can be at most 365 days.`);

export const reviewIntervalsSchema = z.strictObject({
  inpatient: intervalDays('inpatient'),
  iop: intervalDays('IOP'),
  outpatient: intervalDays('outpatient'),
});
export type ReviewIntervals = z.infer<typeof reviewIntervalsSchema>;
export const DEFAULT_REVIEW_INTERVALS: ReviewIntervals = { inpatient: 7, iop: 30, outpatient: 90 };

export const DEFAULT_AUTO_LOCK_MINUTES = 10;
export const MAX_AUTO_LOCK_MINUTES = 60;
export const autoLockMinutesSchema = z
  .number({ error: 'Enter the minutes without activity before Stepwise locks.' })
  .int('The auto-lock time must be a whole number of minutes.')
  .min(1, 'The auto-lock time must be at least 1 minute.')
  .max(MAX_AUTO_LOCK_MINUTES, `The auto-lock time can be at most ${MAX_AUTO_LOCK_MINUTES} minutes.`);

export const settingsSchema = z.object({
  reviewIntervals: reviewIntervalsSchema,
  autoLockMinutes: autoLockMinutesSchema,
  backupsToKeep: backupsToKeepSchema,
});
export type Settings = z.infer<typeof settingsSchema>;
export const updateSettingsInputSchema = z
  .strictObject({
    reviewIntervals: reviewIntervalsSchema.optional(),
    autoLockMinutes: autoLockMinutesSchema.optional(),
    backupsToKeep: backupsToKeepSchema.optional(),
  })
  .refine((input) => input.reviewIntervals !== undefined || input.autoLockMinutes !== undefined || input.backupsToKeep !== undefined, {
    message: 'Change the review intervals, the auto-lock time or the number of backups to keep.',
  });
export type UpdateSettingsInput = z.input<typeof updateSettingsInputSchema>;

export const dischargeInputSchema = z.strictObject({
  caseId: idSchema('a case'),
  dischargeDate: requiredDateSchema('discharge date'),
  reason: z.enum(DISCHARGE_REASONS, { error: 'Choose the reason the episode ended.' }),
  note: optionalTextSchema('The note', 500),
});

export const correctEpisodeInputSchema = z
  .strictObject({
    caseId: idSchema('a case'),
    episodeId: idSchema('an episode'),
    startDate: isoDateSchema.optional(),
    endDate: isoDateSchema.optional(),
    reason: z
      .string({ error: 'Say why the dates are corrected.' })
      .trim()
      .min(1, 'Say why the dates are corrected.')
      .max(500, 'The reason can be at most 500 characters.'),
  })
  .refine((input) => input.startDate !== undefined || input.endDate !== undefined, {
    message: 'Enter the corrected start or end date.',
    path: ['startDate'],
  });

export const recordAttendanceInputSchema = z.strictObject({
  caseId: idSchema('a case'),
  sessionDate: requiredDateSchema('session date'),
  hours: z
    .number({ error: 'Enter the hours attended as a number.' })
    .gt(0, 'The hours must be more than 0.')
    .max(24, 'A session can last at most 24 hours.')
    .refine((hours) => Number.isInteger(hours * 4), 'Round the hours to the nearest quarter hour.'),
});
export const attendanceIdInputSchema = z.strictObject({ attendanceId: idSchema('a session') });

export const saveAuthorizationInputSchema = z
  .strictObject({
    authorizationId: idSchema('an authorization').optional(),
    caseId: idSchema('a case'),
    payer: z.string({ error: 'Enter the payer.' }).trim().min(1, 'Enter the payer.').max(80, 'The payer can be at most 80 characters.'),
    level: z.enum(LEVELS, { error: 'Choose the authorized level.' }),
    fromDate: requiredDateSchema('first authorized day'),
    toDate: requiredDateSchema('last authorized day'),
    units: z
      .number({ error: 'The units must be a whole number.' })
      .int('The units must be a whole number.')
      .min(0, 'The units cannot be negative.')
      .max(100_000)
      .nullable()
      .optional(),
  })
  .refine((input) => input.toDate >= input.fromDate, { message: 'The last authorized day is before the first.', path: ['toDate'] });
export const authorizationIdInputSchema = z.strictObject({ authorizationId: idSchema('an authorization') });

export const CARE_EVENT_KINDS = ['discharge', 'readmission', 'episode-correction'] as const;

export const careEventRecordSchema = z.object({
  id: z.string(),
  kind: z.enum(CARE_EVENT_KINDS),
  eventDate: isoDateSchema,
  episodeId: z.string().nullable(),
  endReason: z.string().nullable(),
  reason: z.string().nullable(),
  /** For corrections, the dates before and after. */
  before: z.object({ startDate: isoDateSchema, endDate: isoDateSchema.nullable() }).nullable(),
  after: z.object({ startDate: isoDateSchema, endDate: isoDateSchema.nullable() }).nullable(),
  recordedBy: personRefSchema,
  recordedAt: z.string(),
});
export type CareEventRecord = z.infer<typeof careEventRecordSchema>;

export const attendanceRecordSchema = z.object({ id: z.string(), sessionDate: isoDateSchema, hours: z.number(), recordedBy: personRefSchema });
export type AttendanceRecord = z.infer<typeof attendanceRecordSchema>;

export const weeklyHoursSchema = z.object({ weekStart: isoDateSchema, hours: z.number(), fullWeekAtIop: z.boolean(), belowIntensity: z.boolean() });

export const authorizationRecordSchema = z.object({
  id: z.string(),
  payer: z.string(),
  level: levelSchema,
  fromDate: isoDateSchema,
  toDate: isoDateSchema,
  units: z.number().int().nullable(),
  recordedBy: personRefSchema,
  recordedAt: z.string(),
});
export type AuthorizationRecord = z.infer<typeof authorizationRecordSchema>;
