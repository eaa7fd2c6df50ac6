import { useState } from 'react';
import type { CaseDetail } from '../../../../shared/contract/caseDetail';
import type { OutsideCaseload } from '../../../../shared/contract/cases';
import { EmergencyAccessDialog } from './EmergencyAccessDialog';
import '../../disclosure/disclosure.css';

interface Props {
  readonly match: OutsideCaseload;
  readonly onOpened: (detail: CaseDetail) => void;
}

/** A clinician searched for the exact MRN of a case outside their caseload: they learn it exists, and how to open it. */
export function OutsideCaseloadNotice({ match, onOpened }: Props) {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <div className="notice outside-caseload" role="status">
        <p>
          MRN <span className="mono">{match.mrn}</span> belongs to a case assigned to {match.clinician?.displayName ?? 'no clinician'}, outside your
          caseload.
        </p>
        <button type="button" className="button-secondary" onClick={() => setAsking(true)}>
          Emergency access…
        </button>
      </div>
      {asking && (
        <EmergencyAccessDialog
          caseId={match.caseId}
          mrn={match.mrn}
          clinicianName={match.clinician?.displayName ?? null}
          onClose={() => setAsking(false)}
          onOpened={onOpened}
        />
      )}
    </>
  );
}
