import type { ImportReport } from '../../../shared/contract/imports';
import { countOf, formatCount } from './importWording';

/** Every problem the check found, by row and column as the spreadsheet shows them; the first 500 on screen, all in the saved report. */
export function ProblemsTable({ report }: { readonly report: ImportReport }) {
  const shown = report.problems.length;
  const truncated = report.problemCount > shown;
  return (
    <>
      <div className="table-frame import-problems" role="region" aria-labelledby="import-problems-caption" tabIndex={0}>
        <table className="data-table">
          <caption id="import-problems-caption" className="visually-hidden">
            Problems found in the file
          </caption>
          <thead>
            <tr>
              <th scope="col" className="numeric">
                Row
              </th>
              <th scope="col">Column</th>
              <th scope="col">Value</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {report.problems.map((problem, index) => (
              <tr key={index}>
                <td className="numeric">{formatCount(problem.row)}</td>
                <td className="import-problem-column">{problem.column}</td>
                <td className="import-problem-value">{problem.value === '' ? <span className="muted">(empty)</span> : problem.value}</td>
                <td>{problem.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted import-problems-count">
        {truncated
          ? `Showing the first ${formatCount(shown)} of ${countOf(report.problemCount, 'problem', 'problems')}; the saved problem report lists them all.`
          : `${countOf(report.problemCount, 'problem', 'problems')} in ${countOf(report.rowsWithProblems, 'row', 'rows')}.`}{' '}
        Rows are numbered as in the spreadsheet: the header is row 1.
      </p>
    </>
  );
}
