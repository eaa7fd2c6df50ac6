import type { ServiceContext } from '../services/context';

export interface AppEnvironment {
  readonly appVersion: string;
  readonly dataDir: string;
  readonly databaseFile: string;
  readonly schemaVersion: number;
}

/** Services' dependencies plus what only the shell can do (open the system browser). */
export interface HandlerContext extends ServiceContext {
  readonly app: AppEnvironment;
  readonly openInSystemBrowser: (url: string) => Promise<void>;
}
