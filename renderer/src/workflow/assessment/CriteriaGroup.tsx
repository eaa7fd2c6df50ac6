import type { CriterionName } from '../../../../shared/rules';
import { criterionLabel } from '../describe';
import { UNKNOWN, type Answer } from './draft';

const ANSWERS: readonly { readonly value: Answer; readonly label: string }[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: UNKNOWN, label: 'Unknown' },
];

interface Props {
  readonly title: string;
  readonly hint: string;
  readonly criteria: readonly CriterionName[];
  readonly values: Readonly<Record<CriterionName, Answer>>;
  readonly errors: Readonly<Record<string, string>>;
  readonly onChange: (criterion: CriterionName, answer: Answer) => void;
}

/** A group of yes / no / unknown questions, one row each. */
export function CriteriaGroup({ title, hint, criteria, values, errors, onChange }: Props) {
  return (
    <fieldset className="criteria-group">
      <legend>{title}</legend>
      <p className="wf-hint">{hint}</p>
      {criteria.map((criterion) => {
        const name = `criteria.${criterion}`;
        const labelId = `${name}-label`;
        const error = errors[name];
        return (
          <div key={criterion} className="criterion-row">
            <span id={labelId} className="criterion-label">
              {criterionLabel(criterion)}
            </span>
            <div
              role="radiogroup"
              aria-labelledby={labelId}
              aria-describedby={error ? `${name}-error` : undefined}
              aria-invalid={error ? true : undefined}
              className="criterion-answers"
            >
              {ANSWERS.map((answer) => (
                <label key={answer.value} className={`wf-answer wf-answer-${answer.value}`}>
                  <input
                    type="radio"
                    name={name}
                    value={answer.value}
                    checked={values[criterion] === answer.value}
                    onChange={() => onChange(criterion, answer.value)}
                  />
                  {answer.label}
                </label>
              ))}
            </div>
            {error && (
              <p id={`${name}-error`} className="field-error">
                {error}
              </p>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
