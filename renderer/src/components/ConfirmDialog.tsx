import { useId, useState, type ReactNode } from 'react';
import { Dialog } from './Dialog';

interface Props {
  readonly title: string;
  /** Says what will happen, naming the person or case it happens to. */
  readonly message: ReactNode;
  readonly confirmLabel: string;
  readonly destructive?: boolean;
  /** Resolves to an error message to show in the dialog, or null when done. */
  readonly onConfirm: () => Promise<string | null>;
  readonly onCancel: () => void;
  /**
   * Shown while the action runs (a long job's progress). An action given one cannot be stopped once confirmed, so
   * Cancel and Esc wait for it rather than close a dialog over work that goes on.
   */
  readonly whileWorking?: ReactNode;
}

export function ConfirmDialog({ title, message, confirmLabel, destructive = false, onConfirm, onCancel, whileWorking }: Props) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setProblem(null);
    const failure = await onConfirm();
    setBusy(false);
    setProblem(failure);
  };
  const holdsOpen = busy && whileWorking !== undefined;
  const cancel = () => {
    if (!holdsOpen) onCancel();
  };
  return (
    <Dialog titleId={`${id}-title`} describedBy={`${id}-message`} onClose={cancel}>
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-message`} className="confirm-message">
        {message}
      </div>
      {busy && whileWorking}
      {problem && (
        <p role="alert" className="form-error">
          {problem}
        </p>
      )}
      <div className="dialog-actions">
        {/* Cancel takes the focus: Enter on a destructive dialog should not act by accident. */}
        <button type="button" className="button-secondary" onClick={cancel} disabled={holdsOpen} autoFocus>
          Cancel <kbd>Esc</kbd>
        </button>
        <button type="button" className={destructive ? 'button-danger' : 'button-primary'} onClick={confirm} disabled={busy}>
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
