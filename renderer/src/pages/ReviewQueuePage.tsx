/** Placeholder until the workflow screens land. */
export function ReviewQueuePage() {
  return <p>Not built yet.</p>;
}
