import { useState } from 'react';
import { call } from '../api/client';

type ExportState =
  { readonly kind: 'idle' } | { readonly kind: 'busy'; readonly what: string } | { readonly kind: 'saved' | 'failed'; readonly message: string };

interface ReportExportProps {
  /** The file names without extension, e.g. "stepwise-report-2025-11-29-to-2026-11-29". */
  readonly baseName: string;
  /** Null while there is no report to export. */
  readonly buildCsv: (() => string) | null;
}

/** Export CSV and Save as PDF: the main process asks where to save; a cancelled dialog leaves no message. */
export function ReportExport({ baseName, buildCsv }: ReportExportProps) {
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  const busy = state.kind === 'busy';

  const save = async (what: string, run: () => ReturnType<typeof call<'files.saveText'>>) => {
    setState({ kind: 'busy', what });
    const result = await run();
    if (!result.ok) setState({ kind: 'failed', message: `The ${what} was not saved: ${result.error.message}` });
    else if (result.value.saved) setState({ kind: 'saved', message: `Saved ${result.value.fileName ?? 'the file'}` });
    else setState({ kind: 'idle' });
  };

  const exportCsv = () => {
    if (!buildCsv) return;
    void save('CSV file', () => call('files.saveText', { suggestedName: `${baseName}.csv`, content: buildCsv() }));
  };
  const savePdf = () => void save('PDF', () => call('files.savePdf', { suggestedName: `${baseName}.pdf` }));

  return (
    <div className="report-export">
      <div className="toolbar">
        <button type="button" className="button-secondary" disabled={!buildCsv || busy} onClick={exportCsv}>
          Export CSV
        </button>
        <button type="button" className="button-secondary" disabled={!buildCsv || busy} onClick={savePdf}>
          Save as PDF
        </button>
      </div>
      <p className="report-export-status" role="status">
        {state.kind === 'busy' ? `Preparing the ${state.what}…` : state.kind === 'saved' ? state.message : ''}
      </p>
      {state.kind === 'failed' && (
        <p className="form-error report-export-status" role="alert">
          {state.message}
        </p>
      )}
    </div>
  );
}
