import type { SaveState } from './useSaveFile';

/** "Preparing…", "Saved <file>", or the problem in words. */
export function SaveStatus({ state }: { readonly state: SaveState }) {
  return (
    <>
      <p className="save-status" role="status">
        {state.kind === 'busy' ? `Preparing the ${state.what}…` : state.kind === 'saved' ? state.message : ''}
      </p>
      {state.kind === 'failed' && (
        <p className="form-error save-status" role="alert">
          {state.message}
        </p>
      )}
    </>
  );
}
