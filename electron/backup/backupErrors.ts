import { errorCode } from '../db/errors';
import { DomainError } from '../services/errors';
import { BackupProblem } from './backupContents';
import { backupsFolder } from './backupFolder';

/** File-system failures in words; anything else is left for the registry to log as an internal error. */
export function backupErrorInWords(error: unknown, dataDir: string): unknown {
  if (error instanceof BackupProblem) return new DomainError(error.code === 'missing' ? 'not_found' : 'conflict', error.message);
  const code = errorCode(error);
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') {
    return new DomainError('unavailable', 'There is not enough free disk space for a backup. Nothing was changed; free some space and try again.');
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'SQLITE_CANTOPEN' || code?.startsWith('SQLITE_READONLY')) {
    return new DomainError(
      'unavailable',
      `Stepwise cannot write to the backups folder ${backupsFolder(dataDir)}. Check that the folder may be changed. Nothing was changed.`,
    );
  }
  if (code === 'ENOTDIR') {
    return new DomainError(
      'unavailable',
      `${backupsFolder(dataDir)} is a file, not a folder, so Stepwise cannot keep backups there. Move that file away. Nothing was changed.`,
    );
  }
  return error;
}
