import path from 'node:path';
import { DATABASE_FILE_NAME, ensureWritableFolder } from '../db/openDatabase';
import { handlers } from '../ipc/handlers';
import { JobFailedError, type JobRunner } from '../jobs/jobRunner';
import { createImportSessions } from '../import/importSessions';
import { createJobProgressBoard } from '../jobs/jobProgressBoard';
import { newRecordId } from './recordIds';
import { withRecords } from '../backup/restoreInProgress';
import { createVault, LOCKED_DB, type Vault } from './vault';
import type { ShellEffects } from '../ipc/handlerContext';
import { backUpOnExit } from '../services/automaticBackup';
import { createRegistry, type Registry } from '../ipc/registry';
import { describeError, type Logger } from '../log/logger';
import { createSessionStore, type SessionStore } from '../ipc/session';
import { endSession, idleTooLong, type SessionEnd } from '../ipc/sessionLock';
import type { PasswordKdfCost } from '../security/keyring';
import { argon2idHasher } from '../security/passwords';
import { systemClock, type Clock, type PasswordHasher, type ServiceContext } from '../services/context';

export interface AppCoreOptions {
  readonly dataDir: string;
  readonly appVersion: string;
  readonly logger: Logger;
  readonly shell: ShellEffects;
  /** Runs the long reads off the event loop: worker threads in the app and the tests. */
  readonly jobs: JobRunner;
  readonly clock?: Clock;
  readonly newId?: () => string;
  readonly passwords?: PasswordHasher;
  /** Tests only: a cheaper Argon2 cost for key wrapping. The app never sets it, so it uses PASSWORD_KDF. */
  readonly passwordKdf?: PasswordKdfCost;
}

export interface AppCore {
  readonly vault: Vault;
  readonly registry: Registry;
  readonly session: SessionStore;
  /** Locks a session left quiet past the auto-lock time (plus a minute's grace); the main process calls it on a timer. */
  lockIfIdle(): Promise<boolean>;
  /** Ends a signed-in session and records why (screen locked, app closing); does nothing when no one is signed in. */
  endSession(how: SessionEnd): Promise<void>;
  /**
   * The automatic backup when Stepwise closes: at most one per calendar day, made while someone is signed in (the key is
   * in memory); closed while locked, it is left for the next sign-in. Never throws: the outcome is logged.
   */
  backUpOnExit(): Promise<void>;
  /** Ends the session and drops the data key: used on quit. */
  close(): void;
}

/**
 * Everything behind the IPC door, without Electron: the app, the integration tests and the
 * end-to-end harness all build the same core, so they run the same code path. Nothing is decrypted
 * until someone signs in: the database opens with the key their password unwraps.
 */
export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  // Checked before anything is written, while a refusal can still stop the app with a message; later it would
  // only surface as a failed sign-in.
  ensureWritableFolder(path.join(options.dataDir, DATABASE_FILE_NAME));
  const clock = options.clock ?? systemClock;
  const vault = createVault(options.dataDir, {
    passwordKdf: options.passwordKdf,
    migrate: (databaseFile, key) => migrateOnWorker(options, clock, databaseFile, key),
  });
  for (const note of vault.startupNotes) options.logger.warn(note);
  // Refuses at start-up, before the window opens, a data folder that is unusable (foreign file, key file missing).
  const state = vault.state();
  if (state === 'legacy-plaintext') {
    // An older, unencrypted database: checked now (ours, not too new) so a problem shows at once, then closed.
    vault.openPlaintext();
    vault.close();
  }
  const imports = createImportSessions();
  const session = createSessionStore(() => clock.now().getTime());
  const services: ServiceContext = {
    db: LOCKED_DB,
    clock,
    newId: options.newId ?? newRecordId,
    passwords: options.passwords ?? argon2idHasher,
    actor: null,
  };
  const registry = createRegistry({
    handlers,
    logger: options.logger,
    context: {
      ...services,
      session,
      vault,
      imports,
      jobs: options.jobs,
      progress: createJobProgressBoard(),
      app: { appVersion: options.appVersion, dataDir: options.dataDir },
      ...options.shell,
    },
  });
  options.logger.info('Stepwise started', { databaseState: state });
  return {
    vault,
    registry,
    session,
    // Each waits for a restore under way and runs on the restored records (electron/backup/restoreInProgress.ts).
    lockIfIdle: () =>
      withRecords(vault, async () => {
        if (!idleTooLong(session, clock)) return false;
        await endSession({ vault, session, clock, imports }, 'inactivity');
        options.logger.info('Session locked after inactivity');
        return true;
      }),
    endSession: (how) =>
      withRecords(vault, async () => {
        if (session.user) await endSession({ vault, session, clock, imports }, how);
      }),
    backUpOnExit: async () => {
      try {
        const app = { appVersion: options.appVersion };
        const outcome = await withRecords(vault, () => backUpOnExit({ vault, clock, session, app, jobs: options.jobs }));
        if (outcome.kind === 'failed') options.logger.error('Automatic backup failed', { problem: outcome.message });
        else if (outcome.kind === 'postponed') options.logger.info('Automatic backup postponed to the next sign-in: Stepwise was locked');
        else if (outcome.kind === 'made') options.logger.info('Automatic backup made', { name: outcome.name });
      } catch (error) {
        options.logger.error('Automatic backup failed', describeError(error));
      }
    },
    close: () => {
      session.end();
      vault.close();
    },
  };
}

/**
 * A new version's migrations on a worker thread before sign-in opens the database. A migration that cannot be applied
 * is refused there in words (the sign-in says why, and nothing changed: the migrations are one transaction). Only a
 * worker that failed as a worker (it could not start, or stopped) is logged and left to the opening on the main
 * thread, which applies the migrations there.
 */
async function migrateOnWorker(options: AppCoreOptions, clock: Clock, databaseFile: string, key: Buffer): Promise<void> {
  const started = performance.now();
  try {
    const upgraded = await options.jobs.run('schema-upgrade', {}, { databaseFile, key, clock, actor: null });
    options.logger.info('Database upgraded on a worker thread', { ...upgraded, ms: Math.round(performance.now() - started) });
  } catch (error) {
    if (!(error instanceof JobFailedError)) throw error;
    // As the worker described it (scrubbed there).
    options.logger.warn('Upgrading the database on a worker thread failed; opening it applies the upgrade', {
      ...describeError(error),
      job: error.detail,
    });
  }
}
