import { listClinicianOptions } from '../../repositories/usersRepository';
import { createUser, listUsers, reassignCaseload, resetPassword, setActive, setRoles } from '../../services/usersService';
import type { HandlerMap } from '../registry';

const theUser = (input: { userId: string }) => ({ type: 'user', id: input.userId });

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
  'users.list': { kind: 'query', audit: 'not-audited', handle: (_input, ctx) => listUsers(ctx, ctx.vault) },
  'users.clinicians': { kind: 'query', audit: 'not-audited', handle: async (_input, ctx) => ({ clinicians: await listClinicianOptions(ctx.db) }) },
  'users.create': {
    kind: 'command',
    audit: {
      action: 'user-created',
      record: (_input, user) => ({ type: 'user', id: user.id }),
      details: (input) => ({ roles: input.roles.join(' ') }),
    },
    handle: (input, ctx) => createUser(ctx, ctx.vault, input),
  },
  'users.setRoles': {
    kind: 'command',
    audit: { action: 'user-roles-changed', record: theUser, details: (input) => ({ roles: input.roles.join(' ') }) },
    handle: (input, ctx) => setRoles(ctx, ctx.vault, input.userId, input.roles),
  },
  'users.deactivate': {
    kind: 'command',
    audit: { action: 'user-deactivated', record: theUser },
    handle: (input, ctx) => setActive(ctx, ctx.vault, input.userId, false),
  },
  'users.reactivate': {
    kind: 'command',
    audit: { action: 'user-reactivated', record: theUser },
    handle: (input, ctx) => setActive(ctx, ctx.vault, input.userId, true),
  },
  'users.resetPassword': {
    kind: 'command',
    audit: { action: 'user-password-reset', record: theUser },
    handle: (input, ctx) => resetPassword(ctx, ctx.vault, input.userId, input.temporaryPassword),
  },
  'cases.reassign': {
    kind: 'command',
    audit: {
      action: 'cases-reassigned',
      record: (input) => ({ type: 'user', id: input.fromClinicianId }),
      details: (input, result) => ({ toClinicianId: input.toClinicianId, moved: result.moved }),
    },
    handle: (input, ctx) => reassignCaseload(ctx, input.fromClinicianId, input.toClinicianId, input.caseIds),
  },
};
