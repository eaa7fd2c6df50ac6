import { addDays, type IsoDate } from '../domain/dates';
import type { DischargeReason, EpisodeEndReason } from '../domain/episodes';
import { levelRank, type Level } from '../domain/levels';
import type { SeededRandom } from './random';

/** One stretch of care before ids are given; `follows` marks a same-day step from the episode before. */
export interface HistoryEpisode {
  readonly level: Level;
  readonly startDate: IsoDate;
  readonly endDate: IsoDate | null;
  readonly endReason: EpisodeEndReason | null;
  readonly follows: boolean;
}

const ADMISSION_LEVELS: readonly (readonly [Level, number])[] = [
  ['inpatient', 35],
  ['iop', 30],
  ['outpatient', 35],
];

const DISCHARGES: readonly (readonly [DischargeReason, number])[] = [
  ['completed', 50],
  ['dropped-out', 25],
  ['transferred', 10],
  ['administrative-discharge', 5],
  ['incarcerated', 3],
  ['died', 2],
  ['other', 5],
];
/** A stay followed by a readmission did not end in death. */
const DISCHARGES_BEFORE_READMISSION = DISCHARGES.filter(([reason]) => reason !== 'died');

/** Usual stay in days by level, [shortest, longest]; one in ten runs up to three times longer. */
const STAY_DAYS: Readonly<Record<Level, readonly [number, number]>> = {
  inpatient: [2, 30],
  iop: [14, 90],
  outpatient: [30, 240],
};

/** How long ago the open episode of someone still in care began, at most, by level. */
const OPEN_FOR_DAYS: Readonly<Record<Level, number>> = { inpatient: 40, iop: 100, outpatient: 300 };

/**
 * Chance that the next episode is a readmission after a discharge rather than a step within the same stay, by the
 * level left: outpatient care usually ends in a discharge, residential care usually steps down.
 */
const READMISSION_CHANCE: Readonly<Record<Level, number>> = { inpatient: 0.08, iop: 0.2, outpatient: 0.55 };
/** Discharged people left care within about seven years before today. */
const DISCHARGED_WITHIN_DAYS = 2500;

/**
 * A care history of exactly `count` episodes ending today: stays made of same-day steps down (mostly) and up,
 * separated by discharges and readmissions weeks to years apart. The last episode is open when the person is
 * still in care. Valid by construction: no overlap, no end before its start, one open episode at most.
 */
export function referenceHistory(random: SeededRandom, count: number, active: boolean, today: IsoDate): HistoryEpisode[] {
  if (count === 0) return [];
  const levels: Level[] = [random.weighted(ADMISSION_LEVELS)];
  const readmitted: boolean[] = [false];
  for (let index = 1; index < count; index += 1) {
    const previous = levels[index - 1] ?? 'outpatient';
    const readmission = random.chance(READMISSION_CHANCE[previous]);
    readmitted.push(readmission);
    levels.push(readmission ? random.weighted(ADMISSION_LEVELS) : stepFrom(random, previous));
  }
  const lengths = levels.map((level) => stayLength(random, level));
  const gaps = readmitted.map((readmission) => (readmission ? random.int(14, 540) : 0));
  const last = levels[count - 1] ?? 'outpatient';
  const lastStart = active
    ? addDays(today, -random.int(0, OPEN_FOR_DAYS[last]))
    : addDays(today, -(random.int(1, DISCHARGED_WITHIN_DAYS) + (lengths[count - 1] ?? 0)));
  const starts: IsoDate[] = new Array<IsoDate>(count);
  starts[count - 1] = lastStart;
  for (let index = count - 2; index >= 0; index -= 1) {
    const nextStart = starts[index + 1] ?? lastStart;
    starts[index] = addDays(nextStart, -((gaps[index + 1] ?? 0) + (lengths[index] ?? 0)));
  }
  return levels.map((level, index) => {
    const startDate = starts[index] ?? lastStart;
    const isLast = index === count - 1;
    if (isLast && active) return { level, startDate, endDate: null, endReason: null, follows: !readmitted[index] && index > 0 };
    const endDate = isLast ? addDays(startDate, lengths[index] ?? 0) : addDays(starts[index + 1] ?? lastStart, -(gaps[index + 1] ?? 0));
    const next = levels[index + 1];
    const endReason: EpisodeEndReason = isLast
      ? random.weighted(DISCHARGES)
      : readmitted[index + 1] || next === undefined
        ? random.weighted(DISCHARGES_BEFORE_READMISSION)
        : levelRank(next) > levelRank(level)
          ? 'stepped-up'
          : 'stepped-down';
    return { level, startDate, endDate, endReason, follows: !readmitted[index] && index > 0 };
  });
}

/** Inpatient care steps down, outpatient care steps up when it is not enough, IOP mostly steps down. */
function stepFrom(random: SeededRandom, level: Level): Level {
  if (level === 'inpatient') return random.chance(0.75) ? 'iop' : 'outpatient';
  if (level === 'outpatient') return random.chance(0.7) ? 'iop' : 'inpatient';
  if (random.chance(0.75)) return 'outpatient';
  return 'inpatient';
}

function stayLength(random: SeededRandom, level: Level): number {
  // One stay in fifty is zero-length: a same-day correction or move.
  if (random.chance(0.02)) return 0;
  const [shortest, longest] = STAY_DAYS[level];
  return random.int(shortest, random.chance(0.1) ? longest * 3 : longest);
}
