import type { ImportProgress, ImportReport } from '../../shared/contract/imports';
import type { ImportKind } from '../../shared/import/fields';
import type { ImportChoices } from '../../shared/contract/imports';
import type { IsoDate } from '../../shared/domain/dates';
import type { RowProblem } from '../../shared/import/rows';
import type { TedsFormat } from '../../shared/teds/records';
import type { Delimiter } from './csvFile';
import type { SharedRows } from './rowStore';
import type { CasesPlan } from './planImport';
import type { ChangeStamp } from '../db/changeStamp';

/** The file as the jobs that check and import it read it: where it is and how its header was read. */
export interface ImportSource {
  readonly kind: ImportKind;
  readonly file: string;
  readonly fileName: string;
  readonly delimiter: Delimiter;
  readonly headers: readonly string[];
  /** The header's row number: 2 when the file starts with the redisclosure notice, as Stepwise's exports do. */
  readonly headerRow: number;
  /** TEDS-D files: the format the header names; null for the other kinds. */
  readonly tedsFormat: TedsFormat | null;
}

/** A file chosen for import. Its path never leaves the main process (and its jobs); the window knows it by `id`. */
export interface ImportSession extends ImportSource {
  readonly id: string;
  /** The sign-in session that chose the file: no one else can check, import or read it. */
  readonly ownerSessionId: string;
  progress: ImportProgress;
  running: AbortController | null;
  checked: CheckedImport | null;
}

/** The last check: what it was run with, the file's digest then, its report and every problem found. */
export interface CheckedImport {
  readonly choices: ImportChoices;
  readonly sha256: string;
  readonly report: ImportReport;
  readonly problems: readonly RowProblem[];
  /** The day the cells were checked against (dates may not be after it). */
  readonly checkedOn: IsoDate;
  /** The file's rows as the check read them (shared memory), when the report lets it be imported; null otherwise. */
  readonly rows: SharedRows | null;
  /** A clean cases import's plan, used if nothing is written before the import (`stamp`); null otherwise. */
  readonly casesPlan: CasesPlan | null;
  /** The main connection's change stamp from just before the check began. */
  readonly stamp: ChangeStamp;
}

export const IDLE: ImportProgress = { phase: 'idle', bytesRead: 0, totalBytes: 0, rows: 0, written: 0, toWrite: 0 };

/** Open imports, in memory only: a restart forgets them, and nothing about them is ever written before the import commits. */
export interface ImportSessions {
  add(session: ImportSession): void;
  get(id: string): ImportSession | undefined;
  remove(id: string): void;
  /** Forgets (and cancels) the imports of sign-in sessions that have ended. */
  keepOnly(sessionId: string): void;
  /** Cancels and forgets every import: the session that chose them has ended. */
  clear(): void;
  /** True while an import is being checked or written. */
  busy(): boolean;
}

export function createImportSessions(): ImportSessions {
  const sessions = new Map<string, ImportSession>();
  return {
    add: (session) => {
      sessions.set(session.id, session);
    },
    get: (id) => sessions.get(id),
    remove: (id) => {
      sessions.get(id)?.running?.abort();
      sessions.delete(id);
    },
    keepOnly: (sessionId) => {
      for (const session of [...sessions.values()]) {
        if (session.ownerSessionId !== sessionId) {
          session.running?.abort();
          sessions.delete(session.id);
        }
      }
    },
    clear: () => {
      for (const session of sessions.values()) session.running?.abort();
      sessions.clear();
    },
    busy: () => [...sessions.values()].some((session) => session.running !== null),
  };
}
