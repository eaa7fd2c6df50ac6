import type { ReactNode } from 'react';

/** Something needing attention: a symbol and words, never colour alone (colour-blind users, printouts). */
export function AttentionMarker({ children, title }: { readonly children: ReactNode; readonly title?: string }) {
  return (
    <span className="attention-marker" title={title}>
      <span aria-hidden="true" className="attention-icon">
        !
      </span>{' '}
      {children}
    </span>
  );
}

/** A discharged case, marked with the same square the timeline uses for a discharge. */
export function DischargedTag() {
  return (
    <span className="discharged-tag">
      <span aria-hidden="true">■</span> Discharged
    </span>
  );
}
