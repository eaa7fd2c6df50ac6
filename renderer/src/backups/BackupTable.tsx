import { Fragment, type ReactNode } from 'react';
import { BACKUP_KIND_LABELS, type BackupSummary } from '../../../shared/contract/backups';
import { describeCounts, formatBackupTime, formatSize } from './backupFormat';

/** The table's columns, which the check's row spans. */
const COLUMNS = 7;

interface Props {
  readonly backups: readonly BackupSummary[];
  /** The backup being checked, whose button shows it is busy. */
  readonly checking: string | null;
  /** How far the check has got, in a row of its own under the backup being checked, where the person clicked. */
  readonly checkProgress?: ReactNode;
  readonly disabled: boolean;
  readonly onCheck: (backup: BackupSummary) => void;
}

/** Newest first: when, why, what it holds, and whether this version can restore it. */
export function BackupTable({ backups, checking, checkProgress, disabled, onCheck }: Props) {
  return (
    <div className="table-frame">
      <table className="data-table backups-table" aria-label="Backups, newest first">
        <thead>
          <tr>
            <th scope="col">Made</th>
            <th scope="col">Kind</th>
            <th scope="col">Holds</th>
            <th scope="col" className="numeric">
              Size
            </th>
            <th scope="col">Stepwise version</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {backups.map((backup) => {
            const when = formatBackupTime(backup.createdAt);
            return (
              <Fragment key={backup.name}>
                <tr>
                  <td className="nowrap">
                    <time dateTime={backup.createdAt} title={backup.name}>
                      {when}
                    </time>
                  </td>
                  <td>{BACKUP_KIND_LABELS[backup.kind]}</td>
                  <td>{backup.counts ? describeCounts(backup.counts) : <span className="muted">Unknown</span>}</td>
                  <td className="numeric nowrap">{formatSize(backup.sizeBytes)}</td>
                  <td>{backup.appVersion ?? <span className="muted">Unknown</span>}</td>
                  <td>
                    {backup.restorable ? (
                      <span className="backup-status-ok">
                        <span aria-hidden="true">✓</span> Verified when made
                      </span>
                    ) : (
                      <span className="backup-status-problem">
                        <span aria-hidden="true">⚠</span> {backup.problem ?? 'Cannot be restored.'}
                      </span>
                    )}
                  </td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="link-button"
                      aria-label={checking === backup.name ? `Checking the backup of ${when}…` : `Check and restore the backup of ${when}`}
                      disabled={disabled}
                      aria-busy={checking === backup.name}
                      onClick={() => onCheck(backup)}
                    >
                      {checking === backup.name ? 'Checking…' : 'Check and restore…'}
                    </button>
                  </td>
                </tr>
                {checking === backup.name && checkProgress && (
                  <tr className="backup-check-row">
                    <td colSpan={COLUMNS}>{checkProgress}</td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
