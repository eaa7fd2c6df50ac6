import { useQuery } from '@tanstack/react-query';
import { callOrThrow } from '../api/client';
import { ExternalLink } from '../components/ExternalLink';
import { LevelBadge } from '../components/LevelBadge';

export function AboutPage() {
  const info = useQuery({ queryKey: ['app.info'], queryFn: () => callOrThrow('app.info', {}) });
  return (
    <section className="page prose" aria-labelledby="about-title">
      <h1 id="about-title">About Stepwise</h1>
      <p>
        Stepwise helps clinicians and supervisors review level-of-care placements in addiction treatment. It keeps case records on this computer,
        checks each case against shared care-level rules and follows each person between levels of care over time.
      </p>
      <h2>Levels of care</h2>
      <ul className="level-legend">
        <li>
          <LevelBadge level="inpatient" /> — lives at the facility with 24-hour care (includes residential care).
        </li>
        <li>
          <LevelBadge level="iop" /> — intensive outpatient: at least 9 hours a week, usually 3–5 sessions, living at home.
        </li>
        <li>
          <LevelBadge level="outpatient" /> — regular outpatient sessions.
        </li>
      </ul>
      <h2>Where your data lives</h2>
      {info.data ? (
        <dl className="facts">
          <dt>Database file</dt>
          <dd className="mono">{info.data.databaseFile}</dd>
          <dt>Schema version</dt>
          <dd>{info.data.schemaVersion}</dd>
          <dt>App version</dt>
          <dd>{info.data.appVersion}</dd>
        </dl>
      ) : (
        <p className="muted">Loading…</p>
      )}
      <p>
        Nothing is sent over the network. The records are substance-use treatment records; federal rules (42 CFR Part 2) restrict their disclosure.
      </p>
      <h2>References</h2>
      <ul>
        <li>
          <ExternalLink href="https://www.ecfr.gov/current/title-42/chapter-I/subchapter-A/part-2">
            42 CFR Part 2 — confidentiality of substance use disorder records
          </ExternalLink>
        </li>
        <li>
          <ExternalLink href="https://findtreatment.gov/">FindTreatment.gov — SAMHSA's treatment locator</ExternalLink>
        </li>
      </ul>
    </section>
  );
}
