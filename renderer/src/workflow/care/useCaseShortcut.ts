import { useCallback } from 'react';
import { useShortcut } from '../../components/useShortcut';

/** A single-key shortcut on the case page that stays quiet while a dialog is open over it. */
export function useCaseShortcut(key: string, action: () => void, enabled = true): void {
  const guarded = useCallback(() => {
    if (document.querySelector('dialog[open]')) return;
    action();
  }, [action]);
  useShortcut(key, guarded, enabled);
}
