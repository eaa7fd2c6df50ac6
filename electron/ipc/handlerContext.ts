import type { Vault } from '../core/vault';
import type { ImportSessions } from '../import/importSessions';
import type { JobProgressBoard } from '../jobs/jobProgressBoard';
import type { ServiceContext } from '../services/context';
import type { SessionStore } from './session';

export interface AppEnvironment {
  readonly appVersion: string;
  readonly dataDir: string;
}

export interface SavedFile {
  /** False when the person cancelled the save dialog. */
  readonly saved: boolean;
  readonly fileName: string | null;
}

/** What only the desktop shell can do: the system browser, save dialogs, printing the window. */
export interface ShellEffects {
  readonly openInSystemBrowser: (url: string) => Promise<void>;
  readonly saveTextFile: (suggestedName: string, content: string) => Promise<SavedFile>;
  readonly saveWindowAsPdf: (suggestedName: string) => Promise<SavedFile>;
  /** The open dialog for a CSV file to import; null when the person cancels. The path stays in the main process. */
  readonly chooseFileToImport: () => Promise<string | null>;
  /** The open dialog for another kind of file (a review packet); null when the person cancels. */
  readonly chooseFileToOpen: (kind: 'packet') => Promise<string | null>;
  /** The save dialog for a binary file (a sealed review packet), written as the bytes given. */
  readonly saveBinaryFile: (suggestedName: string, bytes: Uint8Array) => Promise<SavedFile>;
}

/** Services' dependencies plus the shell's effects and the session. */
import type { JobRunner } from '../jobs/jobRunner';

export interface HandlerContext extends ServiceContext, ShellEffects {
  readonly app: AppEnvironment;
  readonly session: SessionStore;
  /** The database and its key; only the sign-in handlers open it. */
  readonly vault: Vault;
  /** Files chosen for import, held in memory between the check and the import. */
  readonly imports: ImportSessions;
  /** Long reads (rules impact, metrics) on worker threads, so the event loop stays free. */
  readonly jobs: JobRunner;
  /** How far the long jobs the window named have got (`jobs.progress`). */
  readonly progress: JobProgressBoard;
}
