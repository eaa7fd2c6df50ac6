import { useEffect, useRef } from 'react';
import type { ImportResult } from '../../../shared/contract/imports';
import type { ImportKind } from '../../../shared/import/fields';
import { resultSentence } from './importWording';

interface Props {
  readonly kind: ImportKind;
  readonly fileName: string;
  readonly result: ImportResult;
  readonly onOpenCaseload: () => void;
  readonly onOpenRetrospective: () => void;
  readonly onImportAnother: () => void;
}

/** Step 4: what was written, and where to see it. */
export function ImportResultPanel({ kind, fileName, result, onOpenCaseload, onOpenRetrospective, onImportAnother }: Props) {
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => titleRef.current?.focus(), []);
  return (
    <section className="import-result" aria-labelledby="import-result-title">
      <h2 id="import-result-title" ref={titleRef} tabIndex={-1}>
        <span aria-hidden="true">✓ </span>
        {fileName} is imported
      </h2>
      <p role="status">{resultSentence(kind, result)}</p>
      {kind === 'teds-d' && (
        <p>The records form a dataset of the retrospective review: counts by setting, outcomes, stays and rule concordance. They are not cases.</p>
      )}
      <p className="muted">
        The import is recorded in the audit log under your name. The mapping is remembered for the next file laid out the same way.
      </p>
      <div className="import-actions">
        {kind === 'teds-d' ? (
          <button type="button" className="button-primary" onClick={onOpenRetrospective}>
            Open the retrospective report
          </button>
        ) : (
          <button type="button" className="button-primary" onClick={onOpenCaseload}>
            Open the caseload
          </button>
        )}
        <button type="button" className="button-secondary" onClick={onImportAnother}>
          Import another file
        </button>
      </div>
    </section>
  );
}
