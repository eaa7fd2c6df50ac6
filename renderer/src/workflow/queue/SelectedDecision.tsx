import type { QueueItem } from '../../../../shared/contract/decisions';
import { formatDate } from '../../format/time';
import { capitalize, levelName, placementPhrase } from '../describe';

interface Props {
  readonly item: QueueItem;
  readonly mine: boolean;
  readonly onApprove: () => void;
  readonly onReturn: () => void;
  readonly onOpen: () => void;
}

/** The selected decision in a sentence, why the rules recommended what they did, and what the reviewer can do. */
export function SelectedDecision({ item, mine, onApprove, onReturn, onOpen }: Props) {
  const { decision } = item;
  return (
    <section className="selected-decision" aria-labelledby="selected-title">
      <div className="selected-text">
        <h2 id="selected-title">
          {capitalize(placementPhrase(item.caseName, item.currentLevel, decision.chosenLevel))} from {formatDate(decision.effectiveDate)}
        </h2>
        <p>
          <span className="muted">Assessment of {formatDate(item.assessedOn)}:</span>{' '}
          {decision.recommendedLevel === null
            ? 'the rules could not recommend a level (incomplete assessment).'
            : `the rules recommend ${levelName(decision.recommendedLevel)}${item.reasons.length > 0 ? ` — ${item.reasons.join(' ')}` : '.'}`}
        </p>
        {mine && (
          <p className="self-authored" role="note">
            You wrote this decision; another supervisor must review it.
          </p>
        )}
      </div>
      <div className="selected-actions">
        <button type="button" className="button-primary" disabled={mine} onClick={onApprove}>
          Approve <kbd>A</kbd>
        </button>
        <button type="button" className="button-secondary" disabled={mine} onClick={onReturn}>
          Return <kbd>R</kbd>
        </button>
        <button type="button" className="button-secondary" onClick={onOpen}>
          Open case <kbd>Enter</kbd>
        </button>
      </div>
    </section>
  );
}
