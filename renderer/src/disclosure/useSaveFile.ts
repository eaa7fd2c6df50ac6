import { useCallback, useState } from 'react';
import type { Result } from '../../../shared/contract/result';

export type SaveState =
  { readonly kind: 'idle' } | { readonly kind: 'busy'; readonly what: string } | { readonly kind: 'saved' | 'failed'; readonly message: string };

interface SavedFile {
  readonly saved: boolean;
  readonly fileName: string | null;
}

/** Runs a save through the main process and says how it went; a cancelled dialog leaves no message. */
export function useSaveFile() {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  /** `savedNote` follows "Saved <file>." — a sentence, or one built from what the main process reports. */
  const save = useCallback(
    async <T extends SavedFile>(what: string, run: () => Promise<Result<T>>, savedNote: string | ((saved: T) => string) = '') => {
      setState({ kind: 'busy', what });
      const result = await run();
      if (!result.ok) setState({ kind: 'failed', message: `The ${what} was not saved: ${result.error.message}` });
      else if (result.value.saved) {
        const note = typeof savedNote === 'function' ? savedNote(result.value) : savedNote;
        setState({ kind: 'saved', message: `Saved ${result.value.fileName ?? 'the file'}.${note}` });
      } else setState({ kind: 'idle' });
    },
    [],
  );
  return { state, save };
}
