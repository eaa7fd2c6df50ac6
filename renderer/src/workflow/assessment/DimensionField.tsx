import { DIMENSION_ANCHORS } from '../../../../shared/domain/anchors';
import type { DimensionName } from '../../../../shared/rules';
import { dimensionLabel } from '../describe';
import { RATING_VALUES, UNKNOWN, type RatingChoice } from './draft';

interface Props {
  readonly dimension: DimensionName;
  readonly value: RatingChoice;
  readonly error: string | undefined;
  readonly onChange: (value: RatingChoice) => void;
}

/** One dimension rated 0-4 (or unknown), each value with its anchor text so ratings mean the same to everyone. */
export function DimensionField({ dimension, value, error, onChange }: Props) {
  const name = `dimensions.${dimension}`;
  const errorId = `${name}-error`;
  return (
    <fieldset className={`rating-field${error ? ' has-error' : ''}`} aria-describedby={error ? errorId : undefined}>
      <legend>{dimensionLabel(dimension)}</legend>
      {RATING_VALUES.map((rating, index) => (
        <label key={rating} className="rating-option">
          <input type="radio" name={name} value={rating} checked={value === rating} onChange={() => onChange(rating)} />
          <span className="rating-value">{rating}</span>
          <span className="rating-anchor">{DIMENSION_ANCHORS[dimension][index]}</span>
        </label>
      ))}
      <label className="rating-option rating-unknown">
        <input type="radio" name={name} value={UNKNOWN} checked={value === UNKNOWN} onChange={() => onChange(UNKNOWN)} />
        <span className="rating-value">?</span>
        <span className="rating-anchor">Unknown — not assessed yet</span>
      </label>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
