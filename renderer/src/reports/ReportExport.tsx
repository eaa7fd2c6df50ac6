import { useState } from 'react';
import type { DisclosureDetails } from '../../../shared/contract/disclosures';
import { call } from '../api/client';
import { AudienceDialog } from '../disclosure/AudienceDialog';
import { useSaveFile } from '../disclosure/useSaveFile';

interface ReportExportProps {
  /** The file names without extension, e.g. "stepwise-report-2025-11-29-to-2026-11-29". */
  readonly baseName: string;
  /** Null while there is no report to export. */
  readonly buildCsv: (() => string) | null;
  /** What the audit log and the disclosure log name the file as. */
  readonly recordKind?: 'outcome-report' | 'retro-report';
}

/** Export CSV and Save as PDF: first who it is for, then the main process asks where to save. */
export function ReportExport({ baseName, buildCsv, recordKind = 'outcome-report' }: ReportExportProps) {
  const { state, save } = useSaveFile();
  const [asking, setAsking] = useState<'csv' | 'pdf' | null>(null);
  const busy = state.kind === 'busy';

  const run = (format: 'csv' | 'pdf', disclosure: DisclosureDetails | null) => {
    const record = { kind: recordKind, caseIds: [], disclosure };
    const note = disclosure ? ` The disclosure to ${disclosure.recipient} was recorded.` : '';
    if (format === 'csv' && buildCsv) {
      void save('CSV file', () => call('files.saveText', { suggestedName: `${baseName}.csv`, content: buildCsv(), record }), note);
    } else if (format === 'pdf') {
      void save('PDF', () => call('files.savePdf', { suggestedName: `${baseName}.pdf`, record }), note);
    }
  };

  return (
    <div className="report-export">
      <div className="toolbar">
        <button type="button" className="button-secondary" disabled={!buildCsv || busy} onClick={() => setAsking('csv')}>
          Export CSV
        </button>
        <button type="button" className="button-secondary" disabled={!buildCsv || busy} onClick={() => setAsking('pdf')}>
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
      {asking && (
        <AudienceDialog
          what={asking === 'csv' ? 'this report as a CSV file' : 'this report as a PDF'}
          onCancel={() => setAsking(null)}
          onChoose={(disclosure) => {
            const format = asking;
            // The dialog closes first, so the PDF shows the report and not the question.
            setAsking(null);
            requestAnimationFrame(() => run(format, disclosure));
          }}
        />
      )}
    </div>
  );
}
