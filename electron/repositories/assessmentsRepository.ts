import type { Kysely } from 'kysely';
import { assessmentSchemaV1, type Assessment } from '../../shared/rules/assessment';
import { recommendationSchema, type Recommendation } from '../../shared/rules/recommendation';
import type { AssessmentsTable, StepwiseSchema } from '../db/schema';

type Db = Kysely<StepwiseSchema>;

export interface NewAssessmentRow {
  readonly id: string;
  readonly caseId: string;
  readonly assessment: Assessment;
  readonly recommendation: Recommendation;
  readonly createdAt: string;
}

export interface StoredAssessment {
  readonly id: string;
  readonly caseId: string;
  readonly mrn: string;
  readonly fullName: string;
  readonly assessedOn: string;
  readonly assessment: Assessment;
  readonly recommendation: Recommendation;
}

function toRow(row: NewAssessmentRow): AssessmentsTable {
  return {
    id: row.id,
    case_id: row.caseId,
    assessed_on: row.assessment.assessedOn,
    format_version: 1,
    payload: JSON.stringify(row.assessment),
    recommendation: JSON.stringify(row.recommendation),
    recommended_level: row.recommendation.level,
    ruleset_version: row.recommendation.rulesetVersion,
    created_at: row.createdAt,
  };
}

/** Inserts many assessments in chunks (SQLite limits bound parameters per statement). */
export async function insertAssessments(db: Db, rows: readonly NewAssessmentRow[]): Promise<void> {
  const chunkSize = 500;
  for (let start = 0; start < rows.length; start += chunkSize) {
    await db
      .insertInto('assessments')
      .values(rows.slice(start, start + chunkSize).map(toRow))
      .execute();
  }
}

/** Every stored assessment with its case, oldest first; stored JSON is parsed, never trusted blindly. */
export async function listStoredAssessments(db: Db): Promise<StoredAssessment[]> {
  const rows = await db
    .selectFrom('assessments')
    .innerJoin('cases', 'cases.id', 'assessments.case_id')
    .select([
      'assessments.id as id',
      'assessments.case_id as caseId',
      'cases.mrn as mrn',
      'cases.full_name as fullName',
      'assessments.assessed_on as assessedOn',
      'assessments.payload as payload',
      'assessments.recommendation as recommendation',
    ])
    .orderBy('assessments.assessed_on')
    .orderBy('assessments.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    caseId: row.caseId,
    mrn: row.mrn,
    fullName: row.fullName,
    assessedOn: row.assessedOn,
    assessment: assessmentSchemaV1.parse(JSON.parse(row.payload)),
    recommendation: recommendationSchema.parse(JSON.parse(row.recommendation)),
  }));
}

export async function countAssessments(db: Db): Promise<number> {
  const row = await db
    .selectFrom('assessments')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return Number(row.total);
}
