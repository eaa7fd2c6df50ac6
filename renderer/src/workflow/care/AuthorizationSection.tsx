import { useCallback, useState } from 'react';
import type { AuthorizationRecord } from '../../../../shared/contract/care';
import type { CaseDetail } from '../../../../shared/contract/caseDetail';
import type { AppError } from '../../../../shared/contract/result';
import { call } from '../../api/client';
import { LevelBadge } from '../../components/LevelBadge';
import { formatDate } from '../../format/time';
import { ConfirmDialog } from '../ConfirmDialog';
import { daysBetween } from '../dates';
import { levelName } from '../describe';
import { AttentionMarker } from './AttentionMarker';
import { AuthorizationDialog } from './AuthorizationDialog';
import { authorizationProblem } from './careText';
import { useCaseShortcut } from './useCaseShortcut';

type Editing = { readonly kind: 'add' } | { readonly kind: 'edit'; readonly authorization: AuthorizationRecord };

interface Props {
  readonly detail: CaseDetail;
  readonly today: string;
  readonly canEdit: boolean;
  readonly onChanged: (detail: CaseDetail) => Promise<void>;
}

/** What the payer has authorized, flagged where it ends within 7 days or does not cover the current level. */
export function AuthorizationSection({ detail, today, canEdit, onChanged }: Props) {
  const { summary, authorizations } = detail;
  const [editing, setEditing] = useState<Editing | null>(null);
  const [removing, setRemoving] = useState<AuthorizationRecord | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useCaseShortcut(
    'p',
    useCallback(() => setEditing({ kind: 'add' }), []),
    canEdit && editing === null,
  );

  const remove = async (): Promise<AppError | null> => {
    if (!removing) return null;
    const result = await call('care.removeAuthorization', { authorizationId: removing.id });
    if (!result.ok) return result.error;
    setNotice(`Removed the ${removing.payer} authorization for ${levelName(removing.level)}.`);
    setRemoving(null);
    await onChanged(result.value);
    return null;
  };

  const problem = authorizationProblem(summary, today);
  const newestFirst = [...authorizations].sort((a, b) => (a.fromDate < b.fromDate ? 1 : a.fromDate > b.fromDate ? -1 : 0));
  const coversNow = (authorization: AuthorizationRecord) => authorization.fromDate <= today && today <= authorization.toDate;
  return (
    <>
      {problem && (
        <p className="care-summary">
          <AttentionMarker>{problem}.</AttentionMarker>{' '}
          {summary.authorizationFlag === 'ending-soon'
            ? 'Record the renewal when the payer grants it.'
            : 'Record an authorization for the current level.'}
        </p>
      )}
      {notice && (
        <p role="status" className="notice-text">
          {notice}
        </p>
      )}
      {canEdit && (
        <div className="section-actions">
          <button type="button" className="button-secondary" onClick={() => setEditing({ kind: 'add' })}>
            Add authorization <kbd>P</kbd>
          </button>
        </div>
      )}
      {authorizations.length === 0 ? (
        <p className="muted">No payer authorizations recorded. Add one to have the caseload warn before it runs out.</p>
      ) : (
        <table className="workflow-table authorization-table" aria-label="Payer authorizations">
          <thead>
            <tr>
              <th scope="col">Payer</th>
              <th scope="col">Authorized level</th>
              <th scope="col">From – to</th>
              <th scope="col" className="wf-num">
                Units
              </th>
              <th scope="col">Status</th>
              {canEdit && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {newestFirst.map((authorization) => {
              const current = coversNow(authorization);
              const endingSoon =
                summary.authorizationFlag === 'ending-soon' &&
                current &&
                authorization.level === summary.level &&
                authorization.toDate === summary.authorizationEndsOn;
              const mismatch = summary.authorizationFlag === 'level-mismatch' && current && authorization.level !== summary.level;
              return (
                <tr key={authorization.id}>
                  <td>{authorization.payer}</td>
                  <td>
                    <LevelBadge level={authorization.level} />
                  </td>
                  <td className="date-cell">
                    {formatDate(authorization.fromDate)} – {formatDate(authorization.toDate)}
                  </td>
                  <td className="wf-num">{authorization.units ?? <span className="muted">—</span>}</td>
                  <td>
                    {endingSoon ? (
                      <AttentionMarker>Ends {inDays(daysBetween(today, authorization.toDate))}</AttentionMarker>
                    ) : mismatch && summary.level ? (
                      <AttentionMarker>Does not cover {levelName(summary.level)}, the current level</AttentionMarker>
                    ) : current ? (
                      'Current'
                    ) : authorization.toDate < today ? (
                      <span className="muted">Ended</span>
                    ) : (
                      `Starts ${formatDate(authorization.fromDate)}`
                    )}
                  </td>
                  {canEdit && (
                    <td className="actions-cell">
                      <div className="wf-row-actions">
                        <button type="button" className="button-secondary" onClick={() => setEditing({ kind: 'edit', authorization })}>
                          Edit
                          <span className="visually-hidden">
                            {' '}
                            the {authorization.payer} authorization from {formatDate(authorization.fromDate)}
                          </span>
                        </button>
                        <button type="button" className="link-button danger" onClick={() => setRemoving(authorization)}>
                          Remove
                          <span className="visually-hidden">
                            {' '}
                            the {authorization.payer} authorization from {formatDate(authorization.fromDate)}
                          </span>
                        </button>
                      </div>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {editing && (
        <AuthorizationDialog
          detail={detail}
          editing={editing.kind === 'edit' ? editing.authorization : null}
          onClose={() => setEditing(null)}
          onSaved={async (saved) => {
            setNotice(editing.kind === 'edit' ? 'Saved the changed authorization.' : 'Added the authorization.');
            setEditing(null);
            await onChanged(saved);
          }}
        />
      )}
      <ConfirmDialog
        open={removing !== null}
        title={
          removing
            ? `Remove the ${removing.payer} authorization for ${levelName(removing.level)} (${formatDate(removing.fromDate)} – ${formatDate(removing.toDate)}) from ${summary.fullName}'s record?`
            : ''
        }
        confirmLabel="Remove authorization"
        danger
        onCancel={() => setRemoving(null)}
        onConfirm={remove}
      >
        <p>The caseload's authorization flags are recomputed without it.</p>
      </ConfirmDialog>
    </>
  );
}

function inDays(days: number): string {
  return days <= 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
}
