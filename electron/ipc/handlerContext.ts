import type { ServiceContext } from '../services/context';
import type { SessionStore } from './session';

export interface AppEnvironment {
  readonly appVersion: string;
  readonly dataDir: string;
  readonly databaseFile: string;
  readonly schemaVersion: number;
}

/** Services' dependencies plus what only the shell can do (open the system browser) and the session. */
export interface HandlerContext extends ServiceContext {
  readonly app: AppEnvironment;
  readonly session: SessionStore;
  readonly openInSystemBrowser: (url: string) => Promise<void>;
}
