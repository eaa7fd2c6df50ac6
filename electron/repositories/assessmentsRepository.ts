import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { AssessmentRecord } from '../../shared/contract/assessments';
import { DomainError } from '../services/errors';
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
  readonly assessorId: string | null;
  readonly note: string | null;
  readonly amendsId: string | null;
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
    assessor_id: row.assessorId,
    note: row.note,
    amends_id: row.amendsId,
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

/**
 * Every stored assessment with its case, one at a time and in table order: 300,000 of them hold over 400 MB of
 * payload, so they are read as a stream (better-sqlite3's iterate), never held together and never sorted here.
 */
export async function* streamStoredAssessments(db: Db): AsyncGenerator<StoredAssessment> {
  for await (const row of storedAssessmentRows(db).stream(500)) yield toStoredAssessment(row);
}

/** One replay key (shared/rules/replayKey.ts) and how many stored assessments have it. */
export interface ReplayKeyGroup {
  readonly replayKey: string;
  readonly assessments: number;
}

/** At least as many as the stored assessments (their highest rowid): cheap, for a progress bar's total. */
export async function assessmentRowsAtMost(db: Db): Promise<number> {
  const row = await db
    .selectFrom('assessments')
    .select(sql<number | null>`max(rowid)`.as('last'))
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}

/**
 * Every replay key with its number of assessments, in key order, a page of keys at a time: the table is ordered by
 * key, so SQLite counts them in one pass without sorting, and only the distinct keys reach JavaScript.
 */
export async function* replayKeyGroups(db: Db, pageSize = 10_000): AsyncGenerator<readonly ReplayKeyGroup[]> {
  let after: string | null = null;
  for (;;) {
    let query = db
      .selectFrom('assessment_rules_inputs')
      .select((eb) => ['replay_key', eb.fn.countAll<number>().as('assessments')])
      .groupBy('replay_key')
      .orderBy('replay_key')
      .limit(pageSize);
    if (after !== null) query = query.where('replay_key', '>', after);
    const rows = await query.execute();
    if (rows.length > 0) yield rows.map((row) => ({ replayKey: row.replay_key, assessments: Number(row.assessments) }));
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]?.replay_key ?? null;
  }
}

const KEY_CHUNK = 500;

/** The stored assessments whose replay key is one of these ('' included), read in full, one at a time. */
export async function* streamStoredAssessmentsWithReplayKeys(db: Db, replayKeys: readonly string[]): AsyncGenerator<StoredAssessment> {
  for (let start = 0; start < replayKeys.length; start += KEY_CHUNK) {
    const rows = storedAssessmentRows(db)
      .innerJoin('assessment_rules_inputs', 'assessment_rules_inputs.assessment_id', 'assessments.id')
      .where('assessment_rules_inputs.replay_key', 'in', replayKeys.slice(start, start + KEY_CHUNK))
      .stream(500);
    for await (const row of rows) yield toStoredAssessment(row);
  }
}

function storedAssessmentRows(db: Db) {
  return db
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
    ]);
}

type StoredAssessmentRow = Omit<StoredAssessment, 'assessment' | 'recommendation'> & { readonly payload: string; readonly recommendation: string };

function toStoredAssessment(row: StoredAssessmentRow): StoredAssessment {
  return {
    id: row.id,
    caseId: row.caseId,
    mrn: row.mrn,
    fullName: row.fullName,
    assessedOn: row.assessedOn,
    ...readStored(row.id, row.payload, row.recommendation),
  };
}

/** Stored JSON is checked on the way out: a damaged record stops the action with a message, not a crash. */
function readStored(
  id: string,
  payload: string,
  recommendation: string,
): { assessment: Assessment; recommendation: z.infer<typeof recommendationSchema> } {
  try {
    return { assessment: assessmentSchemaV1.parse(JSON.parse(payload)), recommendation: recommendationSchema.parse(JSON.parse(recommendation)) };
  } catch {
    throw new DomainError('unavailable', `The stored assessment ${id} could not be read; the record may be damaged. Nothing was changed.`);
  }
}

