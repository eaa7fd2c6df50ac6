import type { ReactNode } from 'react';

/** The frame for screens before the app proper: first start, sign-in, a required password change. */
export function AuthScreen({ titleId, children }: { readonly titleId: string; readonly children: ReactNode }) {
  return (
    <main className="auth-screen" aria-labelledby={titleId}>
      <div className="auth-card">
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
