import type { SessionUser } from '../../shared/contract/auth';
import { seesEveryCase } from '../../shared/domain/roles';
import type { CaseAccessBasis, CaseDetail } from '../../shared/contract/caseDetail';
import { emergencyCasesInSession, insertEmergencyAccess } from '../repositories/accessRepository';
import type { CaseloadScope } from '../repositories/caseloadFilters';
import { caseClinicianId } from '../repositories/casesRepository';
import { actorOf } from './actor';
import type { ServiceContext } from './context';
import { DomainError } from './errors';

type AccessContext = Pick<ServiceContext, 'db' | 'actor' | 'sessionId'>;

function seesEveryCaseAs(user: SessionUser): boolean {
  return seesEveryCase(user.roles);
}

/** Emergency access holds for the session it was granted in; outside a session, none does. */
async function emergencyCases(ctx: AccessContext, user: SessionUser, caseId?: string): Promise<string[]> {
  if (ctx.sessionId === undefined) return [];
  return emergencyCasesInSession(ctx.db, user.id, ctx.sessionId, caseId);
}

/**
 * Why the signed-in user may open a case, or null when they may not; undefined when there is no such case
 * (the service then says so in its own words).
 */
export async function caseAccessBasis(ctx: AccessContext, caseId: string): Promise<CaseAccessBasis | null | undefined> {
  const user = actorOf(ctx);
  const clinicianId = await caseClinicianId(ctx.db, caseId);
  if (clinicianId === undefined) return undefined;
  if (seesEveryCaseAs(user)) return 'all-cases';
  if (clinicianId === user.id) return 'assigned';
  return (await emergencyCases(ctx, user, caseId)).length > 0 ? 'emergency' : null;
}

export const OUTSIDE_CASELOAD_MESSAGE =
  'This case is assigned to another clinician. To open it, use emergency access and give the reason; the access is recorded. Nothing was changed.';

export async function requireCaseAccess(ctx: AccessContext, caseId: string): Promise<CaseAccessBasis> {
  const basis = await caseAccessBasis(ctx, caseId);
  if (basis === undefined)
    throw new DomainError('not_found', 'That case does not exist.', [{ path: 'caseId', message: 'That case does not exist.' }]);
  if (basis === null) throw new DomainError('forbidden', OUTSIDE_CASELOAD_MESSAGE);
  return basis;
}

/** What a clinician's caseload holds; undefined for those who see every case. */
export async function caseloadScope(ctx: AccessContext): Promise<CaseloadScope | undefined> {
  const user = actorOf(ctx);
  if (seesEveryCaseAs(user)) return undefined;
  return { clinicianId: user.id, alsoCaseIds: await emergencyCases(ctx, user) };
}

/**
 * Emergency access: a clinician opens a case assigned to someone else, for this session, after giving a reason.
 * The grant is the recorded row itself, so access and its record cannot come apart.
 */
export async function grantEmergencyAccess(
  ctx: ServiceContext,
  caseId: string,
  reason: string,
  openCase: (ctx: ServiceContext, caseId: string) => Promise<CaseDetail>,
): Promise<CaseDetail> {
  const user = actorOf(ctx);
  const basis = await caseAccessBasis(ctx, caseId);
  if (basis === undefined)
    throw new DomainError('not_found', 'That case does not exist.', [{ path: 'caseId', message: 'That case does not exist.' }]);
  if (basis === 'assigned' || basis === 'all-cases') {
    throw new DomainError('conflict', 'You can already open this case; emergency access is not needed and nothing was recorded.');
  }
  if (ctx.sessionId === undefined) throw new DomainError('unauthenticated', 'Sign in to continue.');
  await insertEmergencyAccess(ctx.db, {
    id: ctx.newId(),
    case_id: caseId,
    user_id: user.id,
    session_id: ctx.sessionId,
    reason,
    granted_at: ctx.clock.now().toISOString(),
  });
  return openCase(ctx, caseId);
}
