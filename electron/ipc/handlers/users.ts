import { listClinicianOptions } from '../../repositories/usersRepository';
import { createUser, listUsers, reassignCaseload, resetPassword, setActive, setRoles } from '../../services/usersService';
import type { HandlerMap } from '../registry';

export const usersHandlers: Pick<
  HandlerMap,
  | 'users.list'
  | 'users.clinicians'
  | 'users.create'
  | 'users.setRoles'
  | 'users.deactivate'
  | 'users.reactivate'
  | 'users.resetPassword'
  | 'cases.reassign'
> = {
  'users.list': { kind: 'query', handle: (_input, ctx) => listUsers(ctx, ctx.vault) },
  'users.clinicians': { kind: 'query', handle: async (_input, ctx) => ({ clinicians: await listClinicianOptions(ctx.db) }) },
  'users.create': { kind: 'command', handle: (input, ctx) => createUser(ctx, ctx.vault, input) },
  'users.setRoles': { kind: 'command', handle: (input, ctx) => setRoles(ctx, ctx.vault, input.userId, input.roles) },
  'users.deactivate': { kind: 'command', handle: (input, ctx) => setActive(ctx, ctx.vault, input.userId, false) },
  'users.reactivate': { kind: 'command', handle: (input, ctx) => setActive(ctx, ctx.vault, input.userId, true) },
  'users.resetPassword': { kind: 'command', handle: (input, ctx) => resetPassword(ctx, ctx.vault, input.userId, input.temporaryPassword) },
  'cases.reassign': { kind: 'command', handle: (input, ctx) => reassignCaseload(ctx, input.fromClinicianId, input.toClinicianId, input.caseIds) },
};
