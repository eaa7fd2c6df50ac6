import { useState, type ReactNode } from 'react';
import { call } from '../api/client';

/** Links leave the app only through the main process, which checks them against its allow-list. */
export function ExternalLink({ href, children }: { readonly href: string; readonly children: ReactNode }) {
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <>
      <a
        href={href}
        rel="noreferrer noopener"
        onClick={async (event) => {
          event.preventDefault();
          const result = await call('app.openExternal', { url: href });
          setProblem(result.ok ? null : result.error.message);
        }}
      >
        {children}
        <span className="visually-hidden"> (opens in your web browser)</span>
      </a>
      {problem && (
        <span role="alert" className="field-error">
          {' '}
          {problem}
        </span>
      )}
    </>
  );
}
