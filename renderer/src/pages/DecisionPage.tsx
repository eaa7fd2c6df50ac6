import { formatDate } from '../format/time';
import { useSession } from '../navigation';
import { todayIso } from '../workflow/dates';
import { DecisionContext } from '../workflow/decision/DecisionContext';
import { DecisionForm } from '../workflow/decision/DecisionForm';
import { levelName } from '../workflow/describe';
import { useCaseDetail } from '../workflow/useCaseDetail';
import '../workflow.css';

interface Props {
  readonly caseId: string;
  readonly assessmentId: string;
  readonly decisionId?: string;
  readonly supersedesId?: string;
}

/** Records a placement decision on an assessment: a new draft, an edit of a draft or returned one, or a correction. */
export function DecisionPage({ caseId, assessmentId, decisionId, supersedesId }: Props) {
  const session = useSession();
  const user = session.user;
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
  const { summary, assessments, decisions } = detail.data;
  const assessment = assessments.find((record) => record.id === assessmentId);
  const editing = decisionId ? decisions.find((decision) => decision.id === decisionId) : undefined;
  const supersedes = supersedesId ? decisions.find((decision) => decision.id === supersedesId) : undefined;
  const title = editing ? 'Edit placement decision' : supersedes ? 'Record a correction' : 'Decide placement';

  const problem = !assessment
    ? 'The assessment for this decision was not found in the case. Go back to the case and choose it again.'
    : decisionId && !editing
      ? 'The decision to edit was not found in this case.'
      : editing && editing.status !== 'draft' && editing.status !== 'returned'
        ? `This decision is ${editing.status === 'submitted' ? 'awaiting review' : editing.status} and can no longer be edited.${editing.status === 'approved' ? ' Record a correction instead.' : ''}`
        : editing && editing.author.id !== user.id
          ? `Only the author of this decision, ${editing.author.displayName}, can edit it.`
          : supersedesId && !supersedes
            ? 'The approved decision to correct was not found in this case.'
            : supersedes && (supersedes.status !== 'approved' || supersedes.supersededById !== null)
              ? 'Only an approved decision that has not already been corrected can be corrected.'
              : null;

  return (
    <section className="page page-scroll workflow-page" aria-labelledby="decision-title">
      <header className="workflow-header">
        <button type="button" className="wf-link wf-back" onClick={() => session.navigate({ page: 'case', caseId })}>
          ← {summary.fullName}
        </button>
        <h1 id="decision-title">
          {title}
          <span className="title-detail">
            {' '}
            — {summary.fullName} <span className="mono muted">{summary.mrn}</span>
          </span>
        </h1>
        {supersedes && (
          <p className="correction-note">
            This records a correction of the approved decision to place {summary.fullName} at {levelName(supersedes.chosenLevel)} from{' '}
            {formatDate(supersedes.effectiveDate)}. A supervisor other than you must approve the correction; until then the approved decision stands.
            Both stay in the case's history, and once approved the case's episodes of care follow the corrected level and date.
          </p>
        )}
      </header>
      {problem || !assessment ? (
        <p role="alert" className="form-error">
          {problem}
        </p>
      ) : (
        <div className="decision-layout">
          <DecisionForm
            key={decisionId ?? supersedesId ?? assessmentId}
            summary={summary}
            assessment={assessment}
            editing={editing}
            supersedes={supersedes}
            today={today}
          />
          <DecisionContext assessment={assessment} returned={editing} />
        </div>
      )}
    </section>
  );
}
