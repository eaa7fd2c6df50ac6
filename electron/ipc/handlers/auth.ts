import { authStatus, changePassword, recoverWithKey, setupAdmin, signIn, type SignedIn } from '../../services/authService';
import { applyDueTransitions } from '../../services/reviewService';
import type { HandlerContext } from '../handlerContext';
import type { HandlerMap } from '../registry';

/** Signed in: the session begins, and plans dated today or earlier are applied (an app left open past midnight). */
async function begin(ctx: HandlerContext, signedIn: SignedIn): Promise<SignedIn> {
  ctx.session.begin(signedIn.user);
  const db = ctx.vault.database.db;
  await db.transaction().execute((trx) => applyDueTransitions({ ...ctx, db: trx, actor: signedIn.user }));
  return signedIn;
}

// Sign-in handlers are queries on purpose: they open the database themselves, and a failed attempt must be
// recorded even though the call reports an error.
export const authHandlers: Pick<
  HandlerMap,
  'auth.status' | 'auth.setupAdmin' | 'auth.signIn' | 'auth.signOut' | 'auth.changePassword' | 'auth.recover'
> = {
  'auth.status': { kind: 'query', handle: (_input, ctx) => authStatus(ctx, ctx.vault) },
  'auth.setupAdmin': { kind: 'query', handle: async (input, ctx) => begin(ctx, await setupAdmin(ctx, ctx.vault, input)) },
  'auth.signIn': { kind: 'query', handle: async (input, ctx) => begin(ctx, await signIn(ctx, ctx.vault, input.username, input.password)) },
  'auth.recover': {
    kind: 'query',
    handle: async (input, ctx) => begin(ctx, await recoverWithKey(ctx, ctx.vault, input.username, input.recoveryKey, input.newPassword)),
  },
  'auth.signOut': {
    kind: 'query',
    handle: async (_input, ctx) => {
      ctx.session.end();
      // Signing out locks the database and drops the key from memory.
      ctx.vault.close();
      return { done: true as const };
    },
  },
  'auth.changePassword': {
    kind: 'command',
    handle: async (input, ctx) => {
      const user = await changePassword(ctx, ctx.vault, input.currentPassword, input.newPassword);
      ctx.session.begin(user);
      return user;
    },
  },
};
