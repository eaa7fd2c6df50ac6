import { useEffect, useId, useRef } from 'react';
import { progressOf } from './importWording';
import type { Running } from './useImportRun';

interface Props {
  readonly running: Running;
  readonly fileName: string;
  readonly onCancel: () => void;
}

/** The bar, what it measures in words, and Cancel; Esc cancels too, as it would close a dialog. */
export function ImportProgressPanel({ running, fileName, onCancel }: Props) {
  const labelId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const { percent, label } = progressOf(running.progress, running.action);
  // The button that started the run is gone; the focus goes where the next useful key press is.
  useEffect(() => cancelRef.current?.focus(), []);
  const title = running.action === 'check' ? `Checking every row of ${fileName}` : `Importing ${fileName}`;

  return (
    <section
      className="import-progress"
      aria-labelledby={`${labelId}-title`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <h2 id={`${labelId}-title`}>{title}</h2>
      <div className="progress-row">
        <progress aria-labelledby={`${labelId}-title`} aria-describedby={labelId} max={100} {...(percent === null ? {} : { value: percent })} />
        <span className="progress-percent" aria-hidden="true">
          {percent === null ? '' : `${percent}%`}
        </span>
      </div>
      <p id={labelId} className="import-progress-label">
        {label}
      </p>
      <p className="muted import-progress-hint">
        {running.action === 'check'
          ? 'Nothing is written while the file is checked.'
          : 'All rows are written together or none. Stay on this screen until it finishes: leaving it cancels the import.'}
      </p>
      <div className="import-actions">
        <button ref={cancelRef} type="button" className="button-secondary" disabled={running.cancelling} onClick={onCancel}>
          {running.cancelling ? 'Cancelling…' : 'Cancel'} <kbd>Esc</kbd>
        </button>
      </div>
    </section>
  );
}
