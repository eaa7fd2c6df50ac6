import { z } from 'zod';
import { EPISODE_END_REASONS } from '../domain/episodes';
import { assessmentRecordSchema } from './assessments';
import { attendanceRecordSchema, authorizationRecordSchema, careEventRecordSchema, weeklyHoursSchema } from './care';
import { caseSummarySchema } from './cases';
import { decisionRecordSchema } from './decisions';
import { isoDateSchema, levelSchema } from './fields';

export const episodeRecordSchema = z.object({
  id: z.string(),
  level: levelSchema,
  startDate: isoDateSchema,
  endDate: isoDateSchema.nullable(),
  endReason: z.enum(EPISODE_END_REASONS).nullable(),
  openedByDecisionId: z.string().nullable(),
  followsId: z.string().nullable(),
});
export type EpisodeRecord = z.infer<typeof episodeRecordSchema>;

/**
 * Why the signed-in user may see this case: it is assigned to them, their role sees every case (supervisor,
 * administrator), or they opened it through emergency access this session.
 */
export const CASE_ACCESS_BASES = ['assigned', 'all-cases', 'emergency'] as const;
export type CaseAccessBasis = (typeof CASE_ACCESS_BASES)[number];

export const caseDetailSchema = z.object({
  access: z.enum(CASE_ACCESS_BASES),
  summary: caseSummarySchema,
  episodes: z.array(episodeRecordSchema),
  assessments: z.array(assessmentRecordSchema),
  decisions: z.array(decisionRecordSchema),
  careEvents: z.array(careEventRecordSchema),
  attendance: z.array(attendanceRecordSchema),
  weeklyHours: z.array(weeklyHoursSchema),
  authorizations: z.array(authorizationRecordSchema),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;
