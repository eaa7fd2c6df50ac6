import type { ReactNode } from 'react';

interface Props {
  readonly titleId: string;
  /** A wider card, for a screen that shows something large (the recovery key). */
  readonly wide?: boolean;
  readonly children: ReactNode;
}

/** The frame for screens before the app proper: first start, sign-in, recovery, a required password change. */
export function AuthScreen({ titleId, wide = false, children }: Props) {
  return (
    <main className="auth-screen" aria-labelledby={titleId}>
      <div className={wide ? 'auth-card auth-card-wide' : 'auth-card'}>
        <p className="brand auth-brand">
          <span aria-hidden="true" className="brand-mark">
            ▁▃▅
          </span>
          Stepwise
        </p>
        {children}
        <p className="auth-footnote">Offline · records stay on this computer</p>
      </div>
    </main>
  );
}
