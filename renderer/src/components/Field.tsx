import type { ReactNode } from 'react';

export interface ControlA11y {
  readonly id: string;
  readonly 'aria-invalid': boolean;
  readonly 'aria-describedby': string | undefined;
}

interface Props {
  readonly id: string;
  readonly label: ReactNode;
  readonly error?: string | undefined;
  readonly hint?: ReactNode;
  /** Ids of text elsewhere that also describes this control (a rule shared by two fields). */
  readonly describedBy?: string;
  /** Renders the control; spread the attributes so the label, hint and error reach assistive technology. */
  readonly children: (control: ControlA11y) => ReactNode;
}

/** A labelled form control with its hint and, when there is one, its error in a sentence right below it. */
export function Field({ id, label, error, hint, describedBy: shared, children }: Props) {
  const describedBy = [shared ?? null, hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

export function FormAlert({ message }: { readonly message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="form-error">
      {message}
    </p>
  );
}
