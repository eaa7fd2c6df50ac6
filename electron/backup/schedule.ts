import type { BackupKind } from '../../shared/contract/backups';
import { toIsoDate, type IsoDate } from '../../shared/domain/dates';

/**
 * At most one automatic backup per day of the clinic's calendar: one is due unless the last automatic backup was made
 * on `today` (local date). A last backup dated on another day, earlier or (after the computer's clock was set back)
 * later, leaves one due, so a wrong clock never stops automatic backups.
 */
export function automaticBackupDue(lastAutomatic: Date | null, today: IsoDate, localDate: (instant: Date) => IsoDate = toIsoDate): boolean {
  return lastAutomatic === null || localDate(lastAutomatic) !== today;
}

/** The time of the newest automatic backup among these, judged from their names alone (no key needed). */
export function lastAutomaticBackup(backups: readonly { readonly kind: BackupKind; readonly createdAt: Date }[]): Date | null {
  let last: Date | null = null;
  for (const backup of backups) {
    if (backup.kind === 'automatic' && (last === null || backup.createdAt.getTime() > last.getTime())) last = backup.createdAt;
  }
  return last;
}
