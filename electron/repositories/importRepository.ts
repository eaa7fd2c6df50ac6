import { CompiledQuery, type Kysely } from 'kysely';
import type { CaseStatus } from '../../shared/domain/case';
import type { Episode } from '../../shared/domain/episodes';
import type { StepwiseSchema } from '../db/schema';
import type { NewCaseRow } from './casesRepository';

type Db = Kysely<StepwiseSchema>;

export interface ExistingCase {
  readonly id: string;
  readonly mrn: string;
  readonly fullName: string;
  readonly dateOfBirth: string;
  readonly clinicianId: string | null;
  readonly program: string | null;
  readonly payer: string | null;
  readonly status: CaseStatus;
}

/** Every case by MRN, read once so each row of a large file is checked without a query. */
export async function casesByMrn(db: Db): Promise<Map<string, ExistingCase>> {
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'mrn', 'full_name', 'date_of_birth', 'clinician_id', 'program', 'payer', 'status'])
    .execute();
  return new Map(
    rows.map((row) => [
      row.mrn,
      {
        id: row.id,
        mrn: row.mrn,
        fullName: row.full_name,
        dateOfBirth: row.date_of_birth,
        clinicianId: row.clinician_id,
        program: row.program,
        payer: row.payer,
        status: row.status,
      },
    ]),
  );
}

/** Active clinicians by username: the only people a case may be assigned to. */
export async function activeCliniciansByUsername(db: Db): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.username'])
    .where('user_roles.role', '=', 'clinician')
    .where('users.active', '=', 1)
    .execute();
  return new Map(rows.map((row) => [row.username.toLowerCase(), row.id]));
}

export interface ExistingAssessment {
  readonly id: string;
  readonly payload: string;
}

/** The current version (not amended) of each case's assessments, keyed by case and date. */
export async function currentAssessmentsByCaseAndDate(db: Db): Promise<Map<string, ExistingAssessment[]>> {
  const rows = await db
    .selectFrom('assessments')
    .select(['id', 'case_id', 'assessed_on', 'payload'])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('assessments as later').select('later.id').whereRef('later.amends_id', '=', 'assessments.id'))))
    .execute();
  const byKey = new Map<string, ExistingAssessment[]>();
  for (const row of rows) {
    const key = `${row.case_id}|${row.assessed_on}`;
    byKey.set(key, [...(byKey.get(key) ?? []), { id: row.id, payload: row.payload }]);
  }
  return byKey;
}

export async function episodesByCase(db: Db): Promise<Map<string, Episode[]>> {
  const rows = await db
    .selectFrom('episodes')
    .select(['id', 'case_id', 'level', 'start_date', 'end_date', 'end_reason', 'follows_episode_id'])
    .execute();
  const byCase = new Map<string, Episode[]>();
  for (const row of rows) {
    const episode: Episode = {
      id: row.id,
      level: row.level,
      startDate: row.start_date,
      endDate: row.end_date,
      endReason: row.end_reason,
      followsId: row.follows_episode_id,
    };
    byCase.set(row.case_id, [...(byCase.get(row.case_id) ?? []), episode]);
  }
  return byCase;
}

export async function insertImportedEpisodes(db: Db, rows: readonly (Episode & { readonly caseId: string })[], now: string): Promise<void> {
  const chunkSize = 400;
  for (let start = 0; start < rows.length; start += chunkSize) {
    await db
      .insertInto('episodes')
      .values(
        rows.slice(start, start + chunkSize).map((row) => ({
          id: row.id,
          case_id: row.caseId,
          level: row.level,
          start_date: row.startDate,
          end_date: row.endDate,
          end_reason: row.endReason,
          opened_by_decision_id: null,
          follows_episode_id: row.followsId ?? null,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
}

/** A new case from a file: what the file gives, with its id. Its derived caseload columns start empty. */
export type ImportedCase = Pick<NewCaseRow, 'id' | 'mrn' | 'full_name' | 'date_of_birth' | 'clinician_id' | 'program' | 'payer' | 'status'>;

/** The columns of a new case `insertImportedCases` takes from the file, in the order its statement binds them. */
const IMPORTED_CASE_COLUMNS = [
  'id',
  'mrn',
  'full_name',
  'date_of_birth',
  'clinician_id',
  'program',
  'payer',
  'status',
] as const satisfies readonly (keyof ImportedCase)[];

/** Rows per INSERT statement: 100 rows bind 1,000 values, far below SQLite's limit of 32,766. */
export const ROWS_PER_STATEMENT = 100;

const insertTexts = new Map<number, string>();

/**
 * The INSERT of `rows` new cases, the same text for the same count, so the connection's statement cache prepares it once.
 * Their level stays NULL: a bulk load sets aside the trigger that starts the flag spans of a case created at IOP
 * (caseNumbering.ts), which is right only for cases created with no level.
 */
function insertText(rows: number): string {
  let text = insertTexts.get(rows);
  if (text === undefined) {
    const row = `(${IMPORTED_CASE_COLUMNS.map(() => '?').join(', ')}, 0, ?, ?, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`;
    text = `INSERT INTO cases (${IMPORTED_CASE_COLUMNS.join(', ')}, synthetic, created_at, updated_at, level, level_since, recommended_level,
      latest_assessment_id, decision_status, planned_level, planned_on) VALUES ${Array.from({ length: rows }, () => row).join(', ')}`;
    insertTexts.set(rows, text);
  }
  return text;
}

/**
 * Inserts a batch of new cases in the array's order, 100 rows per statement; the triggers on cases fire for each row
 * as for any insert. Hand-written SQL in a measured hot path (100,000 rows, docs/BENCHMARKS.md): a query built through
 * Kysely is compiled anew for every statement, which cost more than SQLite's own work, and binding the values of a
 * prepared multi-row statement took 550 ms of SQLite's time at 100,000 rows where reading them from JSON took 650.
 */
export async function insertImportedCases(db: Db, cases: readonly ImportedCase[], at: string): Promise<void> {
  for (let start = 0; start < cases.length; start += ROWS_PER_STATEMENT) {
    const chunk = cases.slice(start, start + ROWS_PER_STATEMENT);
    const values: (string | null)[] = [];
    for (const row of chunk) {
      for (const column of IMPORTED_CASE_COLUMNS) values.push(row[column]);
      values.push(at, at);
    }
    await db.executeQuery(CompiledQuery.raw(insertText(chunk.length), values));
  }
}

const MAPPING_KEY_PREFIX = 'importMapping:';

/** Column mappings are saved per source (its kind and headers), as settings. */
export async function readSavedMapping(db: Db, signature: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', `${MAPPING_KEY_PREFIX}${signature}`).executeTakeFirst();
  if (!row) return undefined;
  try {
    return JSON.parse(row.value) as unknown;
  } catch {
    return undefined;
  }
}

export async function saveMapping(db: Db, signature: string, mapping: unknown, userId: string, now: string): Promise<void> {
  const key = `${MAPPING_KEY_PREFIX}${signature}`;
  const value = JSON.stringify(mapping);
  await db
    .insertInto('settings')
    .values({ key, value, updated_at: now, updated_by: userId })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value, updated_at: now, updated_by: userId }))
    .execute();
}
