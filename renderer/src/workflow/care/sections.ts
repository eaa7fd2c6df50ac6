/** The case page's sections, by the id of their heading (or wrapper), so links and the page's contents can reach them. */
export const SECTION_IDS = {
  timeline: 'case-timeline',
  episodes: 'episodes-title',
  careEvents: 'care-events-title',
  attendance: 'attendance-title',
  authorizations: 'authorizations-title',
  decisions: 'decisions-title',
  assessments: 'assessments-title',
} as const;

export type CaseSection = keyof typeof SECTION_IDS;

/** Scrolls a section's heading to the top and moves the focus there, so keyboard users continue from it. */
export function jumpToSection(headingId: string): void {
  const heading = document.getElementById(headingId);
  if (!heading) return;
  heading.scrollIntoView({ block: 'start' });
  heading.focus();
}
