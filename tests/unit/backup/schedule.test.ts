import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { automaticBackupDue, lastAutomaticBackup } from '../../../electron/backup/schedule';
import type { IsoDate } from '../../../shared/domain/dates';

/** The clinic's calendar at a fixed offset from UTC, so the tests do not depend on the machine's time zone. */
function calendarAt(offsetHours: number): (instant: Date) => IsoDate {
  return (instant) => new Date(instant.getTime() + offsetHours * 3_600_000).toISOString().slice(0, 10);
}

const at = (iso: string) => new Date(iso);

describe('automaticBackupDue: at most one automatic backup per calendar day', () => {
  const newYork = calendarAt(-5);

  it.each([
    ['no automatic backup yet', null, '2026-11-29T15:00:00Z', true],
    ['one earlier the same local day', '2026-11-29T14:00:00Z', '2026-11-29T23:30:00Z', false],
    ['one the day before', '2026-11-28T22:00:00Z', '2026-11-29T15:00:00Z', true],
    // 02:00 UTC on the 30th is still the evening of the 29th in New York.
    ['one at 9 pm local, the clock now past midnight UTC but not local', '2026-11-30T02:00:00Z', '2026-11-30T04:30:00Z', false],
    ['one at 11 pm local, now 1 am local the next day', '2026-11-30T04:00:00Z', '2026-11-30T06:00:00Z', true],
    ['one dated in the future (the clock was set back)', '2027-03-01T12:00:00Z', '2026-11-29T15:00:00Z', true],
  ] as const)('%s → %s', (_label, last, now, due) => {
    expect(automaticBackupDue(last === null ? null : at(last), newYork(at(now)), newYork)).toBe(due);
  });

  it('on a fixed clock, is due exactly when the last automatic backup fell on another local day', () => {
    const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }).map((ms) => new Date(ms));
    fc.assert(
      fc.property(instant, instant, fc.integer({ min: -12, max: 14 }), (last, now, offset) => {
        const calendar = calendarAt(offset);
        expect(automaticBackupDue(last, calendar(now), calendar)).toBe(calendar(last) !== calendar(now));
      }),
    );
  });

  it('uses the local calendar of this computer by default', () => {
    const morning = new Date(2026, 10, 29, 8, 0);
    const evening = new Date(2026, 10, 29, 22, 0);
    expect(automaticBackupDue(morning, '2026-11-29')).toBe(false);
    expect(automaticBackupDue(evening, '2026-11-30')).toBe(true);
  });
});

describe('lastAutomaticBackup', () => {
  it('is the newest automatic one, ignoring manual backups and safety copies', () => {
    expect(
      lastAutomaticBackup([
        { kind: 'manual', createdAt: at('2026-11-30T10:00:00Z') },
        { kind: 'automatic', createdAt: at('2026-11-28T18:00:00Z') },
        { kind: 'automatic', createdAt: at('2026-11-29T18:00:00Z') },
        { kind: 'before-restore', createdAt: at('2026-11-30T11:00:00Z') },
      ]),
    ).toEqual(at('2026-11-29T18:00:00Z'));
    expect(lastAutomaticBackup([{ kind: 'manual', createdAt: at('2026-11-30T10:00:00Z') }])).toBeNull();
  });
});
