import { BACKUP_KIND_LABELS, type BackupDetails } from '../../../shared/contract/backups';
import { describeCounts, formatBackupTime, formatSize } from './backupFormat';

interface Props {
  readonly details: BackupDetails;
  readonly disabled: boolean;
  readonly onRestore: () => void;
  readonly onClose: () => void;
}

/** What a backup holds, shown after the whole file was checked; restoring starts here. */
export function BackupDetailsPanel({ details, disabled, onRestore, onClose }: Props) {
  const when = formatBackupTime(details.createdAt);
  return (
    <section className="backup-details" aria-labelledby="backup-details-title">
      <h2 id="backup-details-title" tabIndex={-1}>
        Backup of {when}
      </h2>
      <p className="backup-verified" role="status">
        <span aria-hidden="true">✓</span> Checked just now: it opens with this installation&apos;s key, SQLite&apos;s integrity check passed, and
        every table holds as many records as when the backup was made.
      </p>
      <dl>
        <dt>Made</dt>
        <dd>
          {when} · {BACKUP_KIND_LABELS[details.kind]}
          {details.madeBy && <> · by {details.madeBy}</>}
        </dd>
        <dt>Holds</dt>
        <dd>{details.counts ? describeCounts(details.counts) : 'Unknown'}</dd>
        <dt>Made by Stepwise</dt>
        <dd>
          {details.appVersion ?? 'Unknown version'} (database version {details.schemaVersion ?? 'unknown'})
        </dd>
        <dt>File</dt>
        <dd>
          <code>{details.name}</code>, {formatSize(details.sizeBytes)}
        </dd>
      </dl>
      {!details.restorable && (
        <p role="alert" className="form-error">
          This backup cannot be restored by this version of Stepwise. {details.problem}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button-secondary" onClick={onClose}>
          Close
        </button>
        {details.restorable && (
          <button type="button" className="button-danger" disabled={disabled} onClick={onRestore}>
            Restore this backup…
          </button>
        )}
      </div>
    </section>
  );
}
