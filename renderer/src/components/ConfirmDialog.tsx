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
}

export function ConfirmDialog({ title, message, confirmLabel, destructive = false, onConfirm, onCancel }: Props) {
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
  return (
    <Dialog titleId={`${id}-title`} describedBy={`${id}-message`} onClose={onCancel}>
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-message`} className="confirm-message">
        {message}
      </div>
      {problem && (
        <p role="alert" className="form-error">
          {problem}
        </p>
      )}
      <div className="dialog-actions">
        {/* Cancel takes the focus: Enter on a destructive dialog should not act by accident. */}
        <button type="button" className="button-secondary" onClick={onCancel} autoFocus>
          Cancel <kbd>Esc</kbd>
        </button>
        <button type="button" className={destructive ? 'button-danger' : 'button-primary'} onClick={confirm} disabled={busy}>
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
