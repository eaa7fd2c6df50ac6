import { sql, type Kysely, type Selectable } from 'kysely';
import type { CaseSortKey, CaseSummary, ListCasesQuery } from '../../shared/contract/cases';
import type { CasesTable, StepwiseSchema } from '../db/schema';

type Db = Kysely<StepwiseSchema>;
export type CaseRow = Selectable<CasesTable>;
export type NewCaseRow = CasesTable;

const SORT_COLUMNS: Readonly<Record<CaseSortKey, 'full_name' | 'mrn' | 'date_of_birth' | 'level' | 'updated_at'>> = {
  fullName: 'full_name',
  mrn: 'mrn',
  dateOfBirth: 'date_of_birth',
  // Level names sort alphabetically from most to least intensive (inpatient < iop < outpatient).
  level: 'level',
  updatedAt: 'updated_at',
};

export function toCaseSummary(row: CaseRow): CaseSummary {
  return {
    id: row.id,
    mrn: row.mrn,
    fullName: row.full_name,
    dateOfBirth: row.date_of_birth,
    level: row.level,
    status: row.status,
    program: row.program,
    synthetic: row.synthetic === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listCases(db: Db, query: ListCasesQuery): Promise<{ rows: CaseRow[]; total: number }> {
  let filtered = db.selectFrom('cases');
  if (query.level === 'unplaced') filtered = filtered.where('level', 'is', null);
  else if (query.level !== 'all') filtered = filtered.where('level', '=', query.level);

  const column = SORT_COLUMNS[query.sortBy];
  const direction = query.sortDir;
  const textual = column === 'full_name' || column === 'mrn';
  const rows = await filtered
    .selectAll()
    .orderBy(column, (item) => {
      const directed = direction === 'asc' ? item.asc() : item.desc();
      // Unplaced cases go last in either direction; names and MRNs sort regardless of letter case.
      return textual ? directed.collate('nocase') : directed.nullsLast();
    })
    .orderBy('full_name', (item) => (direction === 'asc' ? item.asc() : item.desc()).collate('nocase'))
    .orderBy('id', direction)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const counted = await filtered.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  return { rows, total: Number(counted.total) };
}

export async function findCaseByMrn(db: Db, mrn: string): Promise<CaseRow | undefined> {
  return db
    .selectFrom('cases')
    .selectAll()
    .where(sql<boolean>`mrn = ${mrn} COLLATE NOCASE`)
    .executeTakeFirst();
}

export async function insertCase(db: Db, row: NewCaseRow): Promise<void> {
  await db.insertInto('cases').values(row).execute();
}

/** Inserts many cases in chunks (SQLite limits bound parameters per statement). */
export async function insertCases(db: Db, rows: readonly NewCaseRow[]): Promise<void> {
  const chunkSize = 500;
  for (let start = 0; start < rows.length; start += chunkSize) {
    await db
      .insertInto('cases')
      .values(rows.slice(start, start + chunkSize))
      .execute();
  }
}

export async function countCases(db: Db): Promise<{ total: number; synthetic: number }> {
  const row = await db
    .selectFrom('cases')
    .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.sum<number>('synthetic').as('synthetic')])
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), synthetic: Number(row.synthetic ?? 0) };
}
