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

/** Hours attended in the 7 days ending on a date, all of them at IOP. */
export interface RecentIopHours {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly hours: number;
}

/**
 * The hours attended in the 7 days to `date`, for a case at IOP on every one of those days whose attendance was
 * already being recorded when they began (a session in this stretch at IOP on or before the first of them);
 * otherwise null. Fewer days at IOP would understate the week, and so would days before anyone recorded sessions
 * (a clinic that starts recording mid-week would otherwise see a false shortfall).
 */
export function iopHoursInSevenDaysTo(sessions: readonly AttendanceSession[], episodes: readonly Episode[], date: IsoDate): RecentIopHours | null {
  const stretchStart = iopStretchStart(episodes, date);
  const from = addDays(date, -6);
  if (stretchStart === null || stretchStart > from) return null;
  if (!sessions.some((session) => session.sessionDate >= stretchStart && session.sessionDate <= from)) return null;
  const hours = sessions
    .filter((session) => session.sessionDate >= from && session.sessionDate <= date)
    .reduce((sum, session) => sum + session.hours, 0);
  return { from, to: date, hours };
}

/** The first day of the unbroken run of IOP episodes covering `date`, or null when `date` is not at IOP. */
function iopStretchStart(episodes: readonly Episode[], date: IsoDate): IsoDate | null {
  if (levelOn(episodes, date) !== 'iop') return null;
  let start = date;
  // An IOP episode ending the day the next begins (a corrected or split stay) continues the same stretch.
  for (let steps = 0; steps <= episodes.length; steps += 1) {
    const before = episodes.find(
      (episode) => episode.level === 'iop' && episode.startDate < start && (episode.endDate === null || start <= episode.endDate),
    );
    if (!before) break;
    start = before.startDate;
  }
  return start;
}
