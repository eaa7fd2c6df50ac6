import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportProgress } from '../../../shared/contract/imports';
import type { Result } from '../../../shared/contract/result';
import { call } from '../api/client';

const POLL_MS = 250;

export type RunAction = 'check' | 'commit';

export interface Running {
  readonly action: RunAction;
  readonly importId: string;
  /** Null until the main process has said how far it got. */
  readonly progress: ImportProgress | null;
  readonly cancelling: boolean;
}

/**
 * Runs a check or an import and, while it is pending, asks the main process every quarter second how far it got:
 * a long file keeps the bar moving and Cancel within reach.
 */
export function useImportRun() {
  const [running, setRunning] = useState<Running | null>(null);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const run = useCallback(async <T>(action: RunAction, importId: string, request: () => Promise<Result<T>>): Promise<Result<T>> => {
    setRunning({ action, importId, progress: null, cancelling: false });
    let pending = true;
    const poll = async () => {
      while (pending && live.current) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        if (!pending) return;
        const progress = await call('imports.progress', { importId });
        // The last answer can arrive after the run ended; it must not bring the bar back.
        if (pending && live.current && progress.ok && progress.value.phase !== 'idle') {
          const value = progress.value;
          setRunning((current) => (current && current.importId === importId ? { ...current, progress: value } : current));
        }
      }
    };
    void poll();
    try {
      return await request();
    } finally {
      pending = false;
      if (live.current) setRunning(null);
    }
  }, []);

  const cancel = useCallback(async () => {
    if (!running || running.cancelling) return;
    setRunning({ ...running, cancelling: true });
    await call('imports.cancel', { importId: running.importId });
  }, [running]);

  return { running, run, cancel };
}