/** Only the stored recommendation, for lists that show what the rules said and why. */
export function readStoredRecommendation(id: string, recommendation: string): z.infer<typeof recommendationSchema> {
  try {
    return recommendationSchema.parse(JSON.parse(recommendation));
  } catch {
    throw new DomainError('unavailable', `The stored assessment ${id} could not be read; the record may be damaged. Nothing was changed.`);
  }
}

export async function insertAssessment(db: Db, row: NewAssessmentRow): Promise<void> {
  await db.insertInto('assessments').values(toRow(row)).execute();
}

const LOCKING_STATUSES = ['submitted', 'approved'] as const;

export async function listCaseAssessments(db: Db, caseId: string): Promise<AssessmentRecord[]> {
  return listAssessmentsOfCases(db, [caseId]);
}

const CASE_CHUNK = 500;

/** The assessments of these cases, each case's newest first (chunked: SQLite limits bound parameters per statement). */
export async function listAssessmentsOfCases(db: Db, caseIds: readonly string[]): Promise<AssessmentRecord[]> {
  const records: AssessmentRecord[] = [];
  for (let start = 0; start < caseIds.length; start += CASE_CHUNK) {
    records.push(...(await assessmentsOfChunk(db, caseIds.slice(start, start + CASE_CHUNK))));
  }
  return records;
}

async function assessmentsOfChunk(db: Db, caseIds: readonly string[]): Promise<AssessmentRecord[]> {
  const rows = await db
    .selectFrom('assessments')
    .leftJoin('users', 'users.id', 'assessments.assessor_id')
    .selectAll('assessments')
    .select((eb) => [
      'users.display_name as assessor_name',
      eb.selectFrom('assessments as later').select('later.id').whereRef('later.amends_id', '=', 'assessments.id').limit(1).as('amended_by_id'),
      eb
        .exists(
          eb
            .selectFrom('decisions')
            .select('decisions.id')
            .whereRef('decisions.assessment_id', '=', 'assessments.id')
            .where('decisions.status', 'in', LOCKING_STATUSES),
        )
        .as('locked'),
    ])
    .where('assessments.case_id', 'in', [...caseIds])
    .orderBy('assessments.case_id')
    .orderBy('assessments.assessed_on', 'desc')
    .orderBy('assessments.created_at', 'desc')
    .orderBy('assessments.id', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    caseId: row.case_id,
    assessedOn: row.assessed_on,
    ...readStored(row.id, row.payload, row.recommendation),
    assessor: row.assessor_id && row.assessor_name ? { id: row.assessor_id, displayName: row.assessor_name } : null,
    note: row.note,
    amendsId: row.amends_id,
    amendedById: row.amended_by_id ?? null,
    locked: Boolean(row.locked),
    createdAt: row.created_at,
  }));
}

export async function findAssessment(
  db: Db,
  id: string,
): Promise<{ id: string; caseId: string; amendedById: string | null; recommendation: Recommendation; assessment: Assessment } | undefined> {
  const row = await db
    .selectFrom('assessments')
    .select((eb) => [
      'assessments.id',
      'assessments.case_id',
      'assessments.payload',
      'assessments.recommendation',
      eb.selectFrom('assessments as later').select('later.id').whereRef('later.amends_id', '=', 'assessments.id').limit(1).as('amended_by_id'),
    ])
    .where('assessments.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, caseId: row.case_id, amendedById: row.amended_by_id ?? null, ...readStored(row.id, row.payload, row.recommendation) };
}

/** The case's latest assessment that has not been amended: what the caseload shows as "recommended". */
export async function latestAssessment(
  db: Db,
  caseId: string,
): Promise<{ id: string; recommendedLevel: AssessmentRecord['recommendation']['level'] } | undefined> {
  const row = await db
    .selectFrom('assessments')
    .select(['assessments.id', 'assessments.recommended_level'])
    .where('assessments.case_id', '=', caseId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('assessments as later').select('later.id').whereRef('later.amends_id', '=', 'assessments.id'))))
    .orderBy('assessments.assessed_on', 'desc')
    .orderBy('assessments.created_at', 'desc')
    .orderBy('assessments.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { id: row.id, recommendedLevel: row.recommended_level } : undefined;
}

export async function countAssessments(db: Db): Promise<number> {
  const row = await db
    .selectFrom('assessments')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return Number(row.total);
}
