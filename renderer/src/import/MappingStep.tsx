import { EXISTING_CHOICES, type ImportFile } from '../../../shared/contract/imports';
import { DATE_FORMAT_LABELS, DATE_FORMATS, IGNORE_COLUMN, UNMATCHED, type DateFormat, type MappingProblem } from '../../../shared/import/mapping';
import { ColumnMappingTable } from './ColumnMappingTable';
import { countOf, existingChoiceWords } from './importWording';
import { MappedPreview } from './MappedPreview';
import type { ImportChoicesForm } from './useImportFlow';

interface Props {
  readonly file: ImportFile;
  readonly choices: ImportChoicesForm;
  readonly problems: readonly MappingProblem[];
  /** While a check or an import runs, the choices it was given cannot change. */
  readonly locked: boolean;
  readonly onChange: (change: Partial<ImportChoicesForm>) => void;
  readonly onCheck: () => void;
}

/** Step 2: what each column holds, how dates are written, what to do with records already in Stepwise; then check every row. */
export function MappingStep({ file, choices, problems, locked, onChange, onCheck }: Props) {
  const undecided = problems.filter((problem) => problem.column !== null).length;
  const wholeMapping = problems.filter((problem) => problem.column === null);
  const blocked = problems.length > 0;
  const reason =
    undecided > 0
      ? `Decide every column first: ${countOf(undecided, 'column needs', 'columns need')} a field or “Ignore this column”.`
      : wholeMapping[0]?.message;

  return (
    <section className="import-step" aria-labelledby="import-mapping-title">
      <h2 id="import-mapping-title" tabIndex={-1}>
        Match the columns
      </h2>
      {file.kind === 'teds-d' && <UsedColumns columns={choices.columns} />}
      <div className="import-mapping">
        <div className="import-mapping-main">
          <fieldset className="import-plain-fieldset" disabled={locked}>
            <legend className="visually-hidden">The Stepwise field of each column of {file.fileName}</legend>
            <div className="import-mapping-columns">
              <ColumnMappingTable
                file={file}
                columns={choices.columns}
                problems={problems}
                onChange={(index, target) => onChange({ columns: choices.columns.map((current, at) => (at === index ? target : current)) })}
              />
              {wholeMapping.length > 0 && (
                <ul className="import-mapping-problems" aria-label="Problems with the mapping">
                  {wholeMapping.map((problem) => (
                    <li key={problem.message} className="field-error">
                      {problem.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </fieldset>
          <h3 className="import-subheading">The first rows as Stepwise reads them</h3>
          <MappedPreview file={file} columns={choices.columns} dateFormat={choices.dateFormat} />
        </div>

        <div className="import-options">
          <fieldset className="import-plain-fieldset" disabled={locked}>
            <legend className="visually-hidden">How to read {file.fileName}</legend>
            {file.kind === 'teds-d' ? (
              <div className="field">
                <p className="field-label-static">No dates</p>
                <p className="field-hint">
                  TEDS-D records have a discharge year and no dates. Only the columns matched to a field are kept; every other column is ignored and
                  never stored.
                </p>
              </div>
            ) : (
              <div className="field">
                <label htmlFor="import-date-format">How the file writes dates</label>
                <p id="import-date-format-hint" className="field-hint">
                  Suggested from the first rows; the preview shows the dates as read.
                </p>
                <select
                  id="import-date-format"
                  aria-describedby="import-date-format-hint"
                  value={choices.dateFormat}
                  onChange={(event) => onChange({ dateFormat: event.target.value as DateFormat })}
                >
                  {DATE_FORMATS.map((format) => (
                    <option key={format} value={format}>
                      {DATE_FORMAT_LABELS[format]}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <ExistingRecords file={file} choices={choices} onChange={onChange} />
          </fieldset>
          <div className="import-check">
            <button
              type="button"
              className="button-primary"
              disabled={blocked || locked}
              aria-describedby={blocked ? 'import-check-reason' : 'import-check-hint'}
              onClick={onCheck}
            >
              Check all rows
            </button>
            {blocked ? (
              <p id="import-check-reason" className="import-check-reason">
                {reason}
              </p>
            ) : (
              <p id="import-check-hint" className="muted import-check-reason">
                Reads the whole file and checks every row against the records in Stepwise. Nothing is written.
              </p>
            )}
          </div>
        </div>
      </div>
    </section>
  );
}

/** A TEDS-D file has some 70 columns: how many the review uses, so the long list of ignored ones reads as intended. */
function UsedColumns({ columns }: { readonly columns: readonly string[] }) {
  const used = columns.filter((target) => target !== IGNORE_COLUMN && target !== UNMATCHED).length;
  return (
    <p className="import-used-columns">
      {countOf(used, 'column is', 'columns are')} used by the retrospective review; the other{' '}
      {countOf(columns.length - used, 'column is', 'columns are')} set to “Ignore this column” and never stored. Change a row only if a column the
      review needs was not found.
    </p>
  );
}

function ExistingRecords({ file, choices, onChange }: Pick<Props, 'file' | 'choices' | 'onChange'>) {
  if (file.kind === 'episodes') {
    return (
      <div className="field">
        <p className="field-label-static">Episodes already in Stepwise</p>
        <p className="field-hint">
          An episode recorded exactly as in the file is left as it is. One that overlaps an episode already recorded is reported as a problem to
          correct; episodes are never changed by an import.
        </p>
      </div>
    );
  }
  if (file.kind === 'teds-d') {
    return (
      <div className="field">
        <p className="field-label-static">TEDS-D records already imported</p>
        <p className="field-hint">
          A TEDS-D file becomes a dataset of its own; importing the same file again changes nothing. An import never changes the records of another
          dataset.
        </p>
      </div>
    );
  }
  const words = existingChoiceWords(file.kind);
  return (
    <fieldset className="import-existing">
      <legend>Records that already exist</legend>
      {EXISTING_CHOICES.map((choice) => (
        <div key={choice} className="import-choice">
          <input
            id={`import-existing-${choice}`}
            type="radio"
            name="import-existing"
            value={choice}
            checked={choices.existing === choice}
            aria-describedby={`import-existing-${choice}-detail`}
            onChange={() => onChange({ existing: choice })}
          />
          <label htmlFor={`import-existing-${choice}`}>{words[choice].label}</label>
          <p id={`import-existing-${choice}-detail`} className="field-hint">
            {words[choice].detail}
          </p>
        </div>
      ))}
    </fieldset>
  );
}
