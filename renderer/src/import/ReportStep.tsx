import { useState } from 'react';
import type { ImportReport } from '../../../shared/contract/imports';
import type { ImportKind } from '../../../shared/import/fields';
import { call } from '../api/client';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { AudienceDialog } from '../disclosure/AudienceDialog';
import { SaveStatus } from '../disclosure/SaveStatus';
import { useSaveFile } from '../disclosure/useSaveFile';
import { confirmQuestion, countOf, countsSentence, recordsOf } from './importWording';
import { ProblemsTable } from './ProblemsTable';

interface Props {
  readonly kind: ImportKind;
  readonly importId: string;
  readonly fileName: string;
  readonly report: ImportReport;
  /** False while an import runs: its progress takes the place of the button. */
  readonly canImport: boolean;
  readonly onImport: () => void;
}

/** Step 3: what the check found, in counts and by row; the import is offered only when nothing stands in its way. */
export function ReportStep({ kind, importId, fileName, report, canImport, onImport }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [asking, setAsking] = useState(false);
  const { state, save } = useSaveFile();
  const ready = report.blockers.length === 0;
  const total = report.create + report.update;

  return (
    <section className="import-step import-report" aria-labelledby="import-report-title">
      <h2 id="import-report-title" tabIndex={-1}>
        What the check found
      </h2>
      <p className="import-counts">
        <strong>{countOf(report.rows, 'row', 'rows')} checked:</strong> {countsSentence(kind, report)}.{' '}
        {report.problemCount === 0 ? 'No problems found.' : `${countOf(report.rowsWithProblems, 'row has', 'rows have')} problems.`}
      </p>

      {ready ? (
        <div className="import-ready">
          <p>
            <span aria-hidden="true">✓ </span>Ready to import. All rows are imported together, or none.
          </p>
          {canImport && (
            <div className="import-actions">
              <button type="button" className="button-primary" onClick={() => setConfirming(true)}>
                Import {recordsOf(kind, total)}…
              </button>
            </div>
          )}
        </div>
      ) : (
        <div className="import-blockers" role="alert">
          <h3>Nothing can be imported yet</h3>
          <ul>
            {report.blockers.map((blocker) => (
              <li key={blocker}>{blocker}</li>
            ))}
          </ul>
        </div>
      )}

      {report.problemCount > 0 && (
        <>
          <div className="import-problems-header">
            <h3>Problems by row</h3>
            <div className="toolbar">
              <button type="button" className="button-secondary" disabled={state.kind === 'busy'} onClick={() => setAsking(true)}>
                Save problem report…
              </button>
              <SaveStatus state={state} />
            </div>
          </div>
          <ProblemsTable report={report} />
        </>
      )}

      {asking && (
        <AudienceDialog
          what={`the ${countOf(report.problemCount, 'problem', 'problems')} found in ${fileName} as a CSV file (row, column, value, problem); the values may name patients`}
          onCancel={() => setAsking(false)}
          onChoose={(disclosure) => {
            setAsking(false);
            const note = disclosure ? ` The disclosure to ${disclosure.recipient} was recorded.` : '';
            void save('problem report', () => call('imports.saveReport', { importId, disclosure }), note);
          }}
        />
      )}
      {confirming && (
        <ConfirmDialog
          title={`Import ${fileName}?`}
          message={
            <>
              <p>{confirmQuestion(kind, report, fileName)}</p>
              <p>All rows are imported together, or none. The import is recorded in the audit log under your name.</p>
            </>
          }
          confirmLabel={`Import ${recordsOf(kind, total)}`}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            setConfirming(false);
            onImport();
            return null;
          }}
        />
      )}
    </section>
  );
}
