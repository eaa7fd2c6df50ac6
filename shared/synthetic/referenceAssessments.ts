import { addDays, daysBetween, type IsoDate } from '../domain/dates';
import type { Level } from '../domain/levels';
import type { CurrentLevel } from '../rules/assessment';
import type { SeededRandom } from './random';
import type { HistoryEpisode } from './referenceHistory';

/** When an assessment was made, where the person was then, and the level its clinical picture points to. */
export interface PlannedAssessment {
  readonly assessedOn: IsoDate;
  readonly currentLevel: CurrentLevel;
  readonly target: Level;
  /** The episode this assessment led to (an admission or a step), or null for a continued-stay review. */
  readonly opensEpisode: number | null;
}

const FIRST_PLACEMENT: readonly (readonly [Level, number])[] = [
  ['outpatient', 45],
  ['iop', 30],
  ['inpatient', 20],
];

const NEIGHBOURS: Readonly<Record<Level, readonly Level[]>> = {
  outpatient: ['iop'],
  iop: ['outpatient', 'inpatient'],
  inpatient: ['iop'],
};

/** Most pictures point where the person went; some point elsewhere, which is where variances and mismatches come from. */
function drift(random: SeededRandom, level: Level, chance: number): Level {
  return random.chance(chance) ? random.pick(NEIGHBOURS[level]) : level;
}

/**
 * `count` assessments over a care history: one before each admission or step that led to an episode (the most
 * recent ones when there are fewer assessments than episodes), then continued-stay reviews during episodes.
 * Someone not yet placed has had one intake assessment in the last six weeks. Oldest first.
 */
export function planAssessments(random: SeededRandom, history: readonly HistoryEpisode[], count: number, today: IsoDate): PlannedAssessment[] {
  if (history.length === 0) {
    return Array.from({ length: count }, () => ({
      assessedOn: addDays(today, -random.int(0, 45)),
      currentLevel: 'none' as const,
      target: random.weighted(FIRST_PLACEMENT),
      opensEpisode: null,
    }));
  }
  const openings: PlannedAssessment[] = history.map((episode, index) => {
    const previous = history[index - 1];
    if (episode.follows && previous) {
      const daysBefore = addDays(episode.startDate, -random.int(0, 3));
      return {
        assessedOn: daysBefore < previous.startDate ? previous.startDate : daysBefore,
        currentLevel: previous.level,
        target: drift(random, episode.level, 0.12),
        opensEpisode: index,
      };
    }
    return {
      assessedOn: addDays(episode.startDate, -random.int(0, 5)),
      currentLevel: 'none',
      target: drift(random, episode.level, 0.12),
      opensEpisode: index,
    };
  });
  const planned = openings.slice(Math.max(0, openings.length - count));
  const reviewable = history.flatMap((episode, index) => (daysBetween(episode.startDate, episode.endDate ?? today) >= 2 ? [index] : []));
  for (let review = planned.length; review < count; review += 1) {
    const index = reviewable.length > 0 ? random.pick(reviewable) : history.length - 1;
    const episode = history[index];
    if (!episode) break;
    const span = daysBetween(episode.startDate, episode.endDate ?? today);
    planned.push({
      assessedOn: span >= 2 ? addDays(episode.startDate, random.int(1, span - 1)) : episode.startDate,
      currentLevel: episode.level,
      target: drift(random, episode.level, 0.15),
      opensEpisode: null,
    });
  }
  return planned.sort((a, b) => (a.assessedOn < b.assessedOn ? -1 : a.assessedOn > b.assessedOn ? 1 : 0));
}
