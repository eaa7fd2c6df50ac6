import type { AssessmentRecord } from '../../../../shared/contract/assessments';
import { LEVEL_SHORT_LABELS } from '../../../../shared/domain/levels';
import { formatDate } from '../../format/time';
import { useSession } from '../../navigation';
import { formatInstant } from '../dates';
import { personName } from '../describe';
import { RecommendationSummary } from '../RecommendationSummary';
import { assessmentRowId, jumpTo } from './jumpTo';

interface Props {
  readonly caseId: string;
  readonly assessments: readonly AssessmentRecord[];
  readonly canAct: boolean;
  /** For a discharged case, the day care ended: only assessments from then on can lead to a readmission. */
  readonly decideFrom: string | null;
}

/** Every assessment of the case, newest first; amendments and what they amend both stay visible. */
export function AssessmentHistory({ caseId, assessments, canAct, decideFrom }: Props) {
  const session = useSession();
  if (assessments.length === 0) {
    return <p className="muted">No assessments yet. Record one to get the rules' recommendation for this case.</p>;
  }
  const byId = new Map(assessments.map((record) => [record.id, record]));
  const newestFirst = [...assessments].sort((a, b) => compareDesc(a.assessedOn, b.assessedOn) || compareDesc(a.createdAt, b.createdAt));
  const labelOf = (id: string) => {
    const other = byId.get(id);
    return other ? `the assessment of ${formatDate(other.assessedOn)}` : 'an earlier assessment';
  };
  return (
    <table className="workflow-table assessment-table" aria-label="Assessments">
      <thead>
        <tr>
          <th scope="col">Assessed</th>
          <th scope="col">Recommendation</th>
          <th scope="col">Note</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {newestFirst.map((record) => {
          const current = record.amendedById === null;
          const actionable = canAct && current && (decideFrom === null || record.assessedOn >= decideFrom);
          return (
            <tr key={record.id} id={assessmentRowId(record.id)} tabIndex={-1} className={current ? undefined : 'superseded-row'}>
              <td className="date-cell">
                <strong>{formatDate(record.assessedOn)}</strong>
                <div className="muted">by {personName(record.assessor)}</div>
                <div className="muted wf-small" title={`Recorded ${formatInstant(record.createdAt)}`}>
                  Current level then: {record.assessment.currentLevel === 'none' ? 'not placed' : LEVEL_SHORT_LABELS[record.assessment.currentLevel]}
                </div>
                {record.amendsId && (
                  <div className="version-link">
                    Amends{' '}
                    <button type="button" className="wf-link" onClick={() => jumpTo(assessmentRowId(record.amendsId ?? ''))}>
                      {labelOf(record.amendsId)}
                    </button>
                  </div>
                )}
                {record.amendedById && (
                  <div className="version-link">
                    <span className="wf-tag">Amended</span> by{' '}
                    <button type="button" className="wf-link" onClick={() => jumpTo(assessmentRowId(record.amendedById ?? ''))}>
                      {labelOf(record.amendedById)}
                    </button>
                  </div>
                )}
                {record.locked && (
                  <div className="locked-note" title="An assessment used by a submitted decision is never edited; amend it instead.">
                    Locked: used by a submitted decision
                  </div>
                )}
              </td>
              <td>
                <RecommendationSummary
                  level={record.recommendation.level}
                  transition={record.recommendation.transition}
                  reasons={record.recommendation.reasons}
                  warnings={record.recommendation.warnings}
                  ruleIds={record.recommendation.ruleIds}
                  rulesetVersion={record.recommendation.rulesetVersion}
                  missing={record.recommendation.missing}
                />
              </td>
              <td className="note-cell">{record.note ?? <span className="muted">—</span>}</td>
              <td className="actions-cell">
                {actionable && (
                  <div className="wf-row-actions">
                    <button
                      type="button"
                      className="button-secondary"
                      onClick={() => session.navigate({ page: 'decide', caseId, assessmentId: record.id })}
                    >
                      Decide placement
                    </button>
                    <button
                      type="button"
                      className="button-secondary"
                      onClick={() => session.navigate({ page: 'assess', caseId, amendsId: record.id })}
                    >
                      Amend
                    </button>
                  </div>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}
