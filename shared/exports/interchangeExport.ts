import type { EpisodeRecord } from '../contract/caseDetail';
import type { Assessment } from '../rules/assessment';
import type { InterchangeEpisode } from '../metrics/episodeInterchange';

/** What naming an assessment in an export needs: its case's MRN, its date, and when it was recorded. */
export interface AssessmentRef {
  readonly id: string;
  readonly mrn: string;
  readonly assessedOn: string;
  readonly createdAt: string;
}

/**
 * The id an exported assessment carries, in CSV and JSON alike: the case's MRN and the assessment date, numbered
 * from the second assessment of that case on that day in the order they were recorded ("A-17#2026-03-04",
 * "A-17#2026-03-04#2"). An MRN never holds "#", so the id reads back unambiguously.
 */
export function assessmentExportIds(refs: readonly AssessmentRef[]): ReadonlyMap<string, string> {
  const ordered = [...refs].sort(
    (a, b) => compare(a.mrn, b.mrn) || compare(a.assessedOn, b.assessedOn) || compare(a.createdAt, b.createdAt) || compare(a.id, b.id),
  );
  const ids = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const ref of ordered) {
    const base = `${ref.mrn}#${ref.assessedOn}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    ids.set(ref.id, count === 1 ? base : `${base}#${count}`);
  }
  return ids;
}

/** A stored assessment as an item of the assessment interchange format v1, under its export id. */
export function interchangeAssessment(exportId: string, stored: Assessment): Assessment {
  const { id: _internal, ...fields } = stored;
  return { id: exportId, ...fields };
}

/** A stored episode as an item of the episode interchange format v1; the case is named by its MRN. */
export function interchangeEpisode(mrn: string, episode: EpisodeRecord): InterchangeEpisode {
  return { caseId: mrn, level: episode.level, start: episode.startDate, end: episode.endDate, endReason: episode.endReason };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
