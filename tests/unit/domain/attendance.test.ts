import { describe, expect, it } from 'vitest';
import { iopHoursInSevenDaysTo, type AttendanceSession } from '../../../shared/domain/attendance';
import { addDays, type IsoDate } from '../../../shared/domain/dates';
import type { Episode } from '../../../shared/domain/episodes';
import type { Level } from '../../../shared/domain/levels';

/** Day `offset` counted from 2026-03-02 (a Monday). */
const day = (offset: number): IsoDate => addDays('2026-03-02', offset);

function ep(id: string, level: Level, start: number, end: number | null = null): Episode {
  return { id, level, startDate: day(start), endDate: end === null ? null : day(end), endReason: end === null ? null : 'stepped-down' };
}

const session = (offset: number, hours: number): AttendanceSession => ({ sessionDate: day(offset), hours });

describe('iopHoursInSevenDaysTo', () => {
  it('sums the sessions of the 7 days ending on the date, leaving out earlier and later ones', () => {
    const episodes = [ep('a', 'iop', 0)];
    const sessions = [session(12, 3), session(13, 3), session(15, 2.5), session(19, 2), session(20, 3), session(21, 4)];
    expect(iopHoursInSevenDaysTo(sessions, episodes, day(20))).toEqual({ from: day(14), to: day(20), hours: 7.5 });
  });

  it('gives 0 hours when attendance is recorded at this IOP stay but no session falls in the 7 days', () => {
    expect(iopHoursInSevenDaysTo([session(3, 3)], [ep('a', 'iop', 0)], day(20))).toEqual({ from: day(14), to: day(20), hours: 0 });
  });

  it('gives nothing when no attendance is recorded for this stay at IOP', () => {
    expect(iopHoursInSevenDaysTo([], [ep('a', 'iop', 0)], day(20))).toBeNull();
    // Sessions from an earlier IOP stay, before a stretch of inpatient care, say nothing about this one.
    const episodes = [ep('a', 'iop', 0, 5), ep('b', 'inpatient', 5, 10), ep('c', 'iop', 10)];
    expect(iopHoursInSevenDaysTo([session(2, 3)], episodes, day(20))).toBeNull();
    // A session recorded after the date does not count either.
    expect(iopHoursInSevenDaysTo([session(22, 3)], [ep('a', 'iop', 0)], day(20))).toBeNull();
  });

  it('gives nothing when recording began inside the 7 days, since the days before it would count as none attended', () => {
    const episodes = [ep('a', 'iop', 0)];
    expect(iopHoursInSevenDaysTo([session(17, 3), session(19, 3)], episodes, day(20))).toBeNull();
    // Recording from the first of the 7 days on is enough.
    expect(iopHoursInSevenDaysTo([session(14, 3), session(19, 3)], episodes, day(20))).toEqual({ from: day(14), to: day(20), hours: 6 });
  });

  it('gives nothing when the case is not at IOP on the date', () => {
    const sessions = [session(18, 3)];
    expect(iopHoursInSevenDaysTo(sessions, [ep('a', 'outpatient', 0)], day(20))).toBeNull();
    expect(iopHoursInSevenDaysTo(sessions, [ep('a', 'iop', 0, 19)], day(20))).toBeNull();
    expect(iopHoursInSevenDaysTo(sessions, [], day(20))).toBeNull();
  });

  it('gives nothing until the case has been at IOP for all 7 days, since a shorter stay would understate the week', () => {
    const episodes = [ep('a', 'inpatient', 0, 15), ep('b', 'iop', 15)];
    const sessions = [session(15, 3), session(17, 3)];
    expect(iopHoursInSevenDaysTo(sessions, episodes, day(20))).toBeNull();
    expect(iopHoursInSevenDaysTo(sessions, episodes, day(21))).toEqual({ from: day(15), to: day(21), hours: 6 });
  });

  it('counts back-to-back IOP episodes as one stay at IOP', () => {
    const episodes = [ep('a', 'iop', 0, 10), ep('b', 'iop', 10, 17), ep('c', 'iop', 17)];
    expect(iopHoursInSevenDaysTo([session(5, 3), session(16, 3)], episodes, day(18))).toEqual({ from: day(12), to: day(18), hours: 3 });
    // The session that shows attendance is recorded may be in an earlier episode of the same stretch.
    expect(iopHoursInSevenDaysTo([session(5, 3)], episodes, day(18))).toEqual({ from: day(12), to: day(18), hours: 0 });
  });
});
