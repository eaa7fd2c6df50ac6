import { useState } from 'react';
import type { CaseDetail } from '../../../../shared/contract/caseDetail';
import { EmergencyAccessDialog } from './EmergencyAccessDialog';

/** Shown when a clinician reaches a case outside their caseload (a link, a remembered case): the recorded way in. */
export function EmergencyAccessOffer({ caseId, onOpened }: { readonly caseId: string; readonly onOpened: (detail: CaseDetail) => void }) {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button type="button" className="button-secondary" onClick={() => setAsking(true)}>
        Emergency access…
      </button>
      {asking && <EmergencyAccessDialog caseId={caseId} mrn={null} clinicianName={null} onClose={() => setAsking(false)} onOpened={onOpened} />}
    </>
  );
}
