import { useSession, userHasRole } from '../navigation';
import { AssessmentHistory } from '../workflow/caseDetail/AssessmentHistory';
import { CaseHeader } from '../workflow/caseDetail/CaseHeader';
import { DecisionHistory } from '../workflow/caseDetail/DecisionHistory';
import { EpisodeTable } from '../workflow/caseDetail/EpisodeTable';
import { todayIso } from '../workflow/dates';
import { useCaseDetail } from '../workflow/useCaseDetail';
import '../workflow.css';

/** One case: who it is, where they are in care, every assessment and every placement decision. */
export function CaseDetailPage({ caseId }: { readonly caseId: string }) {
  const { user } = useSession();
  const detail = useCaseDetail(caseId);
  const today = todayIso();
  // Clinicians and supervisors record clinical work; an administrator only reads.
  const canAct = userHasRole(user, 'clinician', 'supervisor');

  if (detail.isPending) return <p role="status">Loading the case…</p>;
  if (detail.error) {
    return (
      <p role="alert" className="form-error">
        {detail.error.message}
      </p>
    );
  }
  const { summary, episodes, assessments, decisions } = detail.data;
  return (
    <section className="page page-scroll workflow-page" aria-labelledby="case-title">
      <CaseHeader summary={summary} today={today} canAssess={canAct} />

      <section aria-labelledby="episodes-title" className="workflow-section">
        <h2 id="episodes-title">Episodes of care</h2>
        <EpisodeTable episodes={episodes} today={today} />
      </section>
      <section aria-labelledby="decisions-title" className="workflow-section">
        <h2 id="decisions-title">Placement decisions</h2>
        <DecisionHistory summary={summary} decisions={decisions} assessments={assessments} episodes={episodes} canAct={canAct} today={today} />
      </section>
      <section aria-labelledby="assessments-title" className="workflow-section">
        <h2 id="assessments-title">Assessments</h2>
        <AssessmentHistory caseId={caseId} assessments={assessments} canAct={canAct && summary.status === 'active'} />
      </section>
    </section>
  );
}
