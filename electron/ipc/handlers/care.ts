import {
  correctEpisodeDates,
  dischargeCase,
  recordAttendance,
  removeAttendance,
  removeAuthorization,
  saveAuthorization,
} from '../../services/careService';
import { readSettings, updateReviewIntervals } from '../../services/settingsService';
import type { HandlerMap } from '../registry';

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
  'care.discharge': { kind: 'command', handle: (input, ctx) => dischargeCase(ctx, input) },
  'care.correctEpisode': { kind: 'command', handle: (input, ctx) => correctEpisodeDates(ctx, input) },
  'care.recordAttendance': { kind: 'command', handle: (input, ctx) => recordAttendance(ctx, input) },
  'care.removeAttendance': { kind: 'command', handle: (input, ctx) => removeAttendance(ctx, input.attendanceId) },
  'care.saveAuthorization': { kind: 'command', handle: (input, ctx) => saveAuthorization(ctx, input) },
  'care.removeAuthorization': { kind: 'command', handle: (input, ctx) => removeAuthorization(ctx, input.authorizationId) },
  'settings.get': { kind: 'query', handle: (_input, ctx) => readSettings(ctx) },
  'settings.update': { kind: 'command', handle: (input, ctx) => updateReviewIntervals(ctx, input.reviewIntervals) },
};
