/** Placeholder until the workflow screens land. */
export function DecisionPage({ caseId }: { readonly caseId: string; readonly assessmentId: string; readonly decisionId?: string; readonly supersedesId?: string }) {
  return <p>Not built yet ({caseId}).</p>;
}
