import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { QueueItem } from '../../../shared/contract/decisions';
import type { AppError } from '../../../shared/contract/result';
import { call, callOrThrow } from '../api/client';
import { useShortcut } from '../components/useShortcut';
import { useSession } from '../navigation';
import { ConfirmDialog } from '../workflow/ConfirmDialog';
import { todayIso } from '../workflow/dates';
import { capitalize, placementPhrase, plural } from '../workflow/describe';
import { QueueTable } from '../workflow/queue/QueueTable';
import { SelectedDecision } from '../workflow/queue/SelectedDecision';
import { useRefreshWorkflow } from '../workflow/useCaseDetail';
import '../workflow.css';

type Review = { readonly kind: 'approve' | 'return'; readonly item: QueueItem };

const ALL_CLINICIANS = '';

function oldestFirst(a: QueueItem, b: QueueItem): number {
  const left = a.decision.submittedAt ?? a.decision.createdAt;
  const right = b.decision.submittedAt ?? b.decision.createdAt;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Supervisors work through submitted decisions, oldest first, from the keyboard. */
export function ReviewQueuePage() {
  const session = useSession();
  const user = session.user;
  const refresh = useRefreshWorkflow();
  const [varianceOnly, setVarianceOnly] = useState(false);
  const [clinicianId, setClinicianId] = useState(ALL_CLINICIANS);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [focusToken, setFocusToken] = useState(0);
  const [review, setReview] = useState<Review | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const input = { varianceOnly, ...(clinicianId === ALL_CLINICIANS ? {} : { clinicianId }) };
  const queue = useQuery({ queryKey: ['decisions.queue', input], queryFn: () => callOrThrow('decisions.queue', input) });
  const clinicians = useQuery({ queryKey: ['users.clinicians'], queryFn: () => callOrThrow('users.clinicians', {}) });
  const items = [...(queue.data?.items ?? [])].sort(oldestFirst);
  const selectedIndex = Math.max(
    0,
    items.findIndex((item) => item.decision.id === selectedId),
  );
  const selected = items[selectedIndex];
  const selectedMine = selected?.decision.author.id === user.id;

  const move = useCallback(
    (step: number) => {
      const next = items[Math.min(items.length - 1, Math.max(0, selectedIndex + step))];
      if (!next) return;
      setSelectedId(next.decision.id);
      setFocusToken((token) => token + 1);
    },
    [items, selectedIndex],
  );
  const open = useCallback((item: QueueItem) => session.navigate({ page: 'case', caseId: item.decision.caseId }), [session]);
  const startReview = useCallback(
    (kind: Review['kind']) => {
      if (selected && selected.decision.author.id !== user.id) setReview({ kind, item: selected });
    },
    [selected, user.id],
  );

  const idle = review === null;
  useShortcut('j', () => move(1), idle);
  useShortcut('arrowdown', () => move(1), idle);
  useShortcut('k', () => move(-1), idle);
  useShortcut('arrowup', () => move(-1), idle);
  useShortcut('a', () => startReview('approve'), idle && selected !== undefined);
  useShortcut('r', () => startReview('return'), idle && selected !== undefined);
  useShortcut('v', () => setVarianceOnly((on) => !on), idle);
  // Rows open on Enter themselves; this covers Enter with nothing focused, without stealing Enter from buttons.
  useEffect(() => {
    if (!idle || !selected) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Enter' && event.target === document.body) open(selected);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [idle, selected, open]);

  const finish = async (): Promise<void> => {
    if (!review) return;
    const index = items.findIndex((item) => item.decision.id === review.item.decision.id);
    // The next decision down becomes the selection, or the one above when the last was reviewed.
    const next = items[index + 1] ?? items[index - 1];
    setSelectedId(next?.decision.id ?? null);
    setReview(null);
    await refresh(review.item.decision.caseId);
    // Focus moves once the reviewed row is gone, so closing the dialog cannot hand focus back to it.
    setFocusToken((token) => token + 1);
  };

  const confirm = async (comment: string): Promise<AppError | null> => {
    if (!review) return null;
    const { decision } = review.item;
    const result =
      review.kind === 'approve'
        ? await call('decisions.approve', { decisionId: decision.id, ...(comment === '' ? {} : { comment }) })
        : await call('decisions.return', { decisionId: decision.id, comment });
    if (!result.ok) return result.error;
    const phrase = placementPhrase(review.item.caseName, review.item.currentLevel, decision.chosenLevel);
    setNotice(review.kind === 'approve' ? `Approved ${phrase}.` : `Returned ${phrase} to ${decision.author.displayName}.`);
    await finish();
    return null;
  };

  const reviewPhrase = review ? placementPhrase(review.item.caseName, review.item.currentLevel, review.item.decision.chosenLevel) : '';
  return (
    <section className="page workflow-page" aria-labelledby="queue-title">
      <header className="page-header">
        <h1 id="queue-title">
          Review queue <span className="title-detail muted">{queue.data ? plural(items.length, 'decision') + ' waiting' : ''}</span>
        </h1>
        <div className="toolbar">
          <label htmlFor="queue-clinician" className="wf-inline-label">
            Clinician
          </label>
          <select id="queue-clinician" value={clinicianId} onChange={(event) => setClinicianId(event.target.value)}>
            <option value={ALL_CLINICIANS}>All clinicians</option>
            {(clinicians.data?.clinicians ?? []).map((clinician) => (
              <option key={clinician.id} value={clinician.id}>
                {clinician.displayName}
                {clinician.active ? '' : ' (inactive)'}
              </option>
            ))}
          </select>
          <button type="button" className="button-secondary" aria-pressed={varianceOnly} onClick={() => setVarianceOnly(!varianceOnly)}>
            {varianceOnly ? '☑' : '☐'} Variance only <kbd>V</kbd>
          </button>
        </div>
      </header>
      <p className="wf-shortcuts">
        <span className="visually-hidden">Keyboard shortcuts: </span>
        <kbd>J</kbd>/<kbd>K</kbd> or <kbd>↓</kbd>/<kbd>↑</kbd> move · <kbd>Enter</kbd> open the case · <kbd>A</kbd> approve · <kbd>R</kbd> return with
        a comment · <kbd>V</kbd> variance only
      </p>
      {notice && (
        <div className="notice">
          <p role="status">{notice}</p>
          <button type="button" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      {queue.error && (
        <p role="alert" className="form-error">
          {queue.error.message}
        </p>
      )}
      {queue.isPending ? (
        <p role="status">Loading the review queue…</p>
      ) : items.length === 0 ? (
        <div className="empty-state">
          <h2>Nothing to review</h2>
          <p>
            {varianceOnly
              ? 'No submitted decision departs from its recommendation. Press V to show every pending decision.'
              : 'No decisions are waiting for review. Decisions appear here when a clinician submits them.'}
          </p>
        </div>
      ) : (
        <>
          {selected && (
            <SelectedDecision
              item={selected}
              mine={selectedMine}
              onApprove={() => startReview('approve')}
              onReturn={() => startReview('return')}
              onOpen={() => open(selected)}
            />
          )}
          <div className="table-scroll">
            <QueueTable
              items={items}
              selectedId={selected?.decision.id ?? null}
              userId={user.id}
              today={todayIso()}
              now={new Date()}
              focusToken={focusToken}
              onSelect={setSelectedId}
              onOpen={open}
            />
          </div>
        </>
      )}
      <ConfirmDialog
        open={review !== null}
        title={review?.kind === 'return' ? `Return ${reviewPhrase}?` : `Approve ${reviewPhrase}?`}
        confirmLabel={review?.kind === 'return' ? 'Return decision' : 'Approve decision'}
        comment={
          review?.kind === 'return'
            ? { label: 'What needs to change', required: true, requiredMessage: 'Say why the decision is returned.' }
            : { label: 'Comment', required: false }
        }
        onCancel={() => setReview(null)}
        onConfirm={confirm}
      >
        {review && <ReviewConsequence review={review} />}
      </ConfirmDialog>
    </section>
  );
}

function ReviewConsequence({ review }: { readonly review: Review }) {
  const { decision } = review.item;
  if (review.kind === 'return') {
    return <p>The decision goes back to {decision.author.displayName}, who can edit and submit it again. Your comment is kept in its history.</p>;
  }
  return (
    <p>
      {capitalize(decision.supersedesId ? 'this correction replaces the approved decision it corrects. ' : '')}
      Approval is final: the decision can no longer be edited, and the case's episodes of care follow it from the effective date. A later change needs
      a correction.
    </p>
  );
}
