import { useState } from 'react';
import type { CaseDetail } from '../../../shared/contract/caseDetail';
import { REDISCLOSURE_NOTICE } from '../../../shared/domain/confidentiality';
import { call } from '../api/client';
import { DECISION_STATUS_LABELS } from '../components/DecisionStatusLabel';
import { AudienceDialog } from '../disclosure/AudienceDialog';
import { SaveStatus } from '../disclosure/SaveStatus';
import { useSaveFile } from '../disclosure/useSaveFile';
import { formatDate } from '../format/time';
import { useSession } from '../navigation';
import { varianceLabel } from '../reports/reportWording';
import { todayIso } from '../workflow/dates';
import { EPISODE_END_REASON_LABELS, levelName, personName } from '../workflow/describe';
import { useCaseDetail } from '../workflow/useCaseDetail';
import '../disclosure/disclosure.css';

/** One case on paper: who, where in care, the assessments with the rules' reasons, and the decisions with their reviews. */
export function CaseSummaryPage({ caseId }: { readonly caseId: string }) {
  const session = useSession();
  const detail = useCaseDetail(caseId);
  const { state, save } = useSaveFile();
  const [asking, setAsking] = useState(false);

  if (detail.isPending) return <p role="status">Loading the case…</p>;
  if (detail.error) {
    return (
      <p role="alert" className="form-error">
        {detail.error.message}
      </p>
    );
  }
  const { summary } = detail.data;
  return (
    <section className="page page-scroll printable" aria-labelledby="summary-title">
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
        <h1 id="summary-title">Case summary: {summary.fullName}</h1>
        <p className="muted">
          Prepared {formatDate(todayIso())} by {session.user.displayName} with Stepwise.
        </p>
      </header>
      <CaseSummaryBody detail={detail.data} />
      {asking && (
        <AudienceDialog
          what={`the case summary of MRN ${summary.mrn} as a PDF`}
          onCancel={() => setAsking(false)}
          onChoose={(disclosure) => {
            setAsking(false);
            const note = disclosure ? ` The disclosure to ${disclosure.recipient} was entered in the disclosure history.` : '';
            const record = { kind: 'case-summary' as const, caseIds: [caseId], disclosure };
            // After the dialog has closed, so the PDF shows the summary and not the question.
            requestAnimationFrame(
              () => void save('PDF', () => call('files.savePdf', { suggestedName: `case-summary-${summary.mrn}.pdf`, record }), note),
            );
          }}
        />
      )}
    </section>
  );
}

function CaseSummaryBody({ detail }: { readonly detail: CaseDetail }) {
  const { summary, episodes, assessments, decisions } = detail;
  return (
    <>
      <dl className="print-facts">
        <dt>MRN</dt>
        <dd className="mono">{summary.mrn}</dd>
        <dt>Date of birth</dt>
        <dd>{formatDate(summary.dateOfBirth)}</dd>
        <dt>Clinician</dt>
        <dd>{summary.clinician?.displayName ?? 'Unassigned'}</dd>
        <dt>Program</dt>
        <dd>{summary.program ?? '—'}</dd>
        <dt>Payer</dt>
        <dd>{summary.payer ?? '—'}</dd>
        <dt>Current level</dt>
        <dd>
          {summary.level ? `${levelName(summary.level)} since ${summary.levelSince ? formatDate(summary.levelSince) : '—'}` : 'None'}
          {summary.status === 'discharged' ? ' (discharged)' : ''}
        </dd>
      </dl>

      <h2>Episodes of care</h2>
      {episodes.length === 0 ? (
        <p className="muted">No episodes of care.</p>
      ) : (
        <table className="print-table">
          <thead>
            <tr>
              <th scope="col">Level</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Ended because</th>
            </tr>
          </thead>
          <tbody>
            {episodes.map((episode) => (
              <tr key={episode.id}>
                <td>{levelName(episode.level)}</td>
                <td>{formatDate(episode.startDate)}</td>
                <td>{episode.endDate ? formatDate(episode.endDate) : 'ongoing'}</td>
                <td>{episode.endReason ? EPISODE_END_REASON_LABELS[episode.endReason] : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Assessments</h2>
      {assessments.length === 0 && <p className="muted">No assessments.</p>}
      {assessments.map((record) => (
        <section key={record.id} className="print-block" aria-label={`Assessment of ${formatDate(record.assessedOn)}`}>
          <h3>
            {formatDate(record.assessedOn)}: the rules recommend{' '}
            {record.recommendation.level ? levelName(record.recommendation.level) : 'no level (information missing)'}
          </h3>
          <p className="muted">
            Assessed by {personName(record.assessor)}; ruleset {record.recommendation.rulesetVersion}
            {record.amendedById ? '; later amended' : ''}.
          </p>
          {record.recommendation.reasons.length > 0 && (
            <ul>
              {record.recommendation.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          )}
          {record.recommendation.missing.length > 0 && <p>Missing: {record.recommendation.missing.join(', ')}.</p>}
          {record.note && <p>Note: {record.note}</p>}
        </section>
      ))}

      <h2>Placement decisions</h2>
      {decisions.length === 0 && <p className="muted">No placement decisions.</p>}
      {decisions.map((decision) => (
        <section key={decision.id} className="print-block" aria-label={`Decision effective ${formatDate(decision.effectiveDate)}`}>
          <h3>
            {levelName(decision.chosenLevel)} from {formatDate(decision.effectiveDate)} — {DECISION_STATUS_LABELS[decision.status]}
          </h3>
          <p>
            Recommended: {decision.recommendedLevel ? levelName(decision.recommendedLevel) : 'none'}. Decided by {decision.author.displayName}.
          </p>
          {decision.varianceReason && (
            <p>
              Departs from the rules: {varianceLabel(decision.varianceReason)}
              {decision.varianceText ? ` — ${decision.varianceText}` : ''}
            </p>
          )}
          {decision.reviews.map((review) => (
            <p key={review.reviewedAt}>
              {review.outcome === 'approved' ? 'Approved' : 'Returned'} by {review.reviewer.displayName} on{' '}
              {formatDate(review.reviewedAt.slice(0, 10))}
              {review.comment ? `: ${review.comment}` : ''}
            </p>
          ))}
        </section>
      ))}
    </>
  );
}
