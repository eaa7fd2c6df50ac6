import type { CaseDetail } from '../../../shared/contract/caseDetail';
import { findAttendanceCase, findAuthorizationCase } from '../../repositories/careRepository';
import {
  correctEpisodeDates,
  dischargeCase,
  recordAttendance,
  removeAttendance,
  removeAuthorization,
  saveAuthorization,
} from '../../services/careService';
import { readSettings, updateSettings } from '../../services/settingsService';
import type { HandlerMap } from '../registry';

const theCase = (_input: unknown, detail: CaseDetail) => ({ type: 'case', id: detail.summary.id });
const byCaseId = async (input: { caseId: string }) => input.caseId;

export const careHandlers: Pick<
  HandlerMap,
  | 'care.discharge'
  | 'care.correctEpisode'
  | 'care.recordAttendance'
  | 'care.removeAttendance'
  | 'care.saveAuthorization'
  | 'care.removeAuthorization'
  | 'settings.get'
  | 'settings.update'
> = {
  'care.discharge': {
    kind: 'command',
    audit: { action: 'discharge-recorded', record: theCase },
    caseOf: byCaseId,
    handle: (input, ctx) => dischargeCase(ctx, input),
  },
  'care.correctEpisode': {
    kind: 'command',
    audit: {
      action: 'episode-corrected',
      record: (input) => ({ type: 'episode', id: input.episodeId }),
      details: (input) => ({ caseId: input.caseId }),
    },
    caseOf: byCaseId,
    handle: (input, ctx) => correctEpisodeDates(ctx, input),
  },
  'care.recordAttendance': {
    kind: 'command',
    audit: { action: 'attendance-recorded', record: theCase },
    caseOf: byCaseId,
    handle: (input, ctx) => recordAttendance(ctx, input),
  },
  'care.removeAttendance': {
    kind: 'command',
    audit: {
      action: 'attendance-removed',
      record: (input) => ({ type: 'attendance', id: input.attendanceId }),
      details: (_input, detail) => ({ caseId: detail.summary.id }),
    },
    caseOf: async (input, ctx) => findAttendanceCase(ctx.db, input.attendanceId),
    handle: (input, ctx) => removeAttendance(ctx, input.attendanceId),
  },
  'care.saveAuthorization': {
    kind: 'command',
    audit: { action: 'authorization-saved', record: theCase },
    caseOf: byCaseId,
    handle: (input, ctx) => saveAuthorization(ctx, input),
  },
  'care.removeAuthorization': {
    kind: 'command',
    audit: {
      action: 'authorization-removed',
      record: (input) => ({ type: 'authorization', id: input.authorizationId }),
      details: (_input, detail) => ({ caseId: detail.summary.id }),
    },
    caseOf: async (input, ctx) => findAuthorizationCase(ctx.db, input.authorizationId),
    handle: (input, ctx) => removeAuthorization(ctx, input.authorizationId),
  },
  'settings.get': { kind: 'query', audit: 'not-audited', handle: (_input, ctx) => readSettings(ctx) },
  'settings.update': {
    kind: 'command',
    audit: {
      action: 'settings-changed',
      record: () => ({ type: 'settings', id: 'clinic' }),
      details: (input) => ({
        ...(input.autoLockMinutes !== undefined ? { autoLockMinutes: input.autoLockMinutes } : {}),
        ...(input.backupsToKeep !== undefined ? { backupsToKeep: input.backupsToKeep } : {}),
        ...(input.reviewIntervals
          ? { reviewIntervals: `${input.reviewIntervals.inpatient}/${input.reviewIntervals.iop}/${input.reviewIntervals.outpatient} days` }
          : {}),
      }),
    },
    handle: async (input, ctx) => {
      const settings = await updateSettings(ctx, input);
      ctx.session.setAutoLockMinutes(settings.autoLockMinutes);
      return settings;
    },
  },
};
