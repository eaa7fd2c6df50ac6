import { useState } from 'react';
import { emergencyAccessInputSchema, MIN_EMERGENCY_REASON } from '../../../../shared/contract/audit';
import type { CaseDetail } from '../../../../shared/contract/caseDetail';
import { call } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { Field, FormAlert } from '../../components/Field';
import { useFormErrors } from '../care/useFormErrors';

const FIELDS = ['reason'] as const;

interface Props {
  readonly caseId: string;
  /** How the case is named to someone outside its care team: the MRN only. */
  readonly mrn: string | null;
  readonly clinicianName: string | null;
  readonly onClose: () => void;
  readonly onOpened: (detail: CaseDetail) => void;
}

/**
 * "Break the glass": a clinician opens a case assigned to someone else. The reason is required and recorded with
 * their name and the time; the access lasts until they sign out or the session locks.
 */
export function EmergencyAccessDialog({ caseId, mrn, clinicianName, onClose, onOpened }: Props) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors('emergency', FIELDS);

  const open = async () => {
    const parsed = emergencyAccessInputSchema.safeParse({ caseId, reason });
    if (!parsed.success) return errors.showInvalid(parsed.error);
    setBusy(true);
    const result = await call('cases.emergencyAccess', parsed.data);
    setBusy(false);
    if (!result.ok) return errors.show(result.error);
    onOpened(result.value);
  };

  return (
    <Dialog titleId="emergency-title" describedBy="emergency-explained" onClose={onClose}>
      <form
        noValidate
        className="stacked-form"
        onSubmit={(event) => {
          event.preventDefault();
          void open();
        }}
      >
        <h2 id="emergency-title">Emergency access{mrn ? ` to MRN ${mrn}` : ''}</h2>
        <div id="emergency-explained">
          <p>
            This case is assigned to {clinicianName ?? 'another clinician'}, not to you. Open it only when the person's care needs it now — for
            example, covering a crisis or an absent colleague.
          </p>
          <p>
            <strong>Your name, the time and your reason are recorded</strong> in the audit log that administrators review. The access lasts until you
            sign out or Stepwise locks.
          </p>
        </div>
        <FormAlert message={errors.form} />
        <Field
          id={errors.idOf('reason')}
          label="Reason for opening this case"
          hint={`At least ${MIN_EMERGENCY_REASON} characters. Say why, not clinical details.`}
          error={errors.fields.reason}
        >
          {(a11y) => (
            <textarea
              {...a11y}
              rows={3}
              maxLength={500}
              autoFocus
              value={reason}
              onChange={(event) => {
                setReason(event.target.value);
                errors.clearField('reason');
              }}
            />
          )}
        </Field>
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={onClose}>
            Cancel <kbd>Esc</kbd>
          </button>
          <button type="submit" className="button-danger" disabled={busy}>
            {busy ? 'Opening…' : 'Record the reason and open the case'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
