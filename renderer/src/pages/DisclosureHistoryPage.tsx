import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { REDISCLOSURE_NOTICE } from '../../../shared/domain/confidentiality';
import { call, callOrThrow } from '../api/client';
import { AudienceDialog } from '../disclosure/AudienceDialog';
import { SaveStatus } from '../disclosure/SaveStatus';
import { useSaveFile } from '../disclosure/useSaveFile';
import { formatDate } from '../format/time';
import { useSession } from '../navigation';
import { todayIso } from '../workflow/dates';
import '../disclosure/disclosure.css';

function localDateTime(instant: string): string {
  const date = new Date(instant);
  return `${formatDate(instant.slice(0, 10))} ${date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
}

/** 42 CFR part 2 accounting of disclosures: every time this patient's records left the clinic, to whom, why and on what consent. */
export function DisclosureHistoryPage({ caseId }: { readonly caseId: string }) {
  const session = useSession();
  const history = useQuery({ queryKey: ['disclosures.list', caseId], queryFn: () => callOrThrow('disclosures.list', { caseId }) });
  const { state, save } = useSaveFile();
  const [asking, setAsking] = useState(false);

  if (history.isPending) return <p role="status">Loading the disclosure history…</p>;
  if (history.error) {
    return (
      <p role="alert" className="form-error">
        {history.error.message}
      </p>
    );
  }
  const { mrn, fullName, disclosures } = history.data;
  return (
    <section className="page page-scroll printable" aria-labelledby="disclosures-title">
      <div className="print-toolbar">
        <button type="button" className="wf-link wf-back" onClick={() => session.navigate({ page: 'case', caseId })}>
          ← Back to the case
        </button>
        <button type="button" className="button-primary" disabled={state.kind === 'busy'} onClick={() => setAsking(true)}>
          Save as PDF…
        </button>
        <SaveStatus state={state} />
      </div>
      <p className="print-notice">{REDISCLOSURE_NOTICE}</p>
      <header className="print-header">
        <h1 id="disclosures-title">Disclosure history: {fullName}</h1>
        <p className="muted">
          MRN <span className="mono">{mrn}</span>. Every recorded disclosure of this patient's records outside the clinic, oldest first. Prepared{' '}
          {formatDate(todayIso())} by {session.user.displayName}.
        </p>
      </header>
      {disclosures.length === 0 ? (
        <p>No disclosures have been recorded for this patient.</p>
      ) : (
        <table className="print-table">
          <caption className="visually-hidden">Disclosures of {fullName}'s records</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Recipient</th>
              <th scope="col">Purpose</th>
              <th scope="col">Consent</th>
              <th scope="col">What</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {disclosures.map((disclosure) => (
              <tr key={disclosure.id}>
                <td>{localDateTime(disclosure.disclosedAt)}</td>
                <td>{disclosure.recipient}</td>
                <td>{disclosure.purpose}</td>
                <td>{disclosure.consentReference}</td>
                <td>{disclosure.content}</td>
                <td>{disclosure.disclosedBy.displayName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {asking && (
        <AudienceDialog
          what={`the disclosure history of MRN ${mrn} as a PDF`}
          onCancel={() => setAsking(false)}
          onChoose={(disclosure) => {
            setAsking(false);
            const record = { kind: 'disclosure-history' as const, caseIds: [caseId], disclosure };
            requestAnimationFrame(() => void save('PDF', () => call('files.savePdf', { suggestedName: `disclosure-history-${mrn}.pdf`, record })));
          }}
        />
      )}
    </section>
  );
}
