/** Placeholder until the workflow screens land. */
export function AssessmentPage({ caseId }: { readonly caseId: string; readonly amendsId?: string }) {
  return <p>Not built yet ({caseId}).</p>;
}
