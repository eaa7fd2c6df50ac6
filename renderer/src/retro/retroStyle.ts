import type { BarSeriesOption } from 'echarts/charts';
import type { TedsReason } from '../../../shared/teds/codes';
import { INTENSITY_DOTS } from '../components/LevelBadge';
import { settingLevel, settingShortLabel, type ReasonKey, type SettingKey } from './retroModel';

type DecalOption = Exclude<NonNullable<NonNullable<BarSeriesOption['itemStyle']>['decal']>, 'none'>;

/** CSS class of the legend swatch for a reason (retro.css draws the same colour and pattern). */
export function reasonSwatchClass(reason: ReasonKey): string {
  return `reason-swatch reason-${reason ?? 'none'}`;
}

/**
 * Reasons for discharge: colours apart from the three level colours, dark enough for white labels, each with its own
 * pattern so the bar reads in grey print and without colour. retro.css has the matching legend swatches.
 */
export const REASON_COLORS: Readonly<Record<TedsReason | 'none', string>> = {
  1: '#1d6b45',
  2: '#a85a12',
  3: '#a3312b',
  4: '#3a5f9e',
  5: '#5f4386',
  6: '#2b2b2b',
  7: '#6b737c',
  none: '#d5d9de',
};

const WHITE = 'rgba(255, 255, 255, 0.55)';
const stripes = (rotation: number): DecalOption => ({
  symbol: 'rect',
  symbolSize: 1,
  color: WHITE,
  dashArrayX: [1, 0],
  dashArrayY: [2, 5],
  rotation,
});

export const REASON_DECALS: Readonly<Record<TedsReason | 'none', DecalOption | undefined>> = {
  1: undefined,
  2: stripes(-Math.PI / 4),
  3: { symbol: 'circle', symbolSize: 0.7, color: WHITE, dashArrayX: [[4, 4]], dashArrayY: [4, 4] },
  4: stripes(0),
  5: stripes(Math.PI / 4),
  6: undefined,
  7: stripes(Math.PI / 2),
  none: { symbol: 'rect', symbolSize: 1, color: 'rgba(91, 100, 112, 0.45)', dashArrayX: [1, 0], dashArrayY: [1, 5], rotation: -Math.PI / 4 },
};

export function reasonColor(reason: ReasonKey): string {
  return REASON_COLORS[reason ?? 'none'];
}

export function reasonDecal(reason: ReasonKey): DecalOption | undefined {
  return REASON_DECALS[reason ?? 'none'];
}

/** Text on a segment: white on the dark reasons, dark on "not recorded". */
export function reasonTextColor(reason: ReasonKey): string {
  return reason === null ? '#1d2327' : '#ffffff';
}

/** The level's intensity dots before a setting's name, so a chart label reads without colour; hollow when not recorded. */
export function settingWithDots(setting: SettingKey): string {
  const level = settingLevel(setting);
  return `${level === null ? '○○○' : INTENSITY_DOTS[level]} ${settingShortLabel(setting)}`;
}
