import { z } from 'zod';
import { assessmentSchemaV1 } from '../rules/assessment';
import { recommendationSchema } from '../rules/recommendation';
import { optionalTextSchema } from './fields';
import { personRefSchema } from './cases';

/**
 * What the assessment form sends: the interchange fields minus the id (the app assigns it) and the
 * current level (the main process reads it from the case's episodes on the assessment date).
 */
export const saveAssessmentInputSchema = assessmentSchemaV1.omit({ id: true, currentLevel: true }).extend({
  caseId: z.string({ error: 'Choose a case.' }).min(1, 'Choose a case.').max(64),
  /** Set to record an amendment: a new version linked to the assessment it amends. */
  amendsId: z.string().min(1).max(64).optional(),
  note: optionalTextSchema('The note', 500),
});
export type SaveAssessmentInput = z.input<typeof saveAssessmentInputSchema>;
export type SaveAssessmentRequest = z.output<typeof saveAssessmentInputSchema>;

export const assessmentRecordSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  assessedOn: z.string(),
  assessment: assessmentSchemaV1,
  recommendation: recommendationSchema,
  assessor: personRefSchema.nullable(),
  note: z.string().nullable(),
  amendsId: z.string().nullable(),
  amendedById: z.string().nullable(),
  /** Used by a submitted or approved decision: never edited again, only amended. */
  locked: z.boolean(),
  createdAt: z.string(),
});
export type AssessmentRecord = z.infer<typeof assessmentRecordSchema>;
