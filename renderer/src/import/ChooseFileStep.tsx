import { IMPORT_KIND_LABELS, IMPORT_KINDS, type ImportKind } from '../../../shared/import/fields';
import { CRITERIA, DIMENSIONS } from '../../../shared/rules/assessment';
import { fieldsOf, KIND_WORDS } from './importWording';

interface Props {
  readonly kind: ImportKind;
  readonly onKindChange: (kind: ImportKind) => void;
  readonly opening: boolean;
  readonly problem: string | null;
  readonly onChoose: () => void;
}

/** The columns a kind of file needs and may have, in one line: the assessment's many answers are summarised. */
function ColumnsLine({ kind }: { readonly kind: ImportKind }) {
  const { required, optional } = fieldsOf(kind);
  const optionalText =
    kind === 'assessments'
      ? `severity, the ${DIMENSIONS.length} dimension ratings (0–4), the ${CRITERIA.length} criteria (yes or no), weekly treatment hours, note`
      : optional.map((field) => field.label).join(', ');
  return (
    <span className="import-kind-columns">
      <span className="import-required">Required: {required.map((field) => field.label).join(', ')}</span>
      <span aria-hidden="true"> · </span>
      Optional: {optionalText}
    </span>
  );
}

/** Step 1: what the file holds, then the open dialog; beside it, how importing works for someone doing it the first time. */
export function ChooseFileStep({ kind, onKindChange, opening, problem, onChoose }: Props) {
  return (
    <div className="import-choose">
      <form
        className="import-choose-form"
        onSubmit={(event) => {
          event.preventDefault();
          onChoose();
        }}
      >
        <fieldset className="import-kinds">
          <legend>What does the file hold?</legend>
          {IMPORT_KINDS.map((option) => (
            <div key={option} className="import-choice">
              <input
                id={`import-kind-${option}`}
                type="radio"
                name="import-kind"
                value={option}
                checked={kind === option}
                aria-describedby={`import-kind-${option}-detail`}
                onChange={() => onKindChange(option)}
              />
              <label htmlFor={`import-kind-${option}`} className="import-kind-name">
                {IMPORT_KIND_LABELS[option]}
              </label>
              <p id={`import-kind-${option}-detail`} className="import-kind-detail">
                {KIND_WORDS[option].holds} <ColumnsLine kind={option} />
              </p>
            </div>
          ))}
        </fieldset>
        <div className="import-actions">
          <button type="submit" className="button-primary" disabled={opening} aria-describedby={problem ? 'import-open-problem' : undefined}>
            {opening ? 'Waiting for the file…' : 'Choose a CSV file…'}
          </button>
        </div>
        {problem && (
          <div id="import-open-problem" role="alert" className="form-error import-open-problem">
            <p className="import-open-problem-title">This file cannot be imported</p>
            <p>{problem}</p>
            <p>Nothing was imported. Correct the file or choose another one.</p>
          </div>
        )}
      </form>
      <aside className="import-howto" aria-labelledby="import-howto-title">
        <h2 id="import-howto-title">How importing works</h2>
        <ol>
          <li>
            <strong>Import cases first</strong>, then their assessments and episodes of care: those rows find their case by its MRN.
          </li>
          <li>
            Stepwise reads CSV files saved from a spreadsheet (UTF-8, comma or semicolon between columns), with a header row naming the columns. In
            Excel, choose <em>Save as → CSV UTF-8</em>.
          </li>
          <li>
            It matches the headers to its fields by name (<span className="mono">date_of_birth</span>, “Date of birth” or “DOB”); you check the match
            and say what each other column holds, or ignore it.
          </li>
          <li>Every row is checked before anything is written. A problem is reported by row and column, to correct in the spreadsheet.</li>
          <li>When the check is clean, you confirm, and all rows are imported together, or none. The import is recorded in the audit log.</li>
          <li>
            A <strong>TEDS-D file</strong> stands alone: it needs no cases and becomes a dataset for the Retrospective review. Only the columns the
            review uses are kept.
          </li>
        </ol>
      </aside>
    </div>
  );
}
