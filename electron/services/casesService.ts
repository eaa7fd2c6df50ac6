import type { CaseDetail } from '../../shared/contract/caseDetail';
import type { CasePage, CaseSummary, ListCasesQuery, NewCase, OutsideCaseload } from '../../shared/contract/cases';
import { isAfter } from '../../shared/domain/dates';
import { weeklyHours } from '../../shared/domain/attendance';
import { listCaseAssessments } from '../repositories/assessmentsRepository';
import { listAttendance, listAuthorizations, listCareEvents } from '../repositories/careRepository';
import { listCases } from '../repositories/caseloadQuery';
import { findCase, findCaseByMrn, insertCase, updateCase } from '../repositories/casesRepository';
import { listDecisionRecords } from '../repositories/decisionsRepository';
import { listEpisodes } from '../repositories/episodesRepository';
import { findUserById, rolesOf } from '../repositories/usersRepository';
import { actorOf } from './actor';
import { caseAccessBasis, caseloadScope, requireCaseAccess } from './caseAccess';
import type { ServiceContext } from './context';
import { DomainError, invalidField } from './errors';

export const EARLIEST_DATE_OF_BIRTH = '1900-01-01';

export async function listCaseload(ctx: ServiceContext, query: ListCasesQuery): Promise<CasePage> {
  const scope = await caseloadScope(ctx);
  const { rows, total } = await listCases(ctx.db, query, actorOf(ctx).id, ctx.clock.today(), scope);
  return { rows, total, page: query.page, pageSize: query.pageSize, outsideCaseload: scope ? await outsideCaseload(ctx, query.search, rows) : null };
}

/** A clinician searching for the exact MRN of a case outside their caseload learns that it exists, and no more. */
async function outsideCaseload(ctx: ServiceContext, search: string, shown: readonly CaseSummary[]): Promise<OutsideCaseload | null> {
  if (search === '') return null;
  const found = await findCaseByMrn(ctx.db, search);
  if (!found || shown.some((row) => row.id === found.id)) return null;
  if ((await caseAccessBasis(ctx, found.id)) !== null) return null;
  const clinician = found.clinician_id ? await findUserById(ctx.db, found.clinician_id) : undefined;
  return { caseId: found.id, mrn: found.mrn, clinician: clinician ? { id: clinician.id, displayName: clinician.display_name } : null };
}

export async function requireCase(ctx: Pick<ServiceContext, 'db' | 'clock'>, caseId: string): Promise<CaseSummary> {
  const found = await findCase(ctx.db, caseId, ctx.clock.today());
  if (!found) throw new DomainError('not_found', 'That case does not exist.', [{ path: 'caseId', message: 'That case does not exist.' }]);
  return found;
}

export async function caseDetail(ctx: ServiceContext, caseId: string): Promise<CaseDetail> {
  const access = await requireCaseAccess(ctx, caseId);
  const summary = await requireCase(ctx, caseId);
  const episodes = await listEpisodes(ctx.db, caseId);
  const attendance = await listAttendance(ctx.db, caseId);
  return {
    access,
    summary,
    episodes,
    assessments: await listCaseAssessments(ctx.db, caseId),
    decisions: await listDecisionRecords(ctx.db, { caseId }),
    careEvents: await listCareEvents(ctx.db, caseId),
    attendance,
    weeklyHours: weeklyHours(attendance, episodes, ctx.clock.today()),
    authorizations: await listAuthorizations(ctx.db, caseId),
  };
}

function checkDateOfBirth(ctx: ServiceContext, dateOfBirth: string): void {
  if (isAfter(dateOfBirth, ctx.clock.today())) throw invalidField('dateOfBirth', 'The date of birth is in the future.');
  if (dateOfBirth < EARLIEST_DATE_OF_BIRTH) throw invalidField('dateOfBirth', 'The date of birth is before 1900; check the year.');
}

async function checkMrnFree(ctx: ServiceContext, mrn: string, exceptCaseId?: string): Promise<void> {
  const existing = await findCaseByMrn(ctx.db, mrn);
  if (existing && existing.id !== exceptCaseId && (await caseAccessBasis(ctx, existing.id)) === null) {
    // Outside the clinician's caseload: the patient is not named.
    throw new DomainError(
      'conflict',
      `A case with MRN ${existing.mrn} already exists and is assigned to another clinician. Search for the MRN to open it through emergency access.`,
      [{ path: 'mrn', message: `MRN ${existing.mrn} is already used by a case outside your caseload.` }],
    );
  }
  if (existing && existing.id !== exceptCaseId) {
    throw new DomainError(
      'conflict',
      `A case with MRN ${existing.mrn} already exists: ${existing.full_name}. Open that case instead of creating a new one.`,
      [{ path: 'mrn', message: `MRN ${existing.mrn} is already used by ${existing.full_name}.` }],
    );
  }
}

/** A case belongs to an active clinician; by default the clinician who creates it. */
async function resolveClinician(ctx: ServiceContext, requested: string | null | undefined): Promise<string | null> {
  const actor = actorOf(ctx);
  if (requested === undefined) return actor.roles.includes('clinician') ? actor.id : null;
  if (requested === null) return null;
  const user = await findUserById(ctx.db, requested);
  const roles = user ? await rolesOf(ctx.db, user.id) : [];
  if (!user || user.active !== 1 || !roles.includes('clinician')) throw invalidField('clinicianId', 'Choose an active clinician.');
  return user.id;
}

export async function createCase(ctx: ServiceContext, input: NewCase): Promise<CaseSummary> {
  checkDateOfBirth(ctx, input.dateOfBirth);
  await checkMrnFree(ctx, input.mrn);
  const clinicianId = await resolveClinician(ctx, input.clinicianId);
  const now = ctx.clock.now().toISOString();
  const id = ctx.newId();
  await insertCase(ctx.db, {
    id,
    mrn: input.mrn,
    full_name: input.fullName,
    date_of_birth: input.dateOfBirth,
    level: null,
    status: 'active',
    program: input.program,
    payer: input.payer,
    synthetic: 0,
    clinician_id: clinicianId,
    level_since: null,
    recommended_level: null,
    latest_assessment_id: null,
    decision_status: null,
    planned_level: null,
    planned_on: null,
    created_at: now,
    updated_at: now,
  });
  return requireCase(ctx, id);
}

export async function updateCaseRecord(ctx: ServiceContext, input: NewCase & { caseId: string }): Promise<CaseSummary> {
  const existing = await requireCase(ctx, input.caseId);
  checkDateOfBirth(ctx, input.dateOfBirth);
  await checkMrnFree(ctx, input.mrn, existing.id);
  const clinicianId = input.clinicianId === undefined ? (existing.clinician?.id ?? null) : await resolveClinician(ctx, input.clinicianId);
  // Moving a case to another clinician is a supervisor's or an administrator's call, not the clinician's.
  if (clinicianId !== (existing.clinician?.id ?? null) && !actorOf(ctx).roles.includes('supervisor')) {
    throw invalidField('clinicianId', 'Only a supervisor can assign the case to another clinician.');
  }
  await updateCase(ctx.db, existing.id, {
    mrn: input.mrn,
    full_name: input.fullName,
    date_of_birth: input.dateOfBirth,
    clinician_id: clinicianId,
    program: input.program,
    payer: input.payer,
    updated_at: ctx.clock.now().toISOString(),
  });
  return requireCase(ctx, existing.id);
}
