import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { AppError } from '../../../shared/contract/result';
import { placeAppError } from './appErrors';

export interface CommentField {
  readonly label: string;
  readonly required: boolean;
  /** Shown beside the field when a required comment is left empty. */
  readonly requiredMessage?: string;
}

interface Props {
  readonly open: boolean;
  /** The question, naming the object: "Approve the step-down of Jane Doe to IOP?" */
  readonly title: string;
  readonly children?: ReactNode;
  readonly confirmLabel: string;
  readonly comment?: CommentField;
  readonly danger?: boolean;
  readonly onCancel: () => void;
  /** Resolves to null on success, or the error to show (the dialog stays open, nothing typed is lost). */
  readonly onConfirm: (comment: string) => Promise<AppError | null>;
}

/** Asks before an action that cannot be undone, in words that name what it acts on. */
export function ConfirmDialog({ open, title, children, confirmLabel, comment, danger, onCancel, onConfirm }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  const [text, setText] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setText('');
      setFieldError(null);
      setFormError(null);
      dialog.showModal();
      // A required comment is typed first; otherwise the confirm button takes focus so Enter confirms.
      (comment?.required ? commentRef.current : confirmRef.current)?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open, comment?.required]);

  const submit = async () => {
    if (comment?.required && text.trim() === '') {
      setFieldError(comment.requiredMessage ?? `Enter the ${comment.label.toLowerCase()}.`);
      commentRef.current?.focus();
      return;
    }
    setBusy(true);
    const error = await onConfirm(text.trim());
    setBusy(false);
    if (!error) return;
    const placed = placeAppError(error, ['comment']);
    setFieldError(placed.fields.comment ?? null);
    setFormError(placed.form);
    if (placed.fields.comment) commentRef.current?.focus();
  };

  const commentId = `${id}-comment`;
  return (
    <dialog
      ref={dialogRef}
      className="dialog confirm-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        {children}
        {formError && (
          <p role="alert" className="form-error">
            {formError}
          </p>
        )}
        {comment && (
          <>
            <label htmlFor={commentId}>
              {comment.label}
              {!comment.required && <span className="muted"> (optional)</span>}
            </label>
            <textarea
              id={commentId}
              rows={3}
              maxLength={500}
              ref={commentRef}
              value={text}
              aria-invalid={fieldError !== null}
              aria-describedby={fieldError ? `${commentId}-error` : undefined}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                  event.preventDefault();
                  void submit();
                }
              }}
              onChange={(event) => {
                setText(event.target.value);
                if (fieldError) setFieldError(null);
              }}
            />
            {fieldError && (
              <p id={`${commentId}-error`} className="field-error">
                {fieldError}
              </p>
            )}
          </>
        )}
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={onCancel}>
            Cancel <kbd>Esc</kbd>
          </button>
          <button type="submit" className={danger ? 'wf-button-danger' : 'button-primary'} disabled={busy} ref={confirmRef}>
            {busy ? 'Working…' : confirmLabel}
            {comment && (
              <>
                {' '}
                <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
              </>
            )}
          </button>
        </div>
      </form>
    </dialog>
  );
}
