import type { z } from 'zod';
import type {
  correctEpisodeInputSchema,
  dischargeInputSchema,
  recordAttendanceInputSchema,
  saveAuthorizationInputSchema,
} from '../../shared/contract/care';
import type { CaseDetail } from '../../shared/contract/caseDetail';
import { isAfter } from '../../shared/domain/dates';
import { planDateCorrection, planDischarge } from '../../shared/domain/episodes';
import {
  deleteAttendance,
  deleteAuthorization,
  findAuthorizationCase,
  insertAttendance,
  insertCareEvent,
  saveAuthorizationRow,
} from '../repositories/careRepository';
import { updateCase } from '../repositories/casesRepository';
import { listDecisionRecords } from '../repositories/decisionsRepository';
import { applyEpisodeChangeRows, episodesOf, listEpisodes } from '../repositories/episodesRepository';
import { actorOf } from './actor';
import { refreshCaseState } from './caseState';
import { caseDetail, requireCase } from './casesService';
import type { ServiceContext } from './context';
import { DomainError, invalidField } from './errors';

type DischargeRequest = z.output<typeof dischargeInputSchema>;
type CorrectionRequest = z.output<typeof correctEpisodeInputSchema>;
type AttendanceRequest = z.output<typeof recordAttendanceInputSchema>;
type AuthorizationRequest = z.output<typeof saveAuthorizationInputSchema>;

function notInFuture(ctx: ServiceContext, date: string, field: string, what: string): void {
  if (isAfter(date, ctx.clock.today())) throw invalidField(field, `The ${what} is in the future.`);
}

/** Closes the open episode with its end reason; the case is discharged until a readmission. */
export async function dischargeCase(ctx: ServiceContext, input: DischargeRequest): Promise<CaseDetail> {
  const actor = actorOf(ctx);
  const found = await requireCase(ctx, input.caseId);
  notInFuture(ctx, input.dischargeDate, 'dischargeDate', 'discharge date');
  const pending = (await listDecisionRecords(ctx.db, { caseId: found.id })).find(
    (decision) =>
      ['draft', 'submitted', 'returned'].includes(decision.status) ||
      (decision.status === 'approved' && decision.appliedAt === null && decision.supersededById === null && decision.applyProblem === null),
  );
  if (pending) {
    const message = `${found.fullName} has a ${pending.status === 'approved' ? 'planned transition' : `${pending.status} decision`} to ${pending.chosenLevel === 'iop' ? 'IOP' : pending.chosenLevel}; withdraw or complete it before recording a discharge.`;
    throw new DomainError('conflict', message, [{ path: 'dischargeDate', message }]);
  }
  const records = await listEpisodes(ctx.db, found.id);
  const plan = planDischarge(episodesOf(records), input.dischargeDate, input.reason);
  if (!plan.ok) throw new DomainError('conflict', plan.message, [{ path: 'dischargeDate', message: plan.message }]);
  const now = ctx.clock.now().toISOString();
  await applyEpisodeChangeRows(ctx.db, found.id, plan.changes, null, now);
  const closed = plan.changes[0]?.kind === 'update' ? plan.changes[0].episode.id : null;
  await insertCareEvent(ctx.db, {
    id: ctx.newId(),
    case_id: found.id,
    kind: 'discharge',
    event_date: input.dischargeDate,
    episode_id: closed,
    end_reason: input.reason,
    reason: input.note,
    details: '{}',
    recorded_by: actor.id,
    recorded_at: now,
  });
  await updateCase(ctx.db, found.id, { status: 'discharged', updated_at: now });
  await refreshCaseState(ctx, found.id);
  return caseDetail(ctx, found.id);
}

