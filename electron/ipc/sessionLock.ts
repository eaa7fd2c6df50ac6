import { appendAuditEvent, recordAuditHead } from '../audit/auditLog';
import type { Vault } from '../core/vault';
import { stopStatistics } from '../jobs/backgroundStatistics';
import type { ImportSessions } from '../import/importSessions';
import type { Clock } from '../services/context';
import type { SessionStore } from './session';

/** Why a session ended: signed out, or locked after inactivity, from the menu, by the system's screen lock, or on quit. */
export type SessionEnd = 'sign-out' | 'inactivity' | 'manual' | 'screen-locked' | 'app-closed';

/** A minute's grace after the renderer's own timer, so the window normally locks first and says why. */
export const MAIN_PROCESS_GRACE_MS = 60_000;

/**
 * Ends the session: records who and why, then drops the user and closes the database, taking its key out
 * of memory. Every later call that touches records is refused until someone signs in again.
 */
export async function endSession(
  deps: { vault: Vault; session: SessionStore; clock: Clock; imports?: ImportSessions },
  how: SessionEnd,
): Promise<void> {
  const { vault, session, clock } = deps;
  const user = session.user;
  // A running import is cancelled first: its transaction rolls back and lets the lock through, and no file's rows stay in memory.
  deps.imports?.clear();
  // So is the planner statistics' job, after the table it is analyzing: the lock's audit entry waits for it.
  stopStatistics(vault);
  try {
    if (user && vault.isOpen) {
      const db = vault.database.db;
      await db.transaction().execute((trx) =>
        appendAuditEvent(trx, {
          at: clock.now().toISOString(),
          userId: user.id,
          username: user.username,
          action: how === 'sign-out' || how === 'app-closed' ? 'sign-out' : 'lock',
          recordType: 'user',
          recordId: user.id,
          details: how === 'sign-out' ? {} : { reason: how },
        }),
      );
      await recordAuditHead(vault);
    }
  } finally {
    session.end();
    vault.close();
  }
}

/** True when the session has been quiet longer than the auto-lock time plus the grace. */
export function idleTooLong(session: SessionStore, clock: Clock): boolean {
  if (!session.user) return false;
  return clock.now().getTime() - session.lastActivity > session.autoLockMinutes * 60_000 + MAIN_PROCESS_GRACE_MS;
}
