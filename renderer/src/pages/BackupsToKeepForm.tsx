import { DEFAULT_BACKUPS_TO_KEEP, MAX_BACKUPS_TO_KEEP } from '../../../shared/contract/backups';
import { NumberSettingForm } from './NumberSettingForm';

/** How many backups Stepwise keeps in its backups folder; older ones go once a newer backup has been verified. */
export function BackupsToKeepForm({ saved }: { readonly saved: number }) {
  return (
    <NumberSettingForm
      setting="backupsToKeep"
      saved={saved}
      title="Backups to keep"
      intro="Stepwise backs up the records when it closes (once a day) and whenever an administrator asks, under Backups. It keeps the newest backups and removes older ones only after a new backup has been made and checked."
      label="Keep the newest"
      hint={`1 to ${MAX_BACKUPS_TO_KEEP} backups; default ${DEFAULT_BACKUPS_TO_KEEP}.`}
      unit="backups"
      max={MAX_BACKUPS_TO_KEEP}
      saveLabel="Save the number of backups"
      emptyMessage="Enter how many backups to keep."
      savedNotice={(count) => `Saved. Stepwise keeps the newest ${count}; older backups are removed after the next backup succeeds.`}
      refresh={['backups.list']}
    />
  );
}
