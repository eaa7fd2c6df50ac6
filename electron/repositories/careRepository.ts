import type { Kysely } from 'kysely';
import type { AttendanceRecord, AuthorizationRecord, CareEventRecord } from '../../shared/contract/care';
import type { AttendanceTable, AuthorizationsTable, CareEventsTable, StepwiseSchema } from '../db/schema';

type Db = Kysely<StepwiseSchema>;

interface EpisodeDatesJson {
  before?: { startDate: string; endDate: string | null };
  after?: { startDate: string; endDate: string | null };
}

export async function insertCareEvent(db: Db, row: CareEventsTable): Promise<void> {
  await db.insertInto('care_events').values(row).execute();
}

export async function listCareEvents(db: Db, caseId: string): Promise<CareEventRecord[]> {
  const rows = await db
    .selectFrom('care_events')
    .innerJoin('users', 'users.id', 'care_events.recorded_by')
    .selectAll('care_events')
    .select('users.display_name')
    .where('care_events.case_id', '=', caseId)
    .orderBy('care_events.recorded_at')
    .orderBy('care_events.id')
    .execute();
  return rows.map((row) => {
    const details = JSON.parse(row.details) as EpisodeDatesJson;
    return {
      id: row.id,
      kind: row.kind,
      eventDate: row.event_date,
      episodeId: row.episode_id,
      endReason: row.end_reason,
      reason: row.reason,
      before: details.before ?? null,
      after: details.after ?? null,
      recordedBy: { id: row.recorded_by, displayName: row.display_name },
      recordedAt: row.recorded_at,
    };
  });
}

export async function insertAttendance(db: Db, row: AttendanceTable): Promise<void> {
  await db.insertInto('attendance').values(row).execute();
}

export async function deleteAttendance(db: Db, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('attendance').select('case_id').where('id', '=', id).executeTakeFirst();
  if (row) await db.deleteFrom('attendance').where('id', '=', id).execute();
  return row?.case_id;
}

export async function listAttendance(db: Db, caseId: string): Promise<AttendanceRecord[]> {
  const rows = await db
    .selectFrom('attendance')
    .innerJoin('users', 'users.id', 'attendance.recorded_by')
    .select(['attendance.id', 'attendance.session_date', 'attendance.hours', 'attendance.recorded_by', 'users.display_name'])
    .where('attendance.case_id', '=', caseId)
    .orderBy('attendance.session_date')
    .orderBy('attendance.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    sessionDate: row.session_date,
    hours: row.hours,
    recordedBy: { id: row.recorded_by, displayName: row.display_name },
  }));
}

export async function saveAuthorizationRow(db: Db, row: AuthorizationsTable, isNew: boolean): Promise<void> {
  if (isNew) await db.insertInto('authorizations').values(row).execute();
  else {
    const { id, recorded_by: _by, recorded_at: _at, ...changes } = row;
    await db.updateTable('authorizations').set(changes).where('id', '=', id).execute();
  }
}

export async function findAttendanceCase(db: Db, id: string): Promise<string | undefined> {
  return (await db.selectFrom('attendance').select('case_id').where('id', '=', id).executeTakeFirst())?.case_id;
}

export async function findAuthorizationCase(db: Db, id: string): Promise<string | undefined> {
  return (await db.selectFrom('authorizations').select('case_id').where('id', '=', id).executeTakeFirst())?.case_id;
}

export async function deleteAuthorization(db: Db, id: string): Promise<void> {
  await db.deleteFrom('authorizations').where('id', '=', id).execute();
}

export async function listAuthorizations(db: Db, caseId: string): Promise<AuthorizationRecord[]> {
  const rows = await db
    .selectFrom('authorizations')
    .innerJoin('users', 'users.id', 'authorizations.recorded_by')
    .selectAll('authorizations')
    .select('users.display_name')
    .where('authorizations.case_id', '=', caseId)
    .orderBy('authorizations.from_date')
    .orderBy('authorizations.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    payer: row.payer,
    level: row.level,
    fromDate: row.from_date,
    toDate: row.to_date,
    units: row.units,
    recordedBy: { id: row.recorded_by, displayName: row.display_name },
    recordedAt: row.recorded_at,
  }));
}
