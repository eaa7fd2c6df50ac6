import { formatDate } from '../format/time';
import { useSession } from '../navigation';
import { AssessmentForm } from '../workflow/assessment/AssessmentForm';
import { todayIso } from '../workflow/dates';
import { useCaseDetail } from '../workflow/useCaseDetail';
import '../workflow.css';

/** Records an assessment of a case, or an amendment of an earlier one, with a live preview of the rules. */
export function AssessmentPage({ caseId, amendsId }: { readonly caseId: string; readonly amendsId?: string }) {
  const session = useSession();
  const detail = useCaseDetail(caseId);
  const today = todayIso();

  if (detail.isPending) return <p role="status">Loading the case…</p>;
  if (detail.error) {
    return (
      <p role="alert" className="form-error">
        {detail.error.message}
      </p>
    );
  }
  const { summary, assessments } = detail.data;
  const amends = amendsId ? assessments.find((record) => record.id === amendsId) : undefined;
  return (
    <section className="page page-scroll workflow-page" aria-labelledby="assessment-title">
      <header className="workflow-header">
        <button type="button" className="wf-link wf-back" onClick={() => session.navigate({ page: 'case', caseId })}>
          ← {summary.fullName}
        </button>
        <h1 id="assessment-title">
          {amends ? `Amend the assessment of ${formatDate(amends.assessedOn)}` : 'New assessment'}
          <span className="title-detail">
            {' '}
            — {summary.fullName} <span className="mono muted">{summary.mrn}</span>
          </span>
        </h1>
        {amends && (
          <p className="wf-hint">
            Saving records a new version that links to the assessment it amends. Both stay in the case's history
            {amends.locked ? '; the original is used by a submitted decision and is never edited' : ''}.
          </p>
        )}
      </header>
      {amendsId && !amends ? (
        <p role="alert" className="form-error">
          The assessment to amend was not found in this case. Go back to the case and choose it again.
        </p>
      ) : (
        <AssessmentForm key={amendsId ?? 'new'} detail={detail.data} amends={amends} today={today} />
      )}
    </section>
  );
}
