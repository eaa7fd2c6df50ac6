import type { Level } from '../../../shared/domain/levels';
import type { Transition } from '../../../shared/rules';
import { RecommendedLevel } from './RecommendedLevel';
import { assessmentFieldLabel, recommendationHeadline } from './describe';

interface Props {
  readonly level: Level | null;
  readonly transition: Transition | null;
  readonly reasons: readonly string[];
  readonly warnings?: readonly string[];
  readonly ruleIds?: readonly string[];
  readonly rulesetVersion?: string;
  readonly missing?: readonly string[];
  /** Lists every unknown field instead of counting them. */
  readonly listMissing?: boolean;
}

/** A recommendation in plain words: the level, the move, why, what to watch, and what is still unknown. */
export function RecommendationSummary({ level, transition, reasons, warnings = [], ruleIds = [], rulesetVersion, missing = [], listMissing }: Props) {
  return (
    <div className="wf-recommendation">
      <p className="recommendation-headline">
        <RecommendedLevel level={level} /> <strong>{recommendationHeadline(transition, level)}</strong>
        {reasons.length > 0 && <span className="visually-hidden">:</span>}
      </p>
      {reasons.length > 0 && (
        <ul className="reason-list">
          {reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      {warnings.length > 0 && (
        <ul className="warning-list" aria-label="Warnings">
          {warnings.map((warning) => (
            <li key={warning}>
              <span className="warning-mark" aria-hidden="true">
                !
              </span>{' '}
              {warning}
            </li>
          ))}
        </ul>
      )}
      {missing.length > 0 &&
        (listMissing ? (
          <div className="wf-missing">
            <p className="missing-title">Still unknown ({missing.length}):</p>
            <ul>
              {missing.map((path) => (
                <li key={path}>{assessmentFieldLabel(path)}</li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="wf-missing muted">
            Still unknown ({missing.length}): {missing.map(assessmentFieldLabel).join('; ')}.
          </p>
        ))}
      {ruleIds.length > 0 && (
        <p className="rule-detail muted">
          Rules: <span className="mono">{ruleIds.join(', ')}</span>
          {rulesetVersion && <> · ruleset {rulesetVersion}</>}
        </p>
      )}
    </div>
  );
}
