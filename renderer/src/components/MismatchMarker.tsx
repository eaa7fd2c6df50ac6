/** Shown where the current level and the latest recommendation disagree: a symbol and a word, not colour alone. */
export function MismatchMarker() {
  return (
    <span className="mismatch-marker" title="The current level differs from the latest recommended level">
      <span aria-hidden="true">≠</span> differs
    </span>
  );
}
