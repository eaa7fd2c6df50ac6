import { addDays, daysBetween, startOfWeek, type IsoDate } from '../domain/dates';
import type { Level } from '../domain/levels';
import type { DischargeReason, EpisodeEndReason } from '../domain/episodes';
import type { SeededRandom } from './random';

export interface SyntheticEpisode {
  readonly level: Level;
  readonly startDate: IsoDate;
  readonly endDate: IsoDate | null;
  readonly endReason: EpisodeEndReason | null;
}

export interface SyntheticCareHistory {
  /** Oldest first; contiguous where one level followed another, with gaps before a readmission. */
  readonly episodes: readonly SyntheticEpisode[];
  readonly discharged: boolean;
  readonly attendance: readonly { readonly sessionDate: IsoDate; readonly hours: number }[];
  readonly authorization: { readonly level: Level; readonly fromDate: IsoDate; readonly toDate: IsoDate; readonly units: number } | null;
}

const DISCHARGE_MIX: readonly (readonly [DischargeReason, number])[] = [
  ['completed', 50],
  ['dropped-out', 25],
  ['transferred', 10],
  ['administrative-discharge', 5],
  ['incarcerated', 3],
  ['died', 2],
  ['other', 5],
];

/** Levels a case may have stepped down from into this one. */
const HIGHER: Readonly<Record<Level, readonly Level[]>> = { outpatient: ['iop', 'inpatient'], iop: ['inpatient'], inpatient: [] };

/**
 * An invented but coherent care history ending at the case's current level: sometimes a step-down from a more
 * intensive level, sometimes an earlier discharged stay and a readmission, sometimes a discharge now.
 */
export function syntheticCareHistory(random: SeededRandom, level: Level, openedDaysAgo: number, today: IsoDate): SyntheticCareHistory {
  const span = Math.max(openedDaysAgo, 10);
  const currentStart = addDays(today, -random.int(3, Math.min(span, 240)));
  const episodes: SyntheticEpisode[] = [];
  let earliest = currentStart;
  const higher = HIGHER[level];
  if (higher.length > 0 && random.chance(0.5)) {
    const previousLevel = random.pick(higher);
    const previousStart = addDays(currentStart, -random.int(7, 45));
    episodes.push({ level: previousLevel, startDate: previousStart, endDate: currentStart, endReason: 'stepped-down' });
    earliest = previousStart;
  }
  if (random.chance(0.15)) {
    const gapEnd = addDays(earliest, -random.int(20, 120));
    const stayStart = addDays(gapEnd, -random.int(7, 60));
    episodes.unshift({
      level: random.pick(['inpatient', 'iop', 'outpatient'] as const),
      startDate: stayStart,
      endDate: gapEnd,
      endReason: random.weighted(DISCHARGE_MIX),
    });
  }
  const discharged = random.chance(0.12) && currentStart < addDays(today, -3);
  const endDate = discharged ? addDays(today, -random.int(0, Math.min(30, daysBetween(currentStart, today) - 1))) : null;
  episodes.push({ level, startDate: currentStart, endDate, endReason: discharged ? random.weighted(DISCHARGE_MIX) : null });

  const attendance = level === 'iop' && !discharged ? syntheticIopAttendance(random, currentStart, today, 4) : [];
  const authorization = !discharged ? syntheticAuthorization(random, level, currentStart, today) : null;
  return { episodes, discharged, attendance, authorization };
}

/** Sessions attended at IOP in the last `weeks` complete weeks since `since`; about a third of people attend too little. */
export function syntheticIopAttendance(random: SeededRandom, since: IsoDate, today: IsoDate, weeks: number): SyntheticCareHistory['attendance'] {
  const attendance: { sessionDate: IsoDate; hours: number }[] = [];
  const lowWeeks = random.chance(0.3);
  for (let week = addDays(startOfWeek(today), -7 * weeks); week < startOfWeek(today); week = addDays(week, 7)) {
    if (week < since) continue;
    const sessions = lowWeeks && random.chance(0.6) ? 2 : random.int(3, 4);
    for (let index = 0; index < sessions; index += 1)
      attendance.push({ sessionDate: addDays(week, index * 2), hours: random.pick([2.5, 3, 3, 3.5]) });
  }
  return attendance;
}

/** A payer authorization for seven in ten people in care: some ending within the week, a few for another level. */
export function syntheticAuthorization(random: SeededRandom, level: Level, since: IsoDate, today: IsoDate): SyntheticCareHistory['authorization'] {
  if (!random.chance(0.7)) return null;
  const endingSoon = random.chance(0.2);
  return {
    level: random.chance(0.1) ? random.pick(['inpatient', 'iop', 'outpatient'] as const) : level,
    fromDate: since,
    toDate: endingSoon ? addDays(today, random.int(0, 6)) : addDays(today, random.int(8, 120)),
    units: random.int(8, 60),
  };
}
