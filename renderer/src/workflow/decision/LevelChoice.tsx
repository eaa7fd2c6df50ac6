import { LEVELS, LEVEL_LABELS, type Level } from '../../../../shared/domain/levels';
import { LevelBadge } from '../../components/LevelBadge';

interface Props {
  readonly value: Level | null;
  readonly recommended: Level | null;
  readonly current: Level | null;
  readonly error: string | undefined;
  readonly onChange: (level: Level) => void;
}

/** The three levels, most intensive first, with the recommended and current ones marked in words. */
export function LevelChoice({ value, recommended, current, error, onChange }: Props) {
  return (
    <fieldset className="level-choice" aria-describedby={error ? 'chosenLevel-error' : undefined}>
      <legend>Level of care</legend>
      {[...LEVELS].reverse().map((level) => (
        <label key={level} className={`level-option${value === level ? ' wf-selected' : ''}`}>
          <input type="radio" name="chosenLevel" value={level} checked={value === level} onChange={() => onChange(level)} />
          <LevelBadge level={level} />
          <span className="level-option-label">{LEVEL_LABELS[level]}</span>
          {level === recommended && <span className="wf-tag wf-tag-recommended">Recommended</span>}
          {level === current && <span className="wf-tag">Current</span>}
        </label>
      ))}
      {error && (
        <p id="chosenLevel-error" className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
