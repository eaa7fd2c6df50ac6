/** Placeholder until the workflow screens land. */
export function CaseDetailPage({ caseId }: { readonly caseId: string }) {
  return <p>Not built yet ({caseId}).</p>;
}
