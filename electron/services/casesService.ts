import type { CasePage, CaseSummary, ListCasesQuery, NewCase } from '../../shared/contract/cases';
import { isAfter } from '../../shared/domain/dates';
import { findCaseByMrn, insertCase, listCases, toCaseSummary } from '../repositories/casesRepository';
import type { ServiceContext } from './context';
import { DomainError, invalidField } from './errors';

export const EARLIEST_DATE_OF_BIRTH = '1900-01-01';

export async function listCaseload(ctx: ServiceContext, query: ListCasesQuery): Promise<CasePage> {
  const { rows, total } = await listCases(ctx.db, query);
  return { rows: rows.map(toCaseSummary), total, page: query.page, pageSize: query.pageSize };
}

export async function createCase(ctx: ServiceContext, input: NewCase): Promise<CaseSummary> {
  const today = ctx.clock.today();
  if (isAfter(input.dateOfBirth, today)) throw invalidField('dateOfBirth', 'The date of birth is in the future.');
  if (input.dateOfBirth < EARLIEST_DATE_OF_BIRTH) throw invalidField('dateOfBirth', 'The date of birth is before 1900; check the year.');

  const existing = await findCaseByMrn(ctx.db, input.mrn);
  if (existing) {
    throw new DomainError(
      'conflict',
      `A case with MRN ${existing.mrn} already exists: ${existing.full_name}. Open that case instead of creating a new one.`,
      [{ path: 'mrn', message: `MRN ${existing.mrn} is already used by ${existing.full_name}.` }],
    );
  }
  const now = ctx.clock.now().toISOString();
  const row = {
    id: ctx.newId(),
    mrn: input.mrn,
    full_name: input.fullName,
    date_of_birth: input.dateOfBirth,
    level: input.level,
    status: 'active' as const,
    program: input.program,
    synthetic: 0,
    created_at: now,
    updated_at: now,
  };
  await insertCase(ctx.db, row);
  return toCaseSummary(row);
}
