import { DEFAULT_AUTO_LOCK_MINUTES, MAX_AUTO_LOCK_MINUTES } from '../../../shared/contract/care';
import { NumberSettingForm } from './NumberSettingForm';

/** How long Stepwise waits, with no one at the keyboard, before it clears the screen and locks the records. */
export function AutoLockForm({ saved }: { readonly saved: number }) {
  return (
    <NumberSettingForm
      setting="autoLockMinutes"
      saved={saved}
      title="Automatic lock"
      intro="When no one has used the keyboard, mouse or screen for this long, Stepwise clears the records from the screen and locks them until the person signs in again. Keep it short on shared computers."
      label="Lock after"
      hint={`1 to ${MAX_AUTO_LOCK_MINUTES} minutes; default ${DEFAULT_AUTO_LOCK_MINUTES}.`}
      unit="minutes without activity"
      max={MAX_AUTO_LOCK_MINUTES}
      saveLabel="Save the lock time"
      emptyMessage="Enter the minutes without activity before Stepwise locks."
      savedNotice={(minutes) => `Saved. Stepwise now locks after ${minutes} minutes without activity.`}
      refresh={['auth.activity']}
    />
  );
}
