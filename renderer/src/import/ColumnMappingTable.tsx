import type { ImportFile } from '../../../shared/contract/imports';
import { IMPORT_FIELDS, type ImportField } from '../../../shared/import/fields';
import { IGNORE_COLUMN, UNMATCHED, type MappingProblem } from '../../../shared/import/mapping';

const SAMPLES = 3;
const SAMPLE_CHARS = 28;

interface Props {
  readonly file: ImportFile;
  readonly columns: readonly string[];
  readonly problems: readonly MappingProblem[];
  readonly onChange: (index: number, target: string) => void;
}

/** Up to three different values of a column from the first rows, so the person can tell what it holds. */
function samplesOf(file: ImportFile, index: number): string[] {
  const values: string[] = [];
  for (const row of file.preview) {
    const value = (row[index] ?? '').trim();
    if (value !== '' && !values.includes(value)) values.push(value.length > SAMPLE_CHARS ? `${value.slice(0, SAMPLE_CHARS)}…` : value);
    if (values.length === SAMPLES) break;
  }
  return values;
}

function optionLabel(field: ImportField, usedBy: number | undefined): string {
  const name = field.label === field.key ? field.key : `${field.label} — ${field.key}`;
  return `${name}${field.required ? ' (required)' : ''}${usedBy === undefined ? '' : ` · in column ${usedBy + 1}`}`;
}

export function headerName(file: ImportFile, index: number): string {
  const header = file.headers[index]?.trim() ?? '';
  return header === '' ? `Column ${index + 1} (no header)` : header;
}

/** One row per column of the file: its header, what it holds, and the Stepwise field it fills, with any problem beside it. */
export function ColumnMappingTable({ file, columns, problems, onChange }: Props) {
  const fields = IMPORT_FIELDS[file.kind];
  const firstUse = new Map<string, number>();
  columns.forEach((target, index) => {
    if (!firstUse.has(target)) firstUse.set(target, index);
  });

  return (
    <table className="data-table import-mapping-table">
      <caption className="visually-hidden">The columns of {file.fileName} and the Stepwise field each one fills</caption>
      <thead>
        <tr>
          <th scope="col" className="numeric import-col-number">
            #
          </th>
          <th scope="col">File column</th>
          <th scope="col">First values</th>
          <th scope="col">Stepwise field</th>
          <th scope="col">Match</th>
        </tr>
      </thead>
      <tbody>
        {columns.map((target, index) => {
          const problem = problems.find((entry) => entry.column === index + 1);
          const samples = samplesOf(file, index);
          const selectId = `import-column-${index}`;
          const statusId = `${selectId}-status`;
          const rowClass = problem ? 'import-column-problem' : target === IGNORE_COLUMN ? 'import-column-ignored' : undefined;
          return (
            <tr key={index} className={rowClass}>
              <td className="numeric import-col-number">{index + 1}</td>
              <th scope="row" className="import-col-header">
                {headerName(file, index)}
              </th>
              <td className="import-samples">
                {samples.length === 0 ? (
                  <span className="muted">empty in the first rows</span>
                ) : (
                  samples.map((sample, at) => (
                    <span key={at} className="import-sample">
                      {sample}
                    </span>
                  ))
                )}
              </td>
              <td>
                <label htmlFor={selectId} className="visually-hidden">
                  Stepwise field for column {index + 1}, “{headerName(file, index)}”
                </label>
                <select
                  id={selectId}
                  className="import-field-select"
                  value={target}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={statusId}
                  onChange={(event) => onChange(index, event.target.value)}
                >
                  {target === UNMATCHED && (
                    <option value={UNMATCHED} disabled>
                      Choose a field…
                    </option>
                  )}
                  <option value={IGNORE_COLUMN}>Ignore this column</option>
                  <optgroup label="Stepwise fields">
                    {fields.map((field) => {
                      const usedBy = firstUse.get(field.key);
                      return (
                        <option key={field.key} value={field.key}>
                          {optionLabel(field, usedBy === index ? undefined : usedBy)}
                        </option>
                      );
                    })}
                  </optgroup>
                </select>
              </td>
              <td id={statusId} className="import-column-status">
                {problem ? (
                  <span className="field-error">{problem.message}</span>
                ) : target === IGNORE_COLUMN ? (
                  <span className="muted">Not imported</span>
                ) : (
                  <span className="import-ok">
                    <span aria-hidden="true">✓ </span>
                    {fields.find((field) => field.key === target)?.required ? 'Required field' : 'Optional field'}
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
