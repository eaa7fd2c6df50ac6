import { addDays, startOfWeek, type IsoDate } from './dates';
import { levelOn, type Episode } from './episodes';

/** Intensive outpatient care means at least this many hours of treatment a week. */
export const IOP_MINIMUM_WEEKLY_HOURS = 9;

export interface AttendanceSession {
  readonly sessionDate: IsoDate;
  readonly hours: number;
}

export interface WeeklyHours {
  /** Monday of the week. */
  readonly weekStart: IsoDate;
  readonly hours: number;
  /** Every day of the week was at IOP, so the week counts against the 9-hour minimum. */
  readonly fullWeekAtIop: boolean;
  readonly belowIntensity: boolean;
}

/** Hours per week for every week with IOP care or sessions, oldest first, up to the week containing `today`. */
export function weeklyHours(sessions: readonly AttendanceSession[], episodes: readonly Episode[], today: IsoDate): WeeklyHours[] {
  const iopDays = episodes.filter((episode) => episode.level === 'iop');
  const weeks = new Set<IsoDate>();
  for (const session of sessions) weeks.add(startOfWeek(session.sessionDate));
  for (const episode of iopDays) {
    const last = episode.endDate === null ? today : addDays(episode.endDate, -1);
    for (let week = startOfWeek(episode.startDate); week <= last && week <= today; week = addDays(week, 7)) weeks.add(week);
  }
  return [...weeks]
    .filter((week) => week <= today)
    .sort()
    .map((weekStart) => {
      const weekEnd = addDays(weekStart, 6);
      const hours = sessions
        .filter((session) => session.sessionDate >= weekStart && session.sessionDate <= weekEnd)
        .reduce((sum, session) => sum + session.hours, 0);
      let fullWeekAtIop = weekEnd < today;
      for (let day = weekStart; fullWeekAtIop && day <= weekEnd; day = addDays(day, 1)) fullWeekAtIop = levelOn(episodes, day) === 'iop';
      return { weekStart, hours, fullWeekAtIop, belowIntensity: fullWeekAtIop && hours < IOP_MINIMUM_WEEKLY_HOURS };
    });
}
