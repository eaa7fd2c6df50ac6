/** Placeholder until the reports screen lands. */
export function ReportsPage() {
  return <p>Not built yet.</p>;
}
