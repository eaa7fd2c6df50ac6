import { SEVERITY_CHOICES, type SeverityChoice } from './draft';

const SEVERITY_LABELS: Readonly<Record<SeverityChoice, string>> = {
  mild: 'Mild',
  moderate: 'Moderate',
  severe: 'Severe',
  unknown: 'Unknown',
};

interface Props {
  readonly value: SeverityChoice;
  readonly error: string | undefined;
  readonly onChange: (value: SeverityChoice) => void;
}

export function SeverityField({ value, error, onChange }: Props) {
  return (
    <fieldset className="inline-choice" aria-describedby={error ? 'severity-error' : undefined}>
      <legend>Severity of the substance use disorder</legend>
      <div className="wf-choice-row">
        {SEVERITY_CHOICES.map((choice) => (
          <label key={choice} className="wf-choice">
            <input type="radio" name="severity" value={choice} checked={value === choice} onChange={() => onChange(choice)} />
            {SEVERITY_LABELS[choice]}
          </label>
        ))}
      </div>
      {error && (
        <p id="severity-error" className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
