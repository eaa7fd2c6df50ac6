import type { ImportFile } from '../../../shared/contract/imports';
import { IMPORT_FIELDS, type ImportField } from '../../../shared/import/fields';
import { parseDate, type DateFormat } from '../../../shared/import/mapping';
import { formatDate } from '../format/time';

/** The same test the main process uses to pick the columns a date format applies to. */
const isDateField = (key: string) => /date|_on$|birth/.test(key);

interface Props {
  readonly file: ImportFile;
  readonly columns: readonly string[];
  readonly dateFormat: DateFormat;
}

function Cell({ field, raw, dateFormat }: { readonly field: ImportField; readonly raw: string; readonly dateFormat: DateFormat }) {
  const value = raw.trim();
  if (value === '') return <span className="muted">—</span>;
  if (!isDateField(field.key)) return <>{value}</>;
  const iso = parseDate(value, dateFormat);
  if (iso === null) {
    return (
      <span className="import-bad-date">
        {value} <span className="import-bad-date-note">not a date in this format</span>
      </span>
    );
  }
  return <span title={`Written ${value} in the file`}>{formatDate(iso)}</span>;
}

/** The first rows as Stepwise will read them: only the columns that fill a field, dates read with the chosen format. */
export function MappedPreview({ file, columns, dateFormat }: Props) {
  const mapped = columns.flatMap((target, index) => {
    const field = IMPORT_FIELDS[file.kind].find((candidate) => candidate.key === target);
    return field ? [{ field, index }] : [];
  });
  if (mapped.length === 0) return <p className="muted">No column fills a Stepwise field yet.</p>;
  return (
    <div className="table-frame import-preview" role="region" aria-label="The first rows as Stepwise reads them" tabIndex={0}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col" className="numeric">
              Row
            </th>
            {mapped.map(({ field, index }) => (
              <th key={index} scope="col">
                {field.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {file.preview.map((row, rowIndex) => (
            <tr key={rowIndex}>
              {/* Numbered as a spreadsheet numbers them: the header is row 1. */}
              <td className="numeric muted">{rowIndex + 2}</td>
              {mapped.map(({ field, index }) => (
                <td key={index}>
                  <Cell field={field} raw={row[index] ?? ''} dateFormat={dateFormat} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
