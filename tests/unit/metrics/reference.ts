import type { Level } from '../../../shared/domain/levels';
import type { EpisodeMetrics, InterchangeEpisode } from '../../../shared/metrics';

/**
 * The metric definitions of issue 5, written as literally as possible (every pair of episodes compared, days
 * from UTC milliseconds, R's 1-based type-7 formula), with no regard for speed. The fast implementation must
 * agree with it on every generated caseload.
 */
const RANK: Readonly<Record<Level, number>> = { outpatient: 0, iop: 1, inpatient: 2 };
const LEVEL_NAMES: readonly Level[] = ['inpatient', 'iop', 'outpatient'];

function days(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function byCase(episodes: readonly InterchangeEpisode[]): InterchangeEpisode[][] {
  const cases = new Map<string, InterchangeEpisode[]>();
  for (const episode of episodes) cases.set(episode.caseId, [...(cases.get(episode.caseId) ?? []), episode]);
  return [...cases.values()].map((list) =>
    [...list].sort(
      (a, b) =>
        a.start.localeCompare(b.start) ||
        (a.end === b.end ? 0 : a.end === null ? 1 : b.end === null ? -1 : a.end.localeCompare(b.end)) ||
        RANK[b.level] - RANK[a.level],
    ),
  );
}

/** R's definition: h = (n − 1)p + 1 on 1-based positions, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]). */
function rQuantile7(values: readonly number[], p: number): number {
  const x = [...values].sort((a, b) => a - b);
  const h = (x.length - 1) * p + 1;
  const lower = x[Math.floor(h) - 1] as number;
  const upper = x[Math.min(Math.floor(h), x.length - 1)] as number;
  return lower + (h - Math.floor(h)) * (upper - lower);
}

export function referenceMetrics(episodes: readonly InterchangeEpisode[]): EpisodeMetrics {
  const cases = byCase(episodes);
  const transitions: Record<string, number> = {};
  const count = (key: string) => (transitions[key] = (transitions[key] ?? 0) + 1);
  for (const list of cases) {
    list.slice(1).forEach((next, i) => count(`${(list[i] as InterchangeEpisode).level}->${next.level}`));
    const last = list[list.length - 1] as InterchangeEpisode;
    if (last.end !== null) count(`${last.level}->discharged`);
  }

  const closed = episodes.filter((episode) => episode.end !== null);
  const lengthOfStay: Record<string, unknown> = {};
  for (const level of LEVEL_NAMES) {
    const stays = closed.filter((episode) => episode.level === level).map((episode) => days(episode.start, episode.end as string));
    if (stays.length > 0)
      lengthOfStay[level] = { n: stays.length, median: rQuantile7(stays, 0.5), p25: rQuantile7(stays, 0.25), p75: rQuantile7(stays, 0.75) };
  }

  const sameCase = (episode: InterchangeEpisode) => episodes.filter((other) => other.caseId === episode.caseId);
  const inpatientEnds = closed.filter((episode) => episode.level === 'inpatient' && episode.endReason !== 'died');
  const followedWithin = (inpatient: InterchangeEpisode, limit: number) =>
    sameCase(inpatient).some(
      (other) =>
        other.level !== 'inpatient' && days(inpatient.end as string, other.start) >= 0 && days(inpatient.end as string, other.start) <= limit,
    );
  const n = inpatientEnds.length;
  const share = (hits: number) => (n === 0 ? null : hits / n);

  const stepDowns = episodes.filter((episode) =>
    sameCase(episode).some(
      (higher) =>
        RANK[higher.level] > RANK[episode.level] &&
        higher.end !== null &&
        days(higher.end, episode.start) >= 0 &&
        days(higher.end, episode.start) <= 7,
    ),
  );
  const returned = stepDowns.filter((stepDown) =>
    sameCase(stepDown).some(
      (higher) => RANK[higher.level] > RANK[stepDown.level] && days(stepDown.start, higher.start) >= 1 && days(stepDown.start, higher.start) <= 30,
    ),
  );

  const dropoutRate: Record<string, number | null> = {};
  for (const level of LEVEL_NAMES) {
    const ofLevel = closed.filter((episode) => episode.level === level);
    dropoutRate[level] = ofLevel.length === 0 ? null : ofLevel.filter((episode) => episode.endReason === 'dropped-out').length / ofLevel.length;
  }

  return {
    transitions,
    lengthOfStay,
    continuityAfterInpatient: {
      n,
      within7: share(inpatientEnds.filter((episode) => followedWithin(episode, 7)).length),
      within30: share(inpatientEnds.filter((episode) => followedWithin(episode, 30)).length),
    },
    returnToHigherWithin30: { n: stepDowns.length, rate: stepDowns.length === 0 ? null : returned.length / stepDowns.length },
    dropoutRate: dropoutRate as EpisodeMetrics['dropoutRate'],
  };
}