/** Fixes an episode's dates, moving the touching neighbour's boundary with it; recorded with who and why. */
export async function correctEpisodeDates(ctx: ServiceContext, input: CorrectionRequest): Promise<CaseDetail> {
  const actor = actorOf(ctx);
  const found = await requireCase(ctx, input.caseId);
  if (input.startDate !== undefined) notInFuture(ctx, input.startDate, 'startDate', 'corrected start date');
  if (input.endDate !== undefined) notInFuture(ctx, input.endDate, 'endDate', 'corrected end date');
  const records = await listEpisodes(ctx.db, found.id);
  const target = records.find((episode) => episode.id === input.episodeId);
  if (!target) throw invalidField('episodeId', 'That episode does not belong to this case.');
  const plan = planDateCorrection(episodesOf(records), target.id, { startDate: input.startDate, endDate: input.endDate });
  if (!plan.ok)
    throw new DomainError('conflict', plan.message, [{ path: input.startDate !== undefined ? 'startDate' : 'endDate', message: plan.message }]);
  const now = ctx.clock.now().toISOString();
  await applyEpisodeChangeRows(ctx.db, found.id, plan.changes, null, now);
  for (const change of plan.changes) {
    if (change.kind !== 'update') continue;
    const before = records.find((episode) => episode.id === change.episode.id);
    if (!before) continue;
    await insertCareEvent(ctx.db, {
      id: ctx.newId(),
      case_id: found.id,
      kind: 'episode-correction',
      event_date: change.episode.startDate,
      episode_id: change.episode.id,
      end_reason: null,
      reason: change.episode.id === target.id ? input.reason : `${input.reason} (the neighbouring boundary moved with it)`,
      details: JSON.stringify({
        before: { startDate: before.startDate, endDate: before.endDate },
        after: { startDate: change.episode.startDate, endDate: change.episode.endDate },
      }),
      recorded_by: actor.id,
      recorded_at: now,
    });
  }
  await refreshCaseState(ctx, found.id);
  return caseDetail(ctx, found.id);
}

export async function recordAttendance(ctx: ServiceContext, input: AttendanceRequest): Promise<CaseDetail> {
  const actor = actorOf(ctx);
  const found = await requireCase(ctx, input.caseId);
  notInFuture(ctx, input.sessionDate, 'sessionDate', 'session date');
  await insertAttendance(ctx.db, {
    id: ctx.newId(),
    case_id: found.id,
    session_date: input.sessionDate,
    hours: input.hours,
    recorded_by: actor.id,
    recorded_at: ctx.clock.now().toISOString(),
  });
  return caseDetail(ctx, found.id);
}

export async function removeAttendance(ctx: ServiceContext, attendanceId: string): Promise<CaseDetail> {
  const caseId = await deleteAttendance(ctx.db, attendanceId);
  if (!caseId) throw new DomainError('not_found', 'That session does not exist.');
  return caseDetail(ctx, caseId);
}

export async function saveAuthorization(ctx: ServiceContext, input: AuthorizationRequest): Promise<CaseDetail> {
  const actor = actorOf(ctx);
  const found = await requireCase(ctx, input.caseId);
  const now = ctx.clock.now().toISOString();
  if (input.authorizationId !== undefined && (await findAuthorizationCase(ctx.db, input.authorizationId)) !== found.id) {
    throw invalidField('authorizationId', 'That authorization does not belong to this case.');
  }
  await saveAuthorizationRow(
    ctx.db,
    {
      id: input.authorizationId ?? ctx.newId(),
      case_id: found.id,
      payer: input.payer,
      level: input.level,
      from_date: input.fromDate,
      to_date: input.toDate,
      units: input.units ?? null,
      recorded_by: actor.id,
      recorded_at: now,
      updated_at: now,
    },
    input.authorizationId === undefined,
  );
  return caseDetail(ctx, found.id);
}

export async function removeAuthorization(ctx: ServiceContext, authorizationId: string): Promise<CaseDetail> {
  const caseId = await findAuthorizationCase(ctx.db, authorizationId);
  if (!caseId) throw new DomainError('not_found', 'That authorization does not exist.');
  await deleteAuthorization(ctx.db, authorizationId);
  return caseDetail(ctx, caseId);
}
