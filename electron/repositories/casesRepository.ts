import { sql, type Kysely, type RawBuilder, type Selectable, type Updateable } from 'kysely';
import type { CaseSummary } from '../../shared/contract/cases';
import { IOP_MINIMUM_WEEKLY_HOURS } from '../../shared/domain/attendance';
import { addDays, type IsoDate } from '../../shared/domain/dates';
import type { CasesTable, StepwiseSchema } from '../db/schema';
import { lastCompleteWeek } from './caseloadFilters';

type Db = Kysely<StepwiseSchema>;
export type CaseRow = Selectable<CasesTable>;
/** Derived review columns are filled in by refreshCaseState. */
export type NewCaseRow = Omit<CasesTable, 'mismatch' | 'last_review_on' | 'next_review_due'>;
type CaseRowWithClinician = CaseRow & {
  clinician_name: string | null;
  iop_hours_last_week: number | null;
  authorization_ends_on: string | null;
  authorization_covering: number;
};

export function toCaseSummary(row: CaseRowWithClinician, today: IsoDate): CaseSummary {
  const soon = addDays(today, 7);
  const authorizationFlag =
    row.authorization_ends_on !== null
      ? row.authorization_ends_on <= soon
        ? 'ending-soon'
        : null
      : row.authorization_covering
        ? 'level-mismatch'
        : null;
  return {
    id: row.id,
    mrn: row.mrn,
    fullName: row.full_name,
    dateOfBirth: row.date_of_birth,
    clinician: row.clinician_id && row.clinician_name ? { id: row.clinician_id, displayName: row.clinician_name } : null,
    program: row.program,
    payer: row.payer,
    status: row.status,
    level: row.level,
    levelSince: row.level_since,
    recommendedLevel: row.recommended_level,
    mismatch: row.mismatch === 1,
    decisionStatus: row.decision_status,
    plannedLevel: row.planned_level,
    plannedOn: row.planned_on,
    nextReviewDue: row.next_review_due,
    reviewOverdue: row.next_review_due !== null && row.next_review_due < today,
    iopHoursLastWeek: row.iop_hours_last_week,
    iopBelowIntensity: row.iop_hours_last_week !== null && row.iop_hours_last_week < IOP_MINIMUM_WEEKLY_HOURS,
    authorizationFlag,
    authorizationEndsOn: row.authorization_ends_on,
    synthetic: row.synthetic === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Flags that depend on today's date are computed in the query, so they are never stale: hours in the last
 * complete week for a case at IOP the whole week, and the payer authorization covering today.
 */
function dayFlags(today: IsoDate) {
  const { start: lastWeekStart, end: lastWeekEnd } = lastCompleteWeek(today);
  const iopHoursLastWeek: RawBuilder<number | null> = sql`(CASE WHEN cases.level = 'iop' AND cases.level_since <= ${lastWeekStart} THEN
    (SELECT coalesce(sum(attendance.hours), 0) FROM attendance WHERE attendance.case_id = cases.id
      AND attendance.session_date BETWEEN ${lastWeekStart} AND ${lastWeekEnd}) END)`;
  // The end of the authorization covering today for the current level, carried on through a renewal that
  // starts by the next day, so a renewed authorization is not reported as ending.
  const coveringEnd = sql`(SELECT max(a.to_date) FROM authorizations a WHERE a.case_id = cases.id AND a.from_date <= ${today}
      AND a.to_date >= ${today} AND a.level = cases.level)`;
  const authorizationEndsOn: RawBuilder<string | null> = sql`coalesce((SELECT max(r.to_date) FROM authorizations r
    WHERE r.case_id = cases.id AND r.level = cases.level AND r.from_date <= date(${coveringEnd}, '+1 day') AND r.to_date > ${coveringEnd}),
    ${coveringEnd})`;
  const authorizationCovering: RawBuilder<number> = sql`(cases.level IS NOT NULL AND EXISTS (SELECT 1 FROM authorizations
    WHERE authorizations.case_id = cases.id AND authorizations.from_date <= ${today} AND authorizations.to_date >= ${today}))`;
  return { iopHoursLastWeek, authorizationEndsOn, authorizationCovering };
}

/** Every column of the case with its clinician's name and today's flags. */
export function withClinician(db: Db, today: IsoDate) {
  const flags = dayFlags(today);
  return db
    .selectFrom('cases')
    .leftJoin('users', 'users.id', 'cases.clinician_id')
    .selectAll('cases')
    .select([
      'users.display_name as clinician_name',
      flags.iopHoursLastWeek.as('iop_hours_last_week'),
      flags.authorizationEndsOn.as('authorization_ends_on'),
      flags.authorizationCovering.as('authorization_covering'),
    ]);
}

export async function findCase(db: Db, caseId: string, today: IsoDate): Promise<CaseSummary | undefined> {
  const row = await withClinician(db, today).where('cases.id', '=', caseId).executeTakeFirst();
  return row ? toCaseSummary(row, today) : undefined;
}

export async function findCaseByMrn(db: Db, mrn: string): Promise<CaseRow | undefined> {
  return db
    .selectFrom('cases')
    .selectAll()
    .where(sql<boolean>`mrn = ${mrn} COLLATE NOCASE`)
    .executeTakeFirst();
}

/** The clinician a case is assigned to: undefined when there is no such case, null when it is unassigned. */
export async function caseClinicianId(db: Db, caseId: string): Promise<string | null | undefined> {
  const row = await db.selectFrom('cases').select('clinician_id').where('id', '=', caseId).executeTakeFirst();
  return row ? row.clinician_id : undefined;
}

export async function insertCase(db: Db, row: NewCaseRow): Promise<void> {
  await db.insertInto('cases').values(row).execute();
}

export async function updateCase(db: Db, caseId: string, patch: Updateable<Omit<CasesTable, 'mismatch'>>): Promise<void> {
  await db.updateTable('cases').set(patch).where('id', '=', caseId).execute();
}

/** Inserts many cases in chunks (SQLite limits bound parameters per statement). */
export async function insertCases(db: Db, rows: readonly NewCaseRow[]): Promise<void> {
  const chunkSize = 400;
  for (let start = 0; start < rows.length; start += chunkSize) {
    await db
      .insertInto('cases')
      .values(rows.slice(start, start + chunkSize))
      .execute();
  }
}

export async function countCases(db: Db): Promise<{ total: number; synthetic: number }> {
  // Two counts, each from an index: summing the synthetic column read every row (0.3 s at 100,000 cases).
  const total = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const synthetic = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('synthetic', '=', 1)
    .executeTakeFirstOrThrow();
  return { total: Number(total.n), synthetic: Number(synthetic.n) };
}

export async function reassignCases(db: Db, fromId: string, toId: string, caseIds: readonly string[] | undefined, now: string): Promise<number> {
  let update = db.updateTable('cases').set({ clinician_id: toId, updated_at: now }).where('clinician_id', '=', fromId).where('status', '=', 'active');
  if (caseIds !== undefined) update = update.where('id', 'in', caseIds.length > 0 ? [...caseIds] : ['']);
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
