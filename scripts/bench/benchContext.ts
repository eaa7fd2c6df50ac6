import { randomUUID } from 'node:crypto';
import type { SessionUser } from '../../shared/contract/auth';
import type { Role } from '../../shared/domain/roles';
import { referenceStaff } from '../../shared/synthetic/referenceCaseload';
import type { StepwiseDatabase } from '../../electron/db/openDatabase';
import { argon2idHasher } from '../../electron/security/passwords';
import { fixedClock, type ServiceContext } from '../../electron/services/context';
import type { ShellEffects } from '../../electron/ipc/handlerContext';
import type { JobRequest } from './job';

/** The reference caseload's first clinician: holds about 2,500 cases, and reviews as a supervisor when asked to. */
export function benchUser(request: Pick<JobRequest, 'seed' | 'cases'>, roles: readonly Role[]): SessionUser {
  const clinician = referenceStaff(request).clinicians[0];
  if (!clinician) throw new Error('The reference caseload has no clinicians');
  return { id: clinician.id, username: clinician.username, displayName: clinician.displayName, roles: [...roles], mustChangePassword: false };
}

/** What a signed-in call gets in the main process: the open database, the day of the reference caseload, the user and a session. */
export function benchServiceContext(database: StepwiseDatabase, request: Pick<JobRequest, 'today'>, actor: SessionUser): ServiceContext {
  return {
    db: database.db,
    clock: fixedClock(new Date(`${request.today}T12:00:00.000Z`)),
    newId: randomUUID,
    passwords: argon2idHasher,
    actor,
    sessionId: 'bench-session',
  };
}

/** The desktop's dialogs and browser as a bench has them: nothing is shown or saved; an import reads `importFile`. */
export function benchShell(importFile: string | null = null): ShellEffects {
  return {
    chooseFileToImport: async () => importFile,
    chooseFileToOpen: async () => null,
    saveBinaryFile: async () => ({ saved: false, fileName: null }),
    openInSystemBrowser: async () => undefined,
    saveTextFile: async () => ({ saved: false, fileName: null }),
    saveWindowAsPdf: async () => ({ saved: false, fileName: null }),
  };
}
