import { useState } from 'react';
import type { ConflictResolutionChoice, PacketConflict } from '../../../shared/contract/packets';
import { call } from '../api/client';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { LevelBadge } from '../components/LevelBadge';
import { formatInstant } from '../format/time';
import { useSession } from '../navigation';
import { DECISION_STATUS_LABELS } from '../workflow/describe';

interface Props {
  readonly conflicts: readonly PacketConflict[];
  readonly onResolved: (message: string) => void;
}

interface Pending {
  readonly conflict: PacketConflict;
  readonly resolution: ConflictResolutionChoice;
}

/**
 * Sign-off outcomes that were not applied because the decision changed here after it was sent. Nothing is
 * overwritten: the person keeps this installation's decision, or — for a return — applies it now, on record.
 */
export function PacketConflicts({ conflicts, onResolved }: Props) {
  const { navigate } = useSession();
  const [pending, setPending] = useState<Pending | null>(null);

  const resolve = async ({ conflict, resolution }: Pending): Promise<string | null> => {
    const result = await call('packets.resolveConflict', { conflictId: conflict.id, resolution });
    if (!result.ok) return result.error.message;
    setPending(null);
    onResolved(
      resolution === 'returned'
        ? `The decision for ${conflict.caseName} was returned as ${conflict.reviewerName} asked; it is back with its clinician.`
        : `Kept the decision for ${conflict.caseName} as it is here; ${conflict.reviewerName}'s ${conflict.outcome === 'approved' ? 'approval' : 'return'} was set aside, on record.`,
    );
    return null;
  };

  if (conflicts.length === 0) return null;
  return (
    <section className="packets-section packets-conflicts" aria-labelledby="conflicts-title">
      <h2 id="conflicts-title">Conflicts to resolve</h2>
      <p className="packets-hint">
        These outcomes came in a sign-off but were not applied, because the decision changed here after it was sent. Decide each one; nothing is
        overwritten until you do.
      </p>
      <ul className="packets-conflict-list">
        {conflicts.map((conflict) => (
          <li key={conflict.id} className="packets-conflict">
            <h3>
              {conflict.caseName} <span className="muted">MRN {conflict.caseMrn}</span> <LevelBadge level={conflict.chosenLevel} />
            </h3>
            <p>
              <strong>
                {conflict.reviewerName} {conflict.outcome === 'approved' ? 'approved' : 'returned'} it
              </strong>{' '}
              on {formatInstant(conflict.reviewedAt)}
              {conflict.comment ? <>: “{conflict.comment}”</> : '.'}
            </p>
            <p>
              <span aria-hidden="true">⚠</span> {conflict.reason} Here it is now{' '}
              <strong>{DECISION_STATUS_LABELS[conflict.decisionStatus].toLowerCase()}</strong>.
            </p>
            <div className="packets-actions">
              <button type="button" className="button-secondary" onClick={() => setPending({ conflict, resolution: 'kept-local' })}>
                Keep it as it is here
              </button>
              {conflict.canApplyReturn && (
                <button type="button" className="button-secondary" onClick={() => setPending({ conflict, resolution: 'returned' })}>
                  Return it as {conflict.reviewerName} asked
                </button>
              )}
              <button type="button" className="link-button" onClick={() => navigate({ page: 'case', caseId: conflict.caseId })}>
                Open the case
              </button>
            </div>
          </li>
        ))}
      </ul>
      {pending && (
        <ConfirmDialog
          title={pending.resolution === 'returned' ? 'Return the decision?' : 'Keep the decision as it is here?'}
          confirmLabel={pending.resolution === 'returned' ? 'Return it' : 'Keep it'}
          message={
            pending.resolution === 'returned'
              ? `The decision for ${pending.conflict.caseName} goes back to its clinician with ${pending.conflict.reviewerName}'s comment. The audit log records that you applied it.`
              : `${pending.conflict.reviewerName}'s ${pending.conflict.outcome === 'approved' ? 'approval' : 'return'} is set aside and the decision stays as it is here. If it still needs review, send it again.`
          }
          onConfirm={() => resolve(pending)}
          onCancel={() => setPending(null)}
        />
      )}
    </section>
  );
}
