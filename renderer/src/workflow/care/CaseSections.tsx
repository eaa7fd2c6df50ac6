import { jumpToSection, SECTION_IDS, type CaseSection } from './sections';

const SECTION_LABELS: Readonly<Record<CaseSection, string>> = {
  timeline: 'Timeline',
  episodes: 'Episodes',
  decisions: 'Decisions',
  assessments: 'Assessments',
  attendance: 'IOP attendance',
  authorizations: 'Authorizations',
  careEvents: 'Care events',
};

/** The case page is long: its contents, in page order, one keypress from each section. */
export function CaseSections({ showAttendance }: { readonly showAttendance: boolean }) {
  const sections = (Object.keys(SECTION_LABELS) as CaseSection[]).filter((section) => showAttendance || section !== 'attendance');
  return (
    <nav className="case-sections" aria-label="Sections of this case">
      <span className="muted">On this page:</span>
      <ul>
        {sections.map((section) => (
          <li key={section}>
            <button type="button" className="link-button" onClick={() => jumpToSection(SECTION_IDS[section])}>
              {SECTION_LABELS[section]}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
