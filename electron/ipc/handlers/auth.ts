import type { AuditAction } from '../../../shared/contract/audit';
import { addPendingAudit, appendAuditEvent, clearPendingAudit, recordAuditHead, writePendingAudit } from '../../audit/auditLog';
import { findEntry } from '../../security/keyring';
import { readAutoLockMinutes } from '../../repositories/settingsRepository';
import { authStatus, changePassword, recoverWithKey, setupAdmin, signIn, type SignedIn } from '../../services/authService';
import { refreshStatisticsInBackground, statisticsSettled } from '../../jobs/backgroundStatistics';
import { backUpAfterLockedExit } from '../../services/automaticBackup';
import { finishInterruptedRestore } from '../../services/interruptedRestore';
import { DomainError } from '../../services/errors';
import { applyDueTransitions } from '../../services/reviewService';
import type { HandlerContext } from '../handlerContext';
import type { HandlerMap } from '../registry';
import { endSession } from '../sessionLock';

/**
 * Signed in: the session begins, failed attempts that waited in the key file are written to the audit log with
 * this sign-in, and plans dated today or earlier are applied (an app left open past midnight) — one transaction.
 */
async function begin(
  ctx: HandlerContext,
  signedIn: SignedIn,
  action: AuditAction,
  details: Readonly<Record<string, string>> = {},
): Promise<SignedIn> {
  const { user } = signedIn;
  // A restore cut short before its audit event: linked first, so the restored log is whole before anything is added.
  await finishInterruptedRestore(ctx.vault);
  const db = ctx.vault.database.db;
  const at = ctx.clock.now().toISOString();
  const written = await db.transaction().execute(async (trx) => {
    const pending = await writePendingAudit(ctx.vault, trx);
    await appendAuditEvent(trx, { at, userId: user.id, username: user.username, action, recordType: 'user', recordId: user.id, details });
    const applied = await applyDueTransitions({ ...ctx, db: trx, actor: user });
    for (const transition of applied) {
      await appendAuditEvent(trx, {
        at,
        userId: user.id,
        username: user.username,
        action: 'transition-applied',
        recordType: 'decision',
        recordId: transition.decisionId,
        details: { caseId: transition.caseId },
      });
    }
    return pending;
  });
  await clearPendingAudit(ctx.vault, written);
  await recordAuditHead(ctx.vault);
  ctx.session.begin(user);
  ctx.session.setAutoLockMinutes(await readAutoLockMinutes(db));
  return signedIn;
}

/** A failed attempt cannot be written to the locked database: it waits in the key file for the next sign-in. */
async function recordingFailure<T>(
  ctx: HandlerContext,
  username: string,
  action: 'sign-in-failed' | 'recovery-failed',
  attempt: () => Promise<T>,
): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof DomainError && ctx.vault.state() === 'encrypted') {
      const keyring = ctx.vault.keyring();
      const known = keyring ? findEntry(keyring, username) !== undefined : false;
      // An unknown name may be a password typed in the wrong box: it is not kept.
      await addPendingAudit(ctx.vault, {
        at: ctx.clock.now().toISOString(),
        username: known ? username : null,
        action,
        reason: known ? error.code : 'unknown-user',
      });
    }
    throw error;
  }
}

// Sign-in handlers are queries on purpose: they open the database themselves and write their own audit
// events, and a failed attempt must be recorded even though the call reports an error.
export const authHandlers: Pick<
  HandlerMap,
  'auth.status' | 'auth.setupAdmin' | 'auth.signIn' | 'auth.signOut' | 'auth.changePassword' | 'auth.recover' | 'auth.lock' | 'auth.activity'
> = {
  'auth.status': {
    kind: 'query',
    audit: 'not-audited',
    handle: (_input, ctx) => authStatus(ctx, ctx.vault, ctx.actor ? ctx.session.autoLockMinutes : null),
  },
  'auth.setupAdmin': {
    kind: 'query',
    audit: 'in-handler',
    handle: async (input, ctx) => begin(ctx, await setupAdmin(ctx, ctx.vault, input), 'account-setup'),
  },
  'auth.signIn': {
    kind: 'query',
    audit: 'in-handler',
    handle: async (input, ctx) => {
      refuseWhileImporting(ctx);
      await statisticsSettled(ctx.vault);
      const wasPlaintext = ctx.vault.state() === 'legacy-plaintext';
      const signedIn = await recordingFailure(ctx, input.username, 'sign-in-failed', () => signIn(ctx, ctx.vault, input.username, input.password));
      await begin(ctx, signedIn, 'sign-in');
      if (wasPlaintext) await recordEncryption(ctx, signedIn);
      // The automatic backup a close while locked could not make; a failure is in the audit log, never in the way.
      await backUpAfterLockedExit(ctx);
      return signedIn;
    },
    afterTransaction: refreshStatisticsInBackground,
  },
  'auth.recover': {
    kind: 'query',
    audit: 'in-handler',
    handle: async (input, ctx) => {
      refuseWhileImporting(ctx);
      await statisticsSettled(ctx.vault);
      const signedIn = await recordingFailure(ctx, input.username, 'recovery-failed', () =>
        recoverWithKey(ctx, ctx.vault, input.username, input.recoveryKey, input.newPassword),
      );
      return begin(ctx, signedIn, 'recovery-key-used');
    },
    afterTransaction: refreshStatisticsInBackground,
  },
  'auth.signOut': {
    kind: 'query',
    audit: 'in-handler',
    endsSession: true,
    handle: async (_input, ctx) => {
      // Signing out records it, then locks the database and drops the key from memory.
      await endSession(ctx, 'sign-out');
      return { done: true as const };
    },
  },
  'auth.lock': {
    kind: 'query',
    audit: 'in-handler',
    endsSession: true,
    handle: async (input, ctx) => {
      await endSession(ctx, input.reason);
      return { done: true as const };
    },
  },
  'auth.activity': {
    kind: 'query',
    audit: 'not-audited',
    activity: true,
    handle: async (_input, ctx) => ({ autoLockMinutes: ctx.session.autoLockMinutes }),
  },
  'auth.changePassword': {
    kind: 'command',
    audit: { action: 'password-changed', record: (_input, user) => ({ type: 'user', id: user.id }) },
    handle: async (input, ctx) => {
      const user = await changePassword(ctx, ctx.vault, input.currentPassword, input.newPassword);
      ctx.session.begin(user);
      return user;
    },
  },
};

async function recordEncryption(ctx: HandlerContext, signedIn: SignedIn): Promise<void> {
  const { user } = signedIn;
  await ctx.vault.database.db.transaction().execute((trx) =>
    appendAuditEvent(trx, {
      at: ctx.clock.now().toISOString(),
      userId: user.id,
      username: user.username,
      action: 'database-encrypted',
      recordType: 'user',
      recordId: user.id,
    }),
  );
  await recordAuditHead(ctx.vault);
}

/**
 * Signing in reopens the database, which would close the connection an import's worker command holds while the worker
 * writes; the new connection's writes would then wait on the worker's lock. Locking or signing out cancels imports first.
 */
function refuseWhileImporting(ctx: Pick<HandlerContext, 'imports'>): void {
  if (ctx.imports.busy()) {
    throw new DomainError('conflict', 'A file is being checked or imported. Let it finish, or cancel it, then sign in again. Nothing was changed.');
  }
}
