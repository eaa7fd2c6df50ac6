import { useState } from 'react';
import type { CaseDetail } from '../../../shared/contract/caseDetail';
import { REDISCLOSURE_NOTICE } from '../../../shared/domain/confidentiality';
import { call } from '../api/client';
import { ReviewAssessments } from '../caseReview/ReviewAssessments';
import { ReviewDecisions } from '../caseReview/ReviewDecisions';
import { ReviewTimeline } from '../caseReview/ReviewTimeline';
import '../caseReview/caseReview.css';
import { DecisionStatusLabel } from '../components/DecisionStatusLabel';
import { DemoTag } from '../components/DemoTag';
import { LevelBadge } from '../components/LevelBadge';
import { AudienceDialog } from '../disclosure/AudienceDialog';
import { SaveStatus } from '../disclosure/SaveStatus';
import { useSaveFile } from '../disclosure/useSaveFile';
import { formatAge, formatDate } from '../format/time';
import { useSession } from '../navigation';
import { describeReviewDue } from '../workflow/care/careText';
import { daysAtLevel, todayIso } from '../workflow/dates';
import { useCaseDetail } from '../workflow/useCaseDetail';
import '../disclosure/disclosure.css';

/**
 * The case review on paper: who and where in care, every assessment with the rules' reasons, every decision with its
 * variance and reviews, and the timeline of care. The main process adds the redisclosure notice to every PDF page.
 */
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
        <p className="review-kicker">Stepwise · level-of-care case review · confidential</p>
        <h1 id="summary-title">
          Case review: {summary.fullName} {summary.synthetic && <DemoTag />}
        </h1>
        <p className="muted">
          Prepared {formatDate(todayIso())} by {session.user.displayName}. Levels: inpatient / residential ●●●, intensive outpatient (IOP) ●●○,
          outpatient ●○○.
        </p>
      </header>
      <CaseSummaryBody detail={detail.data} />
      {asking && (
        <AudienceDialog
          what={`the case review of MRN ${summary.mrn} as a PDF`}
          onCancel={() => setAsking(false)}
          onChoose={(disclosure) => {
            setAsking(false);
            const note = disclosure ? ` The disclosure to ${disclosure.recipient} was entered in the disclosure history.` : '';
            const record = { kind: 'case-summary' as const, caseIds: [caseId], disclosure };
            // After the dialog has closed, so the PDF shows the summary and not the question.
            requestAnimationFrame(
              () => void save('PDF', () => call('files.savePdf', { suggestedName: `case-review-${summary.mrn}.pdf`, record }), note),
            );
          }}
        />
      )}
    </section>
  );
}

function CaseSummaryBody({ detail }: { readonly detail: CaseDetail }) {
  const { summary, episodes, assessments, decisions, careEvents } = detail;
  const today = todayIso();
  const reviewDue = describeReviewDue(summary, today);
  return (
    <>
      <dl className="print-facts review-facts">
        <dt>MRN</dt>
        <dd className="mono">{summary.mrn}</dd>
        <dt>Date of birth</dt>
        <dd>
          {formatDate(summary.dateOfBirth)} ({formatAge(summary.dateOfBirth, today)})
        </dd>
        <dt>Status</dt>
        <dd>{summary.status === 'discharged' ? 'Discharged' : 'In care'}</dd>
        <dt>Clinician</dt>
        <dd>{summary.clinician?.displayName ?? 'Unassigned'}</dd>
        <dt>Program</dt>
        <dd>{summary.program ?? '—'}</dd>
        <dt>Payer</dt>
        <dd>{summary.payer ?? '—'}</dd>
        <dt>Current level</dt>
        <dd>
          {summary.level ? (
            <>
              <LevelBadge level={summary.level} /> since {summary.levelSince ? formatDate(summary.levelSince) : '—'}
              {summary.levelSince ? ` (${daysAtLevel(summary.levelSince, today, summary.level)})` : ''}
            </>
          ) : (
            'None'
          )}
        </dd>
        <dt>Rules recommend</dt>
        <dd>
          {summary.recommendedLevel ? <LevelBadge level={summary.recommendedLevel} /> : 'No level yet'}
          {summary.mismatch ? ' — differs from the current level' : ''}
        </dd>
        <dt>Latest decision</dt>
        <dd>
          <DecisionStatusLabel status={summary.decisionStatus} />
        </dd>
        <dt>Continued-stay review</dt>
        <dd>{reviewDue?.text ?? 'None due'}</dd>
      </dl>

      <h2>Assessments</h2>
      <ReviewAssessments assessments={assessments} />

      <h2>Placement decisions</h2>
      <ReviewDecisions decisions={decisions} assessments={assessments} />

      <h2>Timeline of care</h2>
      <ReviewTimeline summary={summary} episodes={episodes} careEvents={careEvents} today={today} />
    </>
  );
}
