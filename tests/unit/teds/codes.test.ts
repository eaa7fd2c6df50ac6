import { describe, expect, it } from 'vitest';
import { EPISODE_END_REASONS } from '../../../shared/domain/episodes';
import { TEDS_LOS_RANGES, TEDS_REASON_INFO, TEDS_REASONS, TEDS_SETTING_INFO, TEDS_SETTINGS } from '../../../shared/teds/codes';

describe('TEDS-D code tables', () => {
  it('map 24-hour hospital and residential settings to inpatient, ambulatory ones to iop or outpatient', () => {
    expect(TEDS_SETTINGS.map((setting) => [setting, TEDS_SETTING_INFO[setting].level, TEDS_SETTING_INFO[setting].withdrawalManagement])).toEqual([
      [1, 'inpatient', true],
      [2, 'inpatient', true],
      [3, 'inpatient', false],
      [4, 'inpatient', false],
      [5, 'inpatient', false],
      [6, 'iop', false],
      [7, 'outpatient', false],
      [8, 'outpatient', true],
    ]);
  });

  it('map every REASON to an episode end reason', () => {
    for (const reason of TEDS_REASONS) expect(EPISODE_END_REASONS).toContain(TEDS_REASON_INFO[reason].endReason);
    expect(TEDS_REASONS.map((reason) => TEDS_REASON_INFO[reason].endReason)).toEqual([
      'completed',
      'dropped-out',
      'administrative-discharge',
      'transferred',
      'incarcerated',
      'died',
      'other',
    ]);
  });

  it('make LOS 1–30 exact days and 31–37 ranges that tile 31 days to open-ended without gaps', () => {
    for (let code = 1; code <= 30; code += 1) expect(TEDS_LOS_RANGES[code]).toEqual({ min: code, max: code });
    let next = 31;
    for (let code = 31; code <= 37; code += 1) {
      const range = TEDS_LOS_RANGES[code];
      expect(range?.min).toBe(next);
      next = (range?.max ?? Number.POSITIVE_INFINITY) + 1;
    }
    expect(next).toBe(Number.POSITIVE_INFINITY);
    expect(TEDS_LOS_RANGES[38]).toBeUndefined();
  });
});
