import { Fragment, useState } from 'react';
import type { AssessmentRecord } from '../../../../shared/contract/assessments';
import type { EpisodeRecord } from '../../../../shared/contract/caseDetail';
import type { CaseSummary } from '../../../../shared/contract/cases';
import type { DecisionRecord } from '../../../../shared/contract/decisions';
import type { AppError } from '../../../../shared/contract/result';
import { call } from '../../api/client';
import { LevelBadge } from '../../components/LevelBadge';
import { RecommendedLevel } from '../RecommendedLevel';
import { formatDate } from '../../format/time';
import { useSession } from '../../navigation';
import { ConfirmDialog } from '../ConfirmDialog';
import { formatInstant } from '../dates';
import { DECISION_STATUS_LABELS, levelName } from '../describe';
import { useRefreshWorkflow } from '../useCaseDetail';
import { DecisionDetails, hasDecisionDetails } from './DecisionDetails';
import { decisionRowId } from './jumpTo';

interface Props {
  readonly summary: CaseSummary;
  readonly decisions: readonly DecisionRecord[];
  readonly assessments: readonly AssessmentRecord[];
  readonly episodes: readonly EpisodeRecord[];
  readonly canAct: boolean;
  readonly today: string;
}

const COLUMN_COUNT = 6;

/** Every placement decision of the case, newest first, with its review trail and the author's next steps. */
export function DecisionHistory({ summary, decisions, assessments, episodes, canAct, today }: Props) {
  const session = useSession();
  const user = session.user;
  const refresh = useRefreshWorkflow();
  const [withdrawing, setWithdrawing] = useState<DecisionRecord | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  if (decisions.length === 0) {
    return <p className="muted">No placement decisions yet. Choose “Decide placement” on an assessment to record one.</p>;
  }
  const assessedOn = new Map(assessments.map((record) => [record.id, record.assessedOn]));
  const byId = new Map(decisions.map((decision) => [decision.id, decision]));
  const newestFirst = [...decisions].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));

  const submit = async (decision: DecisionRecord) => {
    setBusyId(decision.id);
    setProblem(null);
    const result = await call('decisions.submit', { decisionId: decision.id });
    setBusyId(null);
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    setNotice(`Submitted the decision to place ${summary.fullName} at ${levelName(decision.chosenLevel)} for review.`);
    await refresh(summary.id);
  };

  const withdraw = async (): Promise<AppError | null> => {
    if (!withdrawing) return null;
    const result = await call('decisions.withdraw', { decisionId: withdrawing.id });
    if (!result.ok) return result.error;
    setNotice(`Withdrew the decision to place ${summary.fullName} at ${levelName(withdrawing.chosenLevel)}.`);
    setWithdrawing(null);
    await refresh(summary.id);
    return null;
  };

  return (
    <>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {problem && (
        <p role="alert" className="form-error">
          {problem}
        </p>
      )}
      <table className="workflow-table decision-table" aria-label="Placement decisions">
        <thead>
          <tr>
            <th scope="col">Effective</th>
            <th scope="col">Recommended → chosen</th>
            <th scope="col">Status</th>
            <th scope="col">Author</th>
            <th scope="col">Reviewer</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((decision) => {
            const mine = decision.author.id === user.id;
            const editable = canAct && mine && (decision.status === 'draft' || decision.status === 'returned');
            // A decision waiting for review can be taken back too (the main process allows it to its author and the case's clinician).
            const withdrawable = editable || (canAct && mine && decision.status === 'submitted');
            // A correction moves the boundary its decision created, which is possible only while that episode is still open.
            const episodeEnded = episodes.some((episode) => episode.openedByDecisionId === decision.id && episode.endDate !== null);
            const correctable = canAct && decision.status === 'approved' && decision.supersededById === null && !episodeEnded;
            const planned = decision.effectiveDate > today && decision.status !== 'withdrawn' && decision.appliedAt === null;
            const assessmentDate = assessedOn.get(decision.assessmentId);
            return (
              <Fragment key={decision.id}>
                <tr id={decisionRowId(decision.id)} tabIndex={-1} className={hasDecisionDetails(decision) ? 'has-details' : undefined}>
                  <td className="date-cell">
                    {formatDate(decision.effectiveDate)}
                    {planned && <span className="wf-planned">Planned</span>}
                    {assessmentDate && <div className="muted wf-small">Assessment of {formatDate(assessmentDate)}</div>}
                  </td>
                  <td>
                    <RecommendedLevel level={decision.recommendedLevel} /> <span aria-hidden="true">→</span>
                    <span className="visually-hidden">recommended; chosen:</span> <LevelBadge level={decision.chosenLevel} />
                    {decision.recommendedLevel !== decision.chosenLevel && <span className="wf-variance-tag">Variance</span>}
                  </td>
                  <td>
                    <span className={`wf-status wf-status-${decision.status}`}>{DECISION_STATUS_LABELS[decision.status]}</span>
                    {decision.supersededById && <span className="wf-tag">Superseded</span>}
                    <div className="muted wf-small">
                      {decision.submittedAt ? `Submitted ${formatInstant(decision.submittedAt)}` : `Created ${formatInstant(decision.createdAt)}`}
                    </div>
                  </td>
                  <td>{decision.author.displayName}</td>
                  <td>{decision.reviewer?.displayName ?? <span className="muted">—</span>}</td>
                  <td className="actions-cell">
                    <div className="wf-row-actions">
                      {editable && (
                        <>
                          <button
                            type="button"
                            className="button-secondary"
                            onClick={() =>
                              session.navigate({ page: 'decide', caseId: summary.id, assessmentId: decision.assessmentId, decisionId: decision.id })
                            }
                          >
                            Edit
                          </button>
                          <button type="button" className="button-primary" disabled={busyId === decision.id} onClick={() => void submit(decision)}>
                            {busyId === decision.id ? 'Submitting…' : 'Submit for review'}
                          </button>
                        </>
                      )}
                      {withdrawable && (
                        <button type="button" className="button-secondary" onClick={() => setWithdrawing(decision)}>
                          Withdraw
                        </button>
                      )}
                      {correctable && (
                        <button
                          type="button"
                          className="button-secondary"
                          onClick={() =>
                            session.navigate({ page: 'decide', caseId: summary.id, assessmentId: decision.assessmentId, supersedesId: decision.id })
                          }
                        >
                          Record a correction
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
                {hasDecisionDetails(decision) && (
                  <tr className="details-row">
                    <td colSpan={COLUMN_COUNT}>
                      <DecisionDetails decision={decision} effectiveDateOf={(id) => byId.get(id)?.effectiveDate ?? null} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      <ConfirmDialog
        open={withdrawing !== null}
        title={withdrawing ? `Withdraw the decision to place ${summary.fullName} at ${levelName(withdrawing.chosenLevel)}?` : ''}
        confirmLabel="Withdraw decision"
        danger
        onCancel={() => setWithdrawing(null)}
        onConfirm={withdraw}
      >
        <p>The decision stays in the history as withdrawn and can no longer be submitted. You can record a new decision afterwards.</p>
      </ConfirmDialog>
    </>
  );
}
