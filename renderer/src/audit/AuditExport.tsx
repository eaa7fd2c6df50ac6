import { useState } from 'react';
import { call } from '../api/client';
import type { AuditListFilter } from './useAuditView';

type ExportState = { readonly kind: 'idle' | 'busy' } | { readonly kind: 'saved' | 'failed'; readonly message: string };

interface Props {
  /** The filter the table shows; null while it is not valid. */
  readonly filter: AuditListFilter | null;
  /** The export is itself recorded in the log. */
  readonly onExported: () => void;
}

/** The rows the filter selects, oldest first, as CSV; the main process asks where to save. A cancelled dialog leaves no message. */
export function AuditExport({ filter, onExported }: Props) {
  const [state, setState] = useState<ExportState>({ kind: 'idle' });

  const exportCsv = async () => {
    if (!filter) return;
    setState({ kind: 'busy' });
    const result = await call('audit.export', { filter });
    if (!result.ok) setState({ kind: 'failed', message: `The audit log was not exported: ${result.error.message}` });
    else if (result.value.saved) {
      setState({ kind: 'saved', message: `Saved ${result.value.fileName ?? 'the file'}` });
      onExported();
    } else setState({ kind: 'idle' });
  };

  return (
    <div className="audit-action">
      <button
        type="button"
        className="button-secondary"
        disabled={!filter || state.kind === 'busy'}
        title={filter ? 'The rows the filters select, oldest first, with the confidentiality notice' : 'Correct the filters first'}
        onClick={() => void exportCsv()}
      >
        Export CSV
      </button>
      <p className="audit-action-status" role="status">
        {state.kind === 'busy' ? 'Preparing the CSV file…' : state.kind === 'saved' ? state.message : ''}
      </p>
      {state.kind === 'failed' && (
        <p className="form-error audit-action-status" role="alert">
          {state.message}
        </p>
      )}
    </div>
  );
}
