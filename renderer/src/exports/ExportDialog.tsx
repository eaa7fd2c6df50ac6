import { useState } from 'react';
import { EXPORT_DATASET_LABELS, EXPORT_DATASETS, JSON_DATASETS, type ExportDataset, type ExportFormat } from '../../../shared/contract/exports';
import { Dialog } from '../components/Dialog';
import { plural } from '../workflow/describe';

export type ExportScopeChoice = 'filtered' | 'all';

export interface ExportChoice {
  readonly dataset: ExportDataset;
  readonly format: ExportFormat;
  readonly scope: ExportScopeChoice;
}

const DATASET_HINTS: Readonly<Record<ExportDataset, string>> = {
  cases: 'One row per case: MRN, name, date of birth, clinician, program, payer, status and current level.',
  assessments: "Every assessment: severity, the six ratings, the criteria, and the rules' recommendation with its reasons.",
  decisions: 'Every placement decision: recommended and chosen level, variance and its reason, reviews and comments.',
  episodes: 'Every episode of care: level, start and end dates, end reason and length in days.',
};

interface Props {
  /** Cases the caseload shows with its current filters and search; null while still loading. */
  readonly filteredCount: number | null;
  /** Every case this user may see (their own caseload, or every case); null while counting. */
  readonly allCount: number | null;
  /** "assigned to you" or "of every clinician". */
  readonly allLabel: string;
  readonly onCancel: () => void;
  readonly onNext: (choice: ExportChoice) => void;
}

function countLabel(count: number | null): string {
  return count === null ? 'the cases' : plural(count, 'case');
}

/** What to export, in which format, of which cases; the audience and the save dialog come next. */
export function ExportDialog({ filteredCount, allCount, allLabel, onCancel, onNext }: Props) {
  const [dataset, setDataset] = useState<ExportDataset>('cases');
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [scope, setScope] = useState<ExportScopeChoice>('filtered');
  const jsonAllowed = JSON_DATASETS.includes(dataset);
  const chosenCount = scope === 'filtered' ? filteredCount : allCount;
  const empty = chosenCount === 0;

  return (
    <Dialog titleId="export-title" describedBy="export-intro" onClose={onCancel} wide>
      <form
        noValidate
        className="stacked-form export-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!empty) onNext({ dataset, format: jsonAllowed ? format : 'csv', scope });
        }}
      >
        <h2 id="export-title">Export records</h2>
        <p id="export-intro" className="hint">
          A file for a spreadsheet (CSV) or for Stepwise's command-line tools (JSON). Every file carries the 42 CFR part 2 redisclosure notice, and
          Stepwise records who exported what.
        </p>
        <fieldset className="radio-group">
          <legend>What to export</legend>
          {EXPORT_DATASETS.map((option) => (
            <label key={option}>
              <input
                type="radio"
                name="export-dataset"
                checked={dataset === option}
                onChange={() => setDataset(option)}
                autoFocus={option === 'cases'}
                aria-describedby={`export-hint-${option}`}
              />
              <span>
                {EXPORT_DATASET_LABELS[option]}
                <span id={`export-hint-${option}`} className="radio-hint">
                  {DATASET_HINTS[option]}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset className="radio-group">
          <legend>Format</legend>
          <label>
            <input type="radio" name="export-format" checked={!jsonAllowed || format === 'csv'} onChange={() => setFormat('csv')} />
            <span>CSV, for a spreadsheet</span>
          </label>
          <label>
            <input
              type="radio"
              name="export-format"
              checked={jsonAllowed && format === 'json'}
              disabled={!jsonAllowed}
              onChange={() => setFormat('json')}
              aria-describedby="export-json-hint"
            />
            <span>
              JSON, in the interchange format
              <span id="export-json-hint" className="radio-hint">
                {jsonAllowed
                  ? dataset === 'assessments'
                    ? 'Read by npm run evaluate (assessment interchange format v1).'
                    : 'Read by npm run metrics (episode interchange format v1).'
                  : 'Only assessments and episodes have an interchange format.'}
              </span>
            </span>
          </label>
        </fieldset>
        <fieldset className="radio-group">
          <legend>Which cases</legend>
          <label>
            <input type="radio" name="export-scope" checked={scope === 'filtered'} onChange={() => setScope('filtered')} />
            <span>The {countLabel(filteredCount)} the caseload shows now, with its filters and search</span>
          </label>
          <label>
            <input type="radio" name="export-scope" checked={scope === 'all'} onChange={() => setScope('all')} />
            <span>
              All {countLabel(allCount)} {allLabel}
            </span>
          </label>
        </fieldset>
        <p className="muted">Cases opened through emergency access are not included; print their case review instead.</p>
        {empty && (
          <p className="form-error" role="alert">
            No cases are in this selection, so there is nothing to export. Choose the other set of cases or change the caseload filters.
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={onCancel}>
            Cancel <kbd>Esc</kbd>
          </button>
          <button type="submit" className="button-primary" disabled={empty}>
            Next: who is it for?
          </button>
        </div>
      </form>
    </Dialog>
  );
}
