import { authStatus, changePassword, setupAdmin, signIn } from '../../services/authService';
import { applyDueTransitions } from '../../services/reviewService';
import type { HandlerMap } from '../registry';

export const authHandlers: Pick<HandlerMap, 'auth.status' | 'auth.setupAdmin' | 'auth.signIn' | 'auth.signOut' | 'auth.changePassword'> = {
  'auth.status': { kind: 'query', handle: (_input, ctx) => authStatus(ctx) },
  'auth.setupAdmin': {
    kind: 'command',
    handle: async (input, ctx) => {
      const user = await setupAdmin(ctx, input);
      ctx.session.begin(user);
      return user;
    },
  },
  // A query on purpose: a failed attempt must be recorded even though the call reports an error.
  'auth.signIn': {
    kind: 'query',
    handle: async (input, ctx) => {
      const user = await signIn(ctx, input.username, input.password);
      ctx.session.begin(user);
      // Plans dated today or earlier are applied at sign-in too, so an app left open past midnight catches up.
      await ctx.db.transaction().execute((trx) => applyDueTransitions({ ...ctx, db: trx }));
      return user;
    },
  },
  'auth.signOut': {
    kind: 'query',
    handle: async (_input, ctx) => {
      ctx.session.end();
      return { done: true as const };
    },
  },
  'auth.changePassword': {
    kind: 'command',
    handle: async (input, ctx) => {
      const user = await changePassword(ctx, input.currentPassword, input.newPassword);
      ctx.session.begin(user);
      return user;
    },
  },
};
