/** Placeholder until the workflow screens land. */
export function OverviewPage() {
  return <p>Not built yet.</p>;
}
