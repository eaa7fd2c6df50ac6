import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { DATABASE_FILE_NAME, openDatabase, type StepwiseDatabase } from '../db/openDatabase';
import { handlers } from '../ipc/handlers';
import type { ShellEffects } from '../ipc/handlerContext';
import { createRegistry, type Registry } from '../ipc/registry';
import type { Logger } from '../log/logger';
import { createSessionStore, type SessionStore } from '../ipc/session';
import { argon2idHasher } from '../security/passwords';
import { systemClock, type Clock, type PasswordHasher, type ServiceContext } from '../services/context';
import { applyDueTransitions } from '../services/reviewService';

export interface AppCoreOptions {
  readonly dataDir: string;
  readonly appVersion: string;
  readonly logger: Logger;
  readonly shell: ShellEffects;
  readonly clock?: Clock;
  readonly newId?: () => string;
  readonly passwords?: PasswordHasher;
}

export interface AppCore {
  readonly database: StepwiseDatabase;
  readonly registry: Registry;
  readonly session: SessionStore;
  close(): void;
}

/**
 * Everything behind the IPC door, without Electron: the app, the integration tests and the
 * end-to-end harness all build the same core, so they run the same code path.
 */
export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  const database = openDatabase({ file: path.join(options.dataDir, DATABASE_FILE_NAME) });
  const session = createSessionStore();
  const services: ServiceContext = {
    db: database.db,
    clock: options.clock ?? systemClock,
    newId: options.newId ?? randomUUID,
    passwords: options.passwords ?? argon2idHasher,
    actor: null,
  };
  try {
    // Transitions planned for a day that has now come are applied on start-up, before anyone signs in.
    const applied = await database.db.transaction().execute((trx) => applyDueTransitions({ ...services, db: trx }));
    if (applied > 0) options.logger.info('Applied planned transitions', { count: applied });
  } catch (error) {
    database.close();
    throw error;
  }
  const registry = createRegistry({
    handlers,
    logger: options.logger,
    context: {
      ...services,
      session,
      app: {
        appVersion: options.appVersion,
        dataDir: options.dataDir,
        databaseFile: database.file,
        schemaVersion: database.schemaVersion,
      },
      ...options.shell,
    },
  });
  options.logger.info('Database opened', { schemaVersion: database.schemaVersion, migratedFrom: database.migratedFrom });
  return {
    database,
    registry,
    session,
    close: () => {
      session.end();
      database.close();
    },
  };
}
