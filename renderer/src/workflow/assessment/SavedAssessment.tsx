import type { AssessmentRecord } from '../../../../shared/contract/assessments';
import { formatDate } from '../../format/time';
import { useSession } from '../../navigation';
import { RecommendationSummary } from '../RecommendationSummary';

interface Props {
  readonly record: AssessmentRecord;
  readonly fullName: string;
}

/** After saving: the recommendation the app stored, and the natural next step. */
export function SavedAssessment({ record, fullName }: Props) {
  const session = useSession();
  const { recommendation } = record;
  return (
    <section className="saved-panel" aria-labelledby="saved-title">
      <div role="status">
        <h2 id="saved-title">
          Saved the assessment of {fullName} on {formatDate(record.assessedOn)}
          {record.amendsId ? ' as an amendment' : ''}.
        </h2>
      </div>
      <p className="muted">The recommendation below was computed by the app when it saved the assessment.</p>
      <RecommendationSummary
        level={recommendation.level}
        transition={recommendation.transition}
        reasons={recommendation.reasons}
        warnings={recommendation.warnings}
        ruleIds={recommendation.ruleIds}
        rulesetVersion={recommendation.rulesetVersion}
        missing={recommendation.missing}
      />
      <div className="wf-actions">
        <button
          type="button"
          className="button-primary"
          autoFocus
          onClick={() => session.navigate({ page: 'decide', caseId: record.caseId, assessmentId: record.id })}
        >
          Decide placement now
        </button>
        <button type="button" className="button-secondary" onClick={() => session.navigate({ page: 'case', caseId: record.caseId })}>
          Back to the case
        </button>
      </div>
    </section>
  );
}
