import { VARIANCE_LABELS, VARIANCE_REASONS, type VarianceReason } from '../../../../shared/domain/variance';
import { levelName } from '../describe';
import type { Level } from '../../../../shared/domain/levels';

interface Props {
  readonly recommended: Level | null;
  readonly chosen: Level | null;
  readonly reason: VarianceReason | '';
  readonly text: string;
  readonly errors: Readonly<Record<string, string>>;
  readonly onReason: (reason: VarianceReason | '') => void;
  readonly onText: (text: string) => void;
}

export const VARIANCE_TEXT_MAX_LENGTH = 500;

/** Asked only when the decision departs from the rules; the rule is explained beside the fields. */
export function VarianceFields({ recommended, chosen, reason, text, errors, onReason, onText }: Props) {
  const why =
    recommended === null
      ? 'The rules could not recommend a level because the assessment is incomplete, so any placement is a variance.'
      : `You chose ${chosen ? levelName(chosen) : 'a level'} while the rules recommend ${levelName(recommended)}.`;
  return (
    <fieldset className="variance-fields">
      <legend>Variance from the recommendation</legend>
      <div className="variance-layout">
        <div>
          <div className="wf-field">
            <label htmlFor="varianceReason">Variance reason</label>
            <select
              id="varianceReason"
              name="varianceReason"
              value={reason}
              aria-invalid={Boolean(errors.varianceReason)}
              aria-describedby={errors.varianceReason ? 'varianceReason-error' : 'variance-rule'}
              onChange={(event) => onReason(event.target.value === '' ? '' : (event.target.value as VarianceReason))}
            >
              <option value="">Choose a reason…</option>
              {VARIANCE_REASONS.map((option) => (
                <option key={option} value={option}>
                  {VARIANCE_LABELS[option]}
                </option>
              ))}
            </select>
            {errors.varianceReason && (
              <p id="varianceReason-error" className="field-error">
                {errors.varianceReason}
              </p>
            )}
          </div>
          <div className="wf-field">
            <label htmlFor="varianceText">Explanation</label>
            <textarea
              id="varianceText"
              name="varianceText"
              rows={3}
              maxLength={VARIANCE_TEXT_MAX_LENGTH}
              value={text}
              aria-invalid={Boolean(errors.varianceText)}
              aria-describedby={errors.varianceText ? 'varianceText-error' : 'variance-rule'}
              onChange={(event) => onText(event.target.value)}
            />
            {errors.varianceText && (
              <p id="varianceText-error" className="field-error">
                {errors.varianceText}
              </p>
            )}
          </div>
        </div>
        <div id="variance-rule" className="rule-explainer">
          <p>
            <strong>Why this is asked.</strong> {why}
          </p>
          <p>
            A placement other than the recommended level — or a placement while the rules cannot recommend one — needs a reason and a sentence
            explaining it. A supervisor reviews every variance.
          </p>
        </div>
      </div>
    </fieldset>
  );
}
