import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { DATABASE_FILE_NAME, openDatabase, type StepwiseDatabase } from '../db/openDatabase';
import { handlers } from '../ipc/handlers';
import { createRegistry, type Registry } from '../ipc/registry';
import type { Logger } from '../log/logger';
import { systemClock, type Clock } from '../services/context';

export interface AppCoreOptions {
  readonly dataDir: string;
  readonly appVersion: string;
  readonly logger: Logger;
  readonly openInSystemBrowser: (url: string) => Promise<void>;
  readonly clock?: Clock;
  readonly newId?: () => string;
}

export interface AppCore {
  readonly database: StepwiseDatabase;
  readonly registry: Registry;
  close(): void;
}

/**
 * Everything behind the IPC door, without Electron: the app, the integration tests and the
 * end-to-end harness all build the same core, so they run the same code path.
 */
export function createAppCore(options: AppCoreOptions): AppCore {
  const database = openDatabase({ file: path.join(options.dataDir, DATABASE_FILE_NAME) });
  const registry = createRegistry({
    handlers,
    logger: options.logger,
    context: {
      db: database.db,
      clock: options.clock ?? systemClock,
      newId: options.newId ?? randomUUID,
      app: {
        appVersion: options.appVersion,
        dataDir: options.dataDir,
        databaseFile: database.file,
        schemaVersion: database.schemaVersion,
      },
      openInSystemBrowser: options.openInSystemBrowser,
    },
  });
  options.logger.info('Database opened', { schemaVersion: database.schemaVersion, migratedFrom: database.migratedFrom });
  return { database, registry, close: () => database.close() };
}
