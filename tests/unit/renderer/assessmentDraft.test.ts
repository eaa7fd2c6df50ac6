import { describe, expect, it } from 'vitest';
import type { RecentIopHours } from '../../../shared/domain/attendance';
import type { Episode } from '../../../shared/domain/episodes';
import {
  attendanceFor,
  attendanceHoursText,
  hoursForNewDate,
  hoursMatchAttendance,
  newDraft,
  previewAssessment,
} from '../../../renderer/src/workflow/assessment/draft';

const iopSinceMarch: readonly Episode[] = [{ id: 'e1', level: 'iop', startDate: '2026-03-01', endDate: null, endReason: null }];
// Recorded since before the 7 days to 2026-03-20 (the session on 2026-03-12 falls outside them).
const sessions = [
  { sessionDate: '2026-03-12', hours: 3 },
  { sessionDate: '2026-03-16', hours: 3 },
  { sessionDate: '2026-03-18', hours: 2.5 },
  { sessionDate: '2026-03-20', hours: 2 },
];
const recent = (to: string, hours: number, from: string): RecentIopHours => ({ from, to, hours });

describe('a new assessment pre-filled from attendance', () => {
  it('starts with the hours attended at IOP in the 7 days to its date, which the preview reads as below intensity', () => {
    const attendance = attendanceFor(sessions, iopSinceMarch, '2026-03-20');
    expect(attendance).toEqual(recent('2026-03-20', 7.5, '2026-03-14'));
    const draft = newDraft('2026-03-20', attendance);
    expect(draft.weeklyTreatmentHours).toBe('7.5');
    expect(draft.assessedOn).toBe('2026-03-20');
    expect(previewAssessment(draft, 'iop').weeklyTreatmentHours).toBe(7.5);
  });

  it('starts empty when attendance says nothing: no sessions, not at IOP, or a date not yet valid', () => {
    expect(newDraft('2026-03-20', attendanceFor([], iopSinceMarch, '2026-03-20')).weeklyTreatmentHours).toBe('');
    const outpatient: readonly Episode[] = [{ id: 'e1', level: 'outpatient', startDate: '2026-03-01', endDate: null, endReason: null }];
    expect(attendanceFor(sessions, outpatient, '2026-03-20')).toBeNull();
    expect(attendanceFor(sessions, iopSinceMarch, '')).toBeNull();
    expect(attendanceFor(sessions, iopSinceMarch, '2026-02-30')).toBeNull();
    expect(attendanceHoursText(null)).toBe('');
  });

  it('keeps a pre-filled figure in step with the assessment date, but never replaces hours the clinician typed', () => {
    const before = recent('2026-03-20', 7.5, '2026-03-14');
    const after = recent('2026-03-17', 3, '2026-03-11');
    expect(hoursForNewDate('7.5', before, after)).toBe('3');
    expect(hoursForNewDate('7.5', before, null)).toBe('');
    expect(hoursForNewDate('', null, after)).toBe('3');
    expect(hoursForNewDate('10', before, after)).toBe('10');
    expect(hoursForNewDate('', before, after)).toBe('');
  });

  it('tells whether the field still holds the attendance figure, however it is written', () => {
    const attendance = recent('2026-03-20', 7.5, '2026-03-14');
    expect(hoursMatchAttendance('7.5', attendance)).toBe(true);
    expect(hoursMatchAttendance(' 7.50 ', attendance)).toBe(true);
    expect(hoursMatchAttendance('9', attendance)).toBe(false);
    expect(hoursMatchAttendance('', attendance)).toBe(false);
  });
});
