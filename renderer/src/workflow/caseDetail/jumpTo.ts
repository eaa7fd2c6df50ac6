/** Moves the reader to another record on the same page (links between amendments and corrections). */
export function jumpTo(elementId: string): void {
  const target = document.getElementById(elementId);
  if (!target) return;
  target.scrollIntoView({ block: 'center' });
  target.focus();
}

export const assessmentRowId = (id: string) => `assessment-${id}`;
export const decisionRowId = (id: string) => `decision-${id}`;
