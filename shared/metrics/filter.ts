import type { IsoDate } from '../domain/dates';

export interface EpisodeFilter {
  /** First day of the range, inclusive. */
  readonly from?: IsoDate;
  /** Last day of the range, inclusive. */
  readonly to?: IsoDate;
  /** Only these cases (the app resolves its clinician and program filters to case ids). */
  readonly caseIds?: ReadonlySet<string>;
}

/**
 * The episodes overlapping a date range, for the reports' filter. An episode occupies its start day through its
 * end day, both included, so a stay that ends on the range's first day (its step-down or discharge falls in the
 * range) and a zero-length episode on a day in the range are both kept; an open episode runs on forever.
 */
export function filterEpisodes<T extends { readonly caseId: string; readonly start: IsoDate; readonly end: IsoDate | null }>(
  episodes: readonly T[],
  filter: EpisodeFilter,
): T[] {
  const { from, to, caseIds } = filter;
  return episodes.filter(
    (episode) =>
      (to === undefined || episode.start <= to) &&
      (from === undefined || episode.end === null || episode.end >= from) &&
      (caseIds === undefined || caseIds.has(episode.caseId)),
  );
}
