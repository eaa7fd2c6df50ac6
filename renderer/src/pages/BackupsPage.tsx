import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { BackupDetails, BackupSummary, CreatedBackup } from '../../../shared/contract/backups';
import { call, callOrThrow } from '../api/client';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { BackupDetailsPanel } from '../backups/BackupDetailsPanel';
import { describeCounts, formatBackupTime } from '../backups/backupFormat';
import { BackupTable } from '../backups/BackupTable';
import { useSession } from '../navigation';
import '../backups/backups.css';
import { JobProgressBar } from '../components/JobProgressBar';
import { tracked, useJobProgress } from '../components/useJobProgress';

function madeNotice(made: CreatedBackup): string {
  const removed = made.pruned.length === 0 ? '' : ` ${made.pruned.length} older backup${made.pruned.length === 1 ? ' was' : 's were'} removed.`;
  const holds = made.counts ? ` It holds ${describeCounts(made.counts)}.` : '';
  return `Backed up and checked: the backup of ${formatBackupTime(made.createdAt)} is at the top of the list.${holds}${removed}`;
}

/** The administrator's backups: make one now, see what each holds, check one and restore it. */
export function BackupsPage() {
  const session = useSession();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['backups.list'], queryFn: () => callOrThrow('backups.list', {}) });
  const [notice, setNotice] = useState<string | null>(null);
  const [checking, setChecking] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [details, setDetails] = useState<BackupDetails | null>(null);
  const [confirming, setConfirming] = useState(false);

  const job = useJobProgress();
  const backUp = useMutation({
    mutationFn: () => tracked(job, (jobId) => callOrThrow('backups.create', { jobId })),
    onMutate: () => {
      setNotice(null);
      setProblem(null);
    },
    onSuccess: (made) => setNotice(madeNotice(made)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['backups.list'] }),
  });

  const checkJob = useJobProgress();
  const check = async (backup: BackupSummary) => {
    setNotice(null);
    setProblem(null);
    setDetails(null);
    setChecking(backup.name);
    const result = await tracked(checkJob, (jobId) => call('backups.inspect', { name: backup.name, jobId }));
    setChecking(null);
    if (!result.ok) {
      setProblem(result.error.message);
      // The button that was clicked was disabled while it checked, which took the focus away: it goes to the reason.
      requestAnimationFrame(() => document.getElementById('backups-problem')?.focus());
      return;
    }
    setDetails(result.value);
    requestAnimationFrame(() => document.getElementById('backup-details-title')?.focus());
  };

  const restoreJob = useJobProgress();
  const restore = async (chosen: BackupDetails): Promise<string | null> => {
    const result = await tracked(restoreJob, (jobId) => call('backups.restore', { name: chosen.name, confirmed: true, jobId }));
    if (!result.ok) return result.error.message;
    const when = formatBackupTime(chosen.createdAt);
    if (!result.value.stillSignedIn) {
      session.endSession(
        `The records were restored from the backup of ${when}. Your account is not in those records, so you were signed out; ` +
          'sign in with an account they hold. The records from before the restore were kept as a safety copy.',
      );
      return null;
    }
    setConfirming(false);
    setDetails(null);
    setNotice(
      `The records were restored from the backup of ${when}. The records from before the restore were kept as a safety copy, ` +
        'the newest backup in the list, in case you need them back.',
    );
    const status = await call('auth.status', {});
    if (status.ok && status.value.user) session.updateUser(status.value.user);
    await queryClient.invalidateQueries();
    return null;
  };

  const busy = backUp.isPending || checking !== null;
  const data = list.data;
  return (
    <section className="page page-scroll" aria-labelledby="backups-title">
      <header className="page-header">
        <div>
          <h1 id="backups-title">Backups</h1>
          <p className="backups-intro">
            Each backup is a complete, encrypted copy of the records, checked before it is kept. Stepwise makes one automatically when it closes (once
            a day). Restoring a backup replaces every record; the current records are kept as a safety copy first.
          </p>
        </div>
        <button type="button" className="button-primary" disabled={busy} onClick={() => backUp.mutate()}>
          {backUp.isPending ? 'Backing up…' : 'Back up now'}
        </button>
      </header>

      {backUp.isPending && (
        <JobProgressBar
          label="Backing up"
          progress={job.progress}
          finished={job.finished}
          hint="The records are copied, then the copy is checked. This takes a few seconds for a large caseload."
        />
      )}
      {notice && (
        <div className="notice">
          <p role="status">{notice}</p>
          <button type="button" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      {(backUp.error ?? list.error) && (
        <p role="alert" className="form-error">
          {(backUp.error ?? list.error)?.message}
        </p>
      )}
      {problem && (
        <p id="backups-problem" role="alert" className="form-error" tabIndex={-1}>
          {problem}
        </p>
      )}

      {data && (
        <p className="backups-facts">
          <span>
            Keeping the newest {data.keep} (change this in Settings).{' '}
            {data.lastAutomaticAt ? `Last automatic backup: ${formatBackupTime(data.lastAutomaticAt)}.` : 'No automatic backup yet.'}
          </span>
          <span>
            Folder: <code>{data.folder}</code>
          </span>
        </p>
      )}
      {!data ? (
        !list.error && (
          <p className="muted" aria-busy="true">
            Loading the backups…
          </p>
        )
      ) : data.backups.length === 0 ? (
        <div className="empty-state">
          <h2>No backups yet</h2>
          <p>
            Make the first one with Back up now. Copy the backups folder to a drive kept away from this computer, together with the key file
            stepwise.keys.json and the printed recovery key: without them a backup cannot be opened on another computer.
          </p>
        </div>
      ) : (
        <BackupTable
          backups={data.backups}
          checking={checking}
          checkProgress={
            <JobProgressBar
              label="Checking the backup"
              progress={checkJob.progress}
              finished={checkJob.finished}
              hint="Every page of the backup is read and its records counted before it can be restored. For a very large caseload (100,000 cases) this can take a minute."
            />
          }
          disabled={busy}
          onCheck={(backup) => void check(backup)}
        />
      )}

      {details && <BackupDetailsPanel details={details} disabled={busy} onRestore={() => setConfirming(true)} onClose={() => setDetails(null)} />}
      {details && confirming && (
        <ConfirmDialog
          title="Restore a backup"
          destructive
          message={
            <>
              <p>
                Replace the current records with the backup of {formatBackupTime(details.createdAt)}?
                {details.counts && <> It holds {describeCounts(details.counts)}.</>}
              </p>
              <p>
                Everything recorded since then is replaced, for every user. Stepwise first keeps the current records as a safety copy, so this can be
                undone by restoring that copy.
              </p>
            </>
          }
          confirmLabel="Replace the records with this backup"
          whileWorking={
            <JobProgressBar
              label="Restoring"
              progress={restoreJob.progress}
              finished={restoreJob.finished}
              hint="The backup is checked, the current records are kept as a safety copy, then the backup’s records take their place. For a very large caseload (100,000 cases) it can take a few minutes; other screens wait until it is done."
            />
          }
          onConfirm={() => restore(details)}
          onCancel={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
