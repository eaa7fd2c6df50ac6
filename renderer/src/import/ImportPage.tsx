import { useEffect, useRef } from 'react';
import type { ImportFile } from '../../../shared/contract/imports';
import { IMPORT_KIND_LABELS, type ImportKind } from '../../../shared/import/fields';
import { useSession } from '../navigation';
import { ChooseFileStep } from './ChooseFileStep';
import { ImportProgressPanel } from './ImportProgressPanel';
import { ImportResultPanel } from './ImportResultPanel';
import { DELIMITER_LABELS, formatBytes } from './importWording';
import { MappingStep } from './MappingStep';
import { ReportStep } from './ReportStep';
import { useImportFlow, type RunOutcome } from './useImportFlow';
import '../disclosure/disclosure.css';
import './import.css';
import './importReport.css';

/**
 * Cases, assessments and episodes from a spreadsheet, or a TEDS-D file for the retrospective review: choose the file,
 * match its columns, check every row, then import all or none.
 */
export function ImportPage({ initialKind }: { readonly initialKind?: ImportKind }) {
  const session = useSession();
  const flow = useImportFlow(initialKind);
  const { file, choices, running, report } = flow;

  // The button that moved between steps is gone; the focus goes to the start of the step now shown.
  const shownStep = file ? file.importId : null;
  const previousStep = useRef(shownStep);
  useEffect(() => {
    if (previousStep.current === shownStep) return;
    previousStep.current = shownStep;
    const target = shownStep
      ? document.getElementById('import-mapping-title')
      : document.querySelector<HTMLElement>('input[name="import-kind"]:checked');
    target?.focus();
  }, [shownStep]);

  // A finished check is read from its heading down, wherever the page was scrolled. A report that comes back
  // because a choice was changed back keeps the focus where the person is.
  const reportShown = useRef<number | null>(null);
  useEffect(() => {
    if (!report || report.id === reportShown.current) return;
    reportShown.current = report.id;
    const heading = document.getElementById('import-report-title');
    heading?.focus();
    heading?.scrollIntoView({ block: 'start' });
  }, [report]);

  return (
    <section className="page page-scroll import-page" aria-labelledby="import-title">
      <header className="page-header import-header">
        <div>
          <h1 id="import-title">Import</h1>
          <p className="muted import-intro">
            Add cases, assessments and episodes of care from a CSV file, or a TEDS-D discharge file for the retrospective review. Every row is checked
            before anything is written.
          </p>
        </div>
      </header>

      {flow.result && file ? (
        <ImportResultPanel
          kind={file.kind}
          fileName={file.fileName}
          result={flow.result}
          onOpenCaseload={() => session.navigate({ page: 'caseload' })}
          onOpenRetrospective={() => session.navigate({ page: 'retrospective' })}
          onImportAnother={flow.startOver}
        />
      ) : !file || !choices ? (
        <ChooseFileStep
          kind={flow.kind}
          onKindChange={flow.setKind}
          opening={flow.opening}
          problem={flow.openProblem}
          onChoose={() => void flow.chooseFile()}
        />
      ) : (
        <>
          <FileFacts file={file} disabled={running !== null} onChooseAnother={flow.startOver} />
          <MappingStep
            file={file}
            choices={choices}
            problems={flow.mappingProblems}
            locked={running !== null}
            onChange={flow.changeChoices}
            onCheck={() => void flow.check()}
          />
          {running?.action === 'check' && <ImportProgressPanel running={running} fileName={file.fileName} onCancel={() => void flow.cancel()} />}
          {flow.outcome?.action === 'check' && running === null && <Outcome outcome={flow.outcome} />}
          {flow.stale && running === null && (
            <p className="import-stale" role="status">
              The choices changed since the last check. Check all rows again to see what would be imported.
            </p>
          )}
          {report && (
            <ReportStep
              key={report.id}
              kind={file.kind}
              importId={file.importId}
              fileName={file.fileName}
              report={report.report}
              canImport={running === null}
              onImport={() => void flow.commit()}
            />
          )}
          {flow.outcome?.action === 'commit' && running === null && <Outcome outcome={flow.outcome} />}
          {running?.action === 'commit' && <ImportProgressPanel running={running} fileName={file.fileName} onCancel={() => void flow.cancel()} />}
        </>
      )}
    </section>
  );
}

const TEDS_FORMAT_WORDS: Readonly<Record<NonNullable<ImportFile['tedsFormat']>, string>> = {
  coded: 'coded TEDS-D columns (official codes)',
  labelled: 'labelled TEDS-D columns (decoded labels)',
};

function FileFacts({
  file,
  disabled,
  onChooseAnother,
}: {
  readonly file: ImportFile;
  readonly disabled: boolean;
  readonly onChooseAnother: () => void;
}) {
  return (
    <div className="import-file">
      <p className="import-file-facts">
        <span className="import-file-kind">{IMPORT_KIND_LABELS[file.kind]}</span>
        <strong className="import-file-name">{file.fileName}</strong>
        <span className="muted">
          {formatBytes(file.sizeBytes)} · {DELIMITER_LABELS[file.delimiter]} · {file.headers.length} columns
          {file.tedsFormat && ` · ${TEDS_FORMAT_WORDS[file.tedsFormat]}`}
        </span>
        {file.mappingSource === 'saved' && <span className="import-saved-mapping">Mapping remembered from the last import of this kind of file</span>}
      </p>
      <button type="button" className="button-secondary" disabled={disabled} onClick={onChooseAnother}>
        Choose another file…
      </button>
    </div>
  );
}

/** Takes the focus from the Cancel button that has just gone, so the keyboard stays where the news is. */
function Outcome({ outcome }: { readonly outcome: RunOutcome }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const cancelled = outcome.kind === 'cancelled';
  return (
    <p ref={ref} tabIndex={-1} className={cancelled ? 'import-cancelled' : 'form-error import-failed'} role={cancelled ? 'status' : 'alert'}>
      {outcome.message}
    </p>
  );
}
